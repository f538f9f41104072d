import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { connectionType } from '../connection/page-info.type';

@ObjectType({ description: 'A patient an audited write concerns: master index id or chart, never names or values.' })
export class AuditPatientRef {
  @Field(() => ID, { nullable: true })
  mpiId?: string;

  @Field(() => ID, { nullable: true })
  hospitalId?: string;

  @Field(() => String, { nullable: true })
  mrn?: string;
}

@ObjectType({ description: 'One alliance write, successful or refused.' })
export class AuditEntry {
  @Field(() => ID)
  id: string;

  @Field(() => DateTimeScalar)
  time: Date;

  @Field({ description: "The caller's subject." })
  caller: string;

  @Field()
  role: string;

  @Field(() => ID, { nullable: true })
  hospitalId: string | null;

  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field()
  operation: string;

  @Field(() => ID, { nullable: true, description: 'The object written, when known.' })
  targetId: string | null;

  @Field({ description: 'SUCCESS, or the error code of a refused write.' })
  outcome: string;

  @Field(() => [AuditPatientRef])
  patients: AuditPatientRef[];
}

export const AuditConnection = connectionType('Audit', AuditEntry);

@InputType()
export class AuditFilter {
  @Field({ nullable: true })
  operation?: string;

  @Field(() => ID, { nullable: true, description: "The caller's hospital." })
  hospitalId?: string;

  @Field({ nullable: true })
  caller?: string;

  @Field({ nullable: true })
  outcome?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  to?: Date;
}
