import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { HospitalContext } from '../context';
import type { PatientRecordRoot } from '../patient-record/patient-record.resolver';
import { PatientRecord } from '../patient-record/patient-record.type';
import type { SharedResourceEntity } from '../shared-resource/shared-resource.entity';
import { SharedResource } from '../shared-resource/shared-resource.type';
import { bookResource } from './book-resource';
import { CancelBookingArgs } from './booking.args';
import type { BookingEntity } from './booking.entity';
import { BookResourceInput, ResourceBooking } from './booking.type';
import { cancelBooking } from './cancel-booking';

@Resolver(() => ResourceBooking)
export class BookingResolver {
  @Mutation(() => ResourceBooking, { description: 'Books one slot of a shared resource at the member named by input.hospitalId. Idempotent by idempotencyKey.' })
  async bookResource(@Arg('input', () => BookResourceInput) input: BookResourceInput, @Ctx() ctx: HospitalContext): Promise<BookingEntity> {
    return bookResource({ dataSource: ctx.dataSource, hospitalId: ctx.hospitalId, now: ctx.now() }, input);
  }

  @Mutation(() => ResourceBooking, { description: 'Cancels a BOOKED booking; cancelling twice is INVALID_TRANSITION.' })
  async cancelBooking(@Args(() => CancelBookingArgs) { hospitalId, bookingId }: CancelBookingArgs, @Ctx() ctx: HospitalContext): Promise<BookingEntity> {
    return cancelBooking({ dataSource: ctx.dataSource, hospitalId: ctx.hospitalId, now: ctx.now() }, hospitalId, bookingId);
  }

  @FieldResolver(() => ID)
  hospitalId(@Ctx() ctx: HospitalContext): string {
    return ctx.hospitalId;
  }

  @FieldResolver(() => SharedResource)
  async resource(@Root() booking: BookingEntity, @Ctx() ctx: HospitalContext): Promise<SharedResourceEntity> {
    const resource = await ctx.loaders.resourceById.load(booking.resourceId);
    // resources are never deleted while bookings point at them
    return resource ?? ({ id: booking.resourceId } as SharedResourceEntity);
  }

  @FieldResolver(() => PatientRecord, { nullable: true })
  async patient(@Root() booking: BookingEntity, @Ctx() ctx: HospitalContext): Promise<PatientRecordRoot | null> {
    if (!booking.patientMrn) return null;
    if (booking.patientHospitalId && booking.patientHospitalId !== ctx.hospitalId) {
      return { hospitalId: booking.patientHospitalId, mrn: booking.patientMrn };
    }
    return ctx.loaders.patientByMrn.load(booking.patientMrn);
  }
}
