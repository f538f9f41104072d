import { BadUserInputError, InvalidTransitionError, NotFoundError } from '../../../common/errors';
import { updateIfStatus } from '../../runtime/db/update-if-status';
import { BookingEntity } from './booking.entity';
import { bookingTransaction, type BookingDeps } from './book-resource';

/**
 * BOOKED → CANCELLED; the slot is free again at once (its active key becomes NULL).
 * `authorize` sees the booking inside the transaction and throws to refuse the caller.
 */
export async function cancelBooking(
  deps: BookingDeps,
  hospitalId: string,
  bookingId: string,
  authorize: (booking: BookingEntity) => void = () => undefined,
): Promise<BookingEntity> {
  if (hospitalId !== deps.hospitalId) {
    throw new BadUserInputError('hospitalId must name the hospital that holds the booking.', { argument: 'hospitalId' });
  }
  return bookingTransaction(deps)(async (manager) => {
    const booking = await manager.findOne(BookingEntity, { where: { id: bookingId } });
    if (!booking) throw new NotFoundError('Booking', { argument: 'bookingId' });
    authorize(booking);
    if (booking.status !== 'BOOKED') throw new InvalidTransitionError(`A ${booking.status} booking cannot be cancelled.`, { status: booking.status });
    const cancelled = await updateIfStatus(manager, BookingEntity, booking.id, 'BOOKED', { status: 'CANCELLED', activeSlotKey: null, cancelledAt: deps.now });
    // another caller cancelled it between our read and our update
    if (!cancelled) throw new InvalidTransitionError('A CANCELLED booking cannot be cancelled.', { status: 'CANCELLED' });
    return manager.findOneOrFail(BookingEntity, { where: { id: booking.id } });
  });
}
