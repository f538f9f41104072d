import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../runtime/schema/scalars';
import { AllianceKind, HospitalLevel, HospitalRole, MembershipStatus } from './registry-enums';

@ObjectType({ description: 'An EQA (室间质评) qualification of a member lab for one item; dates are alliance-local, inclusive.' })
export class LabQualification {
  @Field()
  loinc: string;

  @Field()
  program: string;

  @Field()
  passed: boolean;

  @Field(() => DateScalar)
  validFrom: string;

  @Field(() => DateScalar)
  validUntil: string;
}

@ObjectType({ description: 'A change of membership status and its reason.' })
export class MembershipEvent {
  @Field(() => MembershipStatus, { nullable: true })
  from: MembershipStatus | null;

  @Field(() => MembershipStatus)
  to: MembershipStatus;

  @Field()
  reason: string;

  @Field(() => DateTimeScalar)
  at: Date;

  @Field()
  by: string;
}

/** The directory entry of a member; `subgraphUrl`, the qualifications and the history are field resolvers. */
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A member of the alliance (directory entry). Hospital subgraphs add departments, staff and resources.' })
export class Hospital {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => HospitalLevel)
  level: HospitalLevel;

  @Field(() => HospitalRole)
  role: HospitalRole;

  @Field()
  region: string;

  @Field(() => MembershipStatus)
  status: MembershipStatus;

  @Field(() => DateTimeScalar)
  joinedAt: Date;

  @Field(() => String, { nullable: true, description: 'Provincial recognition mark printed on recognised results, e.g. 鄂HR.' })
  recognitionMark: string | null;
}

@ObjectType({ description: 'The medical alliance (医联体).' })
export class Alliance {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'English name.' })
  nameEn: string;

  @Field(() => AllianceKind)
  kind: AllianceKind;

  @Field()
  region: string;
}
