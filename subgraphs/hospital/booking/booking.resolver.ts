import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { ForbiddenError } from '../../../common/errors';
import { patientRef } from '../../runtime/audit/audit-recorder';
import { bookingRefusal, mayCancelBooking } from '../access/hospital-access';
import type { HospitalContext } from '../context';
import type { PatientRecordRoot } from '../patient-record/patient-record.resolver';
import { PatientRecord } from '../patient-record/patient-record.type';
import type { SharedResourceEntity } from '../shared-resource/shared-resource.entity';
import { SharedResource } from '../shared-resource/shared-resource.type';
import { auditedWrite } from '../../runtime/audit/audited-write';
import { bookResource, type BookingDeps } from './book-resource';
import { CancelBookingArgs } from './booking.args';
import type { BookingEntity } from './booking.entity';
import { BookResourceInput, ResourceBooking } from './booking.type';
import { cancelBooking } from './cancel-booking';

/** A refused write is audited as DENIED. */
function refuse(ctx: HospitalContext, message: string): never {
  ctx.audit.noteDenied();
  throw new ForbiddenError(message);
}

/**
 * The booking's write and its audit row commit in one transaction (DESIGN 5); the row
 * names the patient the booking concerns.
 */
function bookingDeps(ctx: HospitalContext): BookingDeps {
  return {
    dataSource: ctx.dataSource,
    hospitalId: ctx.hospitalId,
    now: ctx.now(),
    transaction: (work) => auditedWrite(ctx, ctx.hospitalId, async (manager) => noteBookingPatient(ctx, await work(manager))),
  };
}

/** A write concerning a patient names that patient in the audit row. */
function noteBookingPatient(ctx: HospitalContext, booking: BookingEntity): BookingEntity {
  if (booking.patientMrn) ctx.audit.notePatient(patientRef(booking.patientHospitalId ?? ctx.hospitalId, booking.patientMrn));
  return booking;
}

@Resolver(() => ResourceBooking)
export class BookingResolver {
  @Directive('@hospitalFrom(path: "input.hospitalId")')
  @Mutation(() => ResourceBooking, { description: 'Books one slot of a shared resource at the member named by input.hospitalId. Idempotent by idempotencyKey.' })
  async bookResource(@Arg('input', () => BookResourceInput) input: BookResourceInput, @Ctx() ctx: HospitalContext): Promise<BookingEntity> {
    const refusal = bookingRefusal(ctx.caller, { requestingHospitalId: input.requestingHospitalId, withPatient: !!input.patient });
    if (refusal) refuse(ctx, refusal);
    return bookResource(bookingDeps(ctx), input);
  }

  @Directive('@hospitalFrom(path: "hospitalId")')
  @Mutation(() => ResourceBooking, { description: 'Cancels a BOOKED booking; cancelling twice is INVALID_TRANSITION.' })
  async cancelBooking(@Args(() => CancelBookingArgs) { hospitalId, bookingId }: CancelBookingArgs, @Ctx() ctx: HospitalContext): Promise<BookingEntity> {
    const authorize = (booking: BookingEntity) => {
      if (!mayCancelBooking(ctx.caller, booking, ctx.hospitalId)) refuse(ctx, 'Only clinicians of the requesting or the holding hospital cancel a booking.');
    };
    return cancelBooking(bookingDeps(ctx), hospitalId, bookingId, authorize);
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
