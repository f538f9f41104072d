import type { HospitalContext } from '../context';
import type { BookingEntity } from './booking.entity';

export async function resolveBookingReference(reference: { hospitalId: string; id: string }, ctx: HospitalContext): Promise<BookingEntity | null> {
  if (reference.hospitalId !== ctx.hospitalId) return null;
  return ctx.loaders.bookingById.load(String(reference.id));
}
