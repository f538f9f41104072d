import type * as R4 from 'fhir/r4';
import type { KeptAddress, KeptConcept, KeptContactPoint, KeptHumanName, KeptIdentifier, KeptNote, KeptOrganization, KeptPerformer } from '../../common/fhir/kept-elements';

/**
 * Elements a member kept from its source (contract 1.2), written back as R4 exactly as
 * they were given: an absent part stays absent (no nulls, no empty lists).
 */

/** The object without its null, undefined and empty-list members. */
function present<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

export function r4Concept(concept: KeptConcept): R4.CodeableConcept {
  return present({
    coding: concept.coding.map((c) => present({ system: c.system ?? undefined, code: c.code ?? undefined, display: c.display ?? undefined })),
    text: concept.text ?? undefined,
  });
}

export function r4Identifier(identifier: KeptIdentifier): R4.Identifier {
  return present({
    use: (identifier.use ?? undefined) as R4.Identifier['use'],
    type: identifier.type ? r4Concept(identifier.type) : undefined,
    system: identifier.system ?? undefined,
    value: identifier.value ?? undefined,
  });
}

export function r4Organization(organization: KeptOrganization): R4.Organization {
  return present({ resourceType: 'Organization' as const, id: organization.id, identifier: organization.identifier.map(r4Identifier), name: organization.name ?? undefined });
}

export function r4Performer(performer: KeptPerformer): R4.Reference {
  return present({
    reference: performer.reference ?? undefined,
    type: performer.type ?? undefined,
    identifier: performer.identifier ? r4Identifier(performer.identifier) : undefined,
    display: performer.display ?? undefined,
  });
}

export function r4Note(note: KeptNote): R4.Annotation {
  return present({ authorString: note.authorString ?? undefined, time: note.time ?? undefined, text: note.text });
}

export function r4Name(name: KeptHumanName): R4.HumanName {
  return present({
    use: (name.use ?? undefined) as R4.HumanName['use'],
    text: name.text ?? undefined,
    family: name.family ?? undefined,
    given: name.given,
    prefix: name.prefix,
    suffix: name.suffix,
  });
}

export function r4ContactPoint(contact: KeptContactPoint): R4.ContactPoint {
  return present({
    system: (contact.system ?? undefined) as R4.ContactPoint['system'],
    value: contact.value ?? undefined,
    use: (contact.use ?? undefined) as R4.ContactPoint['use'],
    rank: contact.rank ?? undefined,
  });
}

export function r4Address(address: KeptAddress): R4.Address {
  return present({
    use: (address.use ?? undefined) as R4.Address['use'],
    type: (address.type ?? undefined) as R4.Address['type'],
    text: address.text ?? undefined,
    line: address.line,
    city: address.city ?? undefined,
    district: address.district ?? undefined,
    state: address.state ?? undefined,
    postalCode: address.postalCode ?? undefined,
    country: address.country ?? undefined,
  });
}

/** Identifiers the same by system and value are one. */
export function sameIdentifier(a: R4.Identifier, b: R4.Identifier): boolean {
  return a.system === b.system && a.value === b.value;
}
