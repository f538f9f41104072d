import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { PatientRecord } from '../patient-record/patient-record.type';
import { SharedResource } from '../shared-resource/shared-resource.type';
import type { BookingStatusCode } from './booking.entity';

export const BookingStatus = { BOOKED: 'BOOKED', CANCELLED: 'CANCELLED' } as const;
registerEnumType(BookingStatus, { name: 'BookingStatus' });

@ObjectType('ResourceBooking', { description: 'A booked slot of a shared resource.' })
@Directive('@key(fields: "hospitalId id")')
@Directive('@hospitalFrom(path: "hospitalId")')
export class ResourceBooking {
  @Field(() => ID)
  hospitalId: string;

  @Field(() => ID)
  id: string;

  @Field(() => SharedResource)
  resource: SharedResource;

  @Field(() => DateTimeScalar)
  slotStart: Date;

  @Field(() => DateTimeScalar)
  slotEnd: Date;

  @Field(() => ID)
  requestingHospitalId: string;

  @Field(() => PatientRecord, { nullable: true })
  patient?: PatientRecord | null;

  @Field(() => BookingStatus)
  status: BookingStatusCode;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@InputType('PatientRefInput')
export class PatientRefInput {
  @Field(() => ID)
  hospitalId: string;

  @Field()
  mrn: string;
}

@InputType('BookResourceInput')
export class BookResourceInput {
  @Field(() => ID, { description: 'The member that owns the resource; the gateway routes on it.' })
  hospitalId: string;

  @Field(() => ID)
  resourceId: string;

  @Field(() => DateTimeScalar)
  slotStart: Date;

  @Field(() => ID)
  requestingHospitalId: string;

  @Field(() => PatientRefInput, { nullable: true })
  patient?: PatientRefInput | null;

  @Field()
  idempotencyKey: string;
}
