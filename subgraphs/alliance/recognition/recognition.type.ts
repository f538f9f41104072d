import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { RecognitionCategory, RecognitionDecisionKind, RecognitionScope, RecognitionStatus, ResultStatus, RetestReason } from './recognition-enums';

@ObjectType({ description: 'An item of the mutual-recognition catalogue (检查检验结果互认项目).' })
export class RecognitionItem {
  @Field()
  loinc: string;

  @Field()
  name: string;

  @Field(() => RecognitionCategory)
  category: RecognitionCategory;

  @Field(() => RecognitionScope)
  scope: RecognitionScope;

  @Field({ description: '全国HR for national items, a provincial prefix such as 鄂HR otherwise.' })
  mark: string;

  @Field(() => Int)
  validityDays: number;

  @Field(() => Float)
  priceYuan: number;
}

@ObjectType({ description: 'Whether a result is mutually recognised at a hospital at a moment (DESIGN 6).' })
export class Recognition {
  @Field(() => RecognitionStatus)
  status: RecognitionStatus;

  @Field(() => String, { nullable: true })
  mark: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'collectedAt + validityDays; set whenever the item is in the catalogue.' })
  validUntil: Date | null;

  @Field(() => RecognitionItem, { nullable: true })
  item: RecognitionItem | null;

  @Field()
  reason: string;
}

/** A member's lab result; the alliance adds `recognition`, computed from the fields it requires. */
@Directive('@key(fields: "hospitalId id")')
@ObjectType()
export class LabResult {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field()
  loinc: string;

  @Directive('@external')
  @Field(() => ResultStatus)
  status: ResultStatus;

  @Directive('@external')
  @Field(() => DateTimeScalar)
  collectedAt: Date;
}

@InputType()
export class LabResultRefInput {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;
}

@InputType()
export class RecognitionDecisionInput {
  @Field(() => LabResultRefInput)
  result: LabResultRefInput;

  @Field()
  loinc: string;

  @Field(() => ID)
  atHospitalId: string;

  @Field(() => RecognitionDecisionKind)
  decision: RecognitionDecisionKind;

  @Field(() => RetestReason, { nullable: true })
  retestReason?: RetestReason | null;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field()
  idempotencyKey: string;
}

@ObjectType({ description: "A receiving physician's decision on another member's result." })
export class RecognitionDecision {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  atHospitalId: string;

  @Field(() => RecognitionDecisionKind)
  decision: RecognitionDecisionKind;

  @Field(() => RetestReason, { nullable: true })
  retestReason: RetestReason | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field()
  decidedBy: string;

  @Field(() => DateTimeScalar)
  decidedAt: Date;

  @Field(() => Float)
  savedYuan: number;
}
