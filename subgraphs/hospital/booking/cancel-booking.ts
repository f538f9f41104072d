import { BadUserInputError, InvalidTransitionError, NotFoundError } from '../../../common/errors';
import { BookingEntity } from './booking.entity';
import { bookingTransaction, type BookingDeps } from './book-resource';

/**
 * BOOKED → CANCELLED; the slot is free again at once (its active key becomes NULL).
 * `authorize` sees the booking inside the transaction and throws to refuse the caller.
 */
export async function cancelBooking(deps: BookingDeps, hospitalId: string, bookingId: string, authorize: (booking: BookingEntity) => void = () => undefined): Promise<BookingEntity> {
  if (hospitalId !== deps.hospitalId) {
    throw new BadUserInputError('hospitalId must name the hospital that holds the booking.', { argument: 'hospitalId' });
  }
  return bookingTransaction(deps)(async (manager) => {
    const booking = await manager.findOne(BookingEntity, { where: { id: bookingId } });
    if (!booking) throw new NotFoundError('Booking', { argument: 'bookingId' });
    authorize(booking);
    if (booking.status !== 'BOOKED') throw new InvalidTransitionError(`A ${booking.status} booking cannot be cancelled.`, { status: booking.status });
    await manager.update(BookingEntity, { id: booking.id, status: 'BOOKED' }, { status: 'CANCELLED', activeSlotKey: null, cancelledAt: deps.now });
    return manager.findOneOrFail(BookingEntity, { where: { id: booking.id } });
  });
}
