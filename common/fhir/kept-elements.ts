/**
 * FHIR elements a hospital keeps as its source gave them (import-fhir), in the shape they
 * are stored (JSON columns), served (contract 1.2) and written back out (the gateway's
 * FHIR API). Each is the R4 element with the parts that are kept; an absent part is null,
 * so a stored value reads back the same on both databases.
 */

export interface KeptCoding {
  system: string | null;
  code: string | null;
  display: string | null;
}

/** A CodeableConcept: its codings in the order given, and its text. */
export interface KeptConcept {
  coding: KeptCoding[];
  text: string | null;
}

export interface KeptIdentifier {
  use: string | null;
  type: KeptConcept | null;
  system: string | null;
  value: string | null;
}

/** A quantity of a reference range, in the result's UCUM unit (checked on import). */
export interface KeptQuantity {
  value: number;
  unit: string | null;
  system: string | null;
  code: string | null;
}

export interface KeptReferenceRange {
  low: KeptQuantity | null;
  high: KeptQuantity | null;
  type: KeptConcept | null;
  appliesTo: KeptConcept[];
  text: string | null;
}

/** An Organization the source contained in the Observation and a performer points to (`#id`). */
export interface KeptOrganization {
  id: string;
  name: string | null;
  identifier: KeptIdentifier[];
}

/** Observation.performer as given; `organization` when its reference is a contained Organization. */
export interface KeptPerformer {
  reference: string | null;
  type: string | null;
  display: string | null;
  identifier: KeptIdentifier | null;
  organization: KeptOrganization | null;
}

/** Observation.note (an R4 Annotation) with a string author. */
export interface KeptNote {
  text: string;
  time: string | null;
  authorString: string | null;
}

export interface KeptHumanName {
  use: string | null;
  text: string | null;
  family: string | null;
  given: string[];
  prefix: string[];
  suffix: string[];
}

export interface KeptContactPoint {
  system: string | null;
  value: string | null;
  use: string | null;
  rank: number | null;
}

export interface KeptAddress {
  use: string | null;
  type: string | null;
  text: string | null;
  line: string[];
  city: string | null;
  district: string | null;
  state: string | null;
  postalCode: string | null;
  country: string | null;
}
