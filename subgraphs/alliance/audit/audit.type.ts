import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { connectionType } from '../connection/page-info.type';

@ObjectType({ description: 'A patient an audited access concerns: master index id or chart, never names or values.' })
export class AuditPatientRef {
  @Field(() => ID, { nullable: true })
  mpiId?: string;

  @Field(() => ID, { nullable: true })
  hospitalId?: string;

  @Field(() => String, { nullable: true })
  mrn?: string;
}

@ObjectType({ description: "One row of the alliance's hash-chained audit trail: a write (allowed or refused), a PHI read, or a refused PHI read." })
export class AuditEntry {
  @Field(() => ID, { description: "The row's place in the chain." })
  id: string;

  @Field(() => DateTimeScalar)
  time: Date;

  @Field({ description: "The caller's subject." })
  caller: string;

  @Field()
  role: string;

  @Field(() => ID, { nullable: true, description: 'The hospital the caller acts for.' })
  hospitalId: string | null;

  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field({ description: 'READ or WRITE.' })
  action: string;

  @Field({ description: 'The mutation of a write; the GraphQL operation name of a read ("(anonymous)" when unnamed).' })
  operation: string;

  @Field({ description: 'sha256 of the operation document (without its variables).' })
  operationHash: string;

  @Field()
  requestId: string;

  @Field(() => ID, { nullable: true, description: 'The object written, when known.' })
  targetId: string | null;

  @Field({ description: 'OK; DENIED (refused by the access rules); ERROR (any other refusal or failure).' })
  outcome: string;

  @Field(() => [AuditPatientRef])
  patients: AuditPatientRef[];
}

export const AuditConnection = connectionType('Audit', AuditEntry);

@InputType()
export class AuditFilter {
  @Field({ nullable: true, description: 'The mutation of a write, or the operation name of a read.' })
  operation?: string;

  @Field({ nullable: true, description: 'READ or WRITE.' })
  action?: string;

  @Field(() => ID, { nullable: true, description: "The caller's hospital." })
  hospitalId?: string;

  @Field({ nullable: true })
  caller?: string;

  @Field({ nullable: true, description: 'OK, DENIED or ERROR (SUCCESS and error codes are read as their outcome).' })
  outcome?: string;

  @Field(() => ID, { nullable: true, description: 'Rows naming this patient (an MPI id).' })
  mpiId?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: Date;
}
