import { Directive, Field, Int, ObjectType } from 'type-graphql';

/**
 * FHIR elements a chart or a result keeps as its source system gave them (contract 1.2;
 * `common/fhir/kept-elements.ts` has their stored shape, which these mirror field by
 * field). PHI, like the chart or result that holds them (`access/type-capabilities.ts`).
 */

/**
 * Every field here is part of one stored value, read with the chart or result's row: none
 * costs a resolver or a query, and none leads back to an entity (no cycle, no fan-out),
 * so the gateway's cost estimate counts the element once, at the field that holds it
 * (weight 0 here; the holding list fields carry their `@listSize(assumedSize:)`).
 */
export const ONE_STORED_VALUE = '@cost(weight: 0)';

@ObjectType('Coding', { description: 'A code of a code system, with its display as the source gave it.' })
export class Coding {
  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  system: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  code: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  display: string | null;
}

@ObjectType('CodedConcept', { description: 'A FHIR CodeableConcept: its codings in the order given, and its text.' })
export class CodedConcept {
  @Directive(ONE_STORED_VALUE)
  @Field(() => [Coding])
  coding: Coding[];

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  text: string | null;
}

@ObjectType('Identifier', { description: 'An identifier a source system gave (FHIR Identifier: use, type, system, value).' })
export class Identifier {
  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  use: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => CodedConcept, { nullable: true, description: 'E.g. v2-0203 NI for a national id.' })
  type: CodedConcept | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  system: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  value: string | null;
}

@ObjectType('PerformingOrganization', { description: 'The organization a performer names, as the source described it in the Observation.' })
export class PerformingOrganization {
  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { description: "Its id inside the source's Observation (a performer's reference is #id)." })
  id: string;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  name: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => [Identifier])
  identifier: Identifier[];
}

@ObjectType('ResultPerformer', { description: 'Who performed the test, as the source names it (FHIR Observation.performer).' })
export class ResultPerformer {
  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  reference: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true, description: 'The type of resource referred to, e.g. Organization.' })
  type: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  display: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => Identifier, { nullable: true })
  identifier: Identifier | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => PerformingOrganization, { nullable: true, description: 'When the reference points into the Observation (#id): that organization.' })
  organization: PerformingOrganization | null;
}

@ObjectType('ResultNote', { description: 'A comment on a result (FHIR Observation.note).' })
export class ResultNote {
  @Directive(ONE_STORED_VALUE)
  @Field(() => String)
  text: string;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true, description: 'FHIR dateTime as given.' })
  time: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  authorString: string | null;
}

@ObjectType('HumanName', { description: "One of a patient's names as the source gave it (FHIR HumanName)." })
export class HumanName {
  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true, description: 'usual, official, temp, nickname, anonymous, old, maiden.' })
  use: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  text: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  family: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => [String])
  given: string[];

  @Directive(ONE_STORED_VALUE)
  @Field(() => [String])
  prefix: string[];

  @Directive(ONE_STORED_VALUE)
  @Field(() => [String])
  suffix: string[];
}

@ObjectType('ContactPoint', { description: 'A phone number, e-mail … of a patient (FHIR ContactPoint).' })
export class ContactPoint {
  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true, description: 'phone, fax, email, pager, url, sms, other.' })
  system: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  value: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  use: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => Int, { nullable: true })
  rank: number | null;
}

@ObjectType('Address', { description: "A patient's address as the source gave it (FHIR Address)." })
export class Address {
  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  use: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  type: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  text: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => [String])
  line: string[];

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  city: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  district: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  state: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  postalCode: string | null;

  @Directive(ONE_STORED_VALUE)
  @Field(() => String, { nullable: true })
  country: string | null;
}
