import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byIdLoader } from '../../runtime/db/keyed-loaders';
import { BookingEntity } from './booking.entity';

/** BOOKED bookings of one resource whose slot starts in [from, until). */
export interface BookedWindowKey {
  resourceId: string;
  from: Date;
  until: Date;
}

export interface BookingLoaders {
  bookingById: DataLoader<string, BookingEntity | null>;
  /** resource → booked slots in a window; one statement per distinct window. */
  bookedInWindow: DataLoader<BookedWindowKey, BookingEntity[], string>;
}

const windowKey = (key: BookedWindowKey) => `${key.from.toISOString()}|${key.until.toISOString()}`;

export function createBookingLoaders(dataSource: DataSource): BookingLoaders {
  return {
    bookingById: byIdLoader(dataSource, BookingEntity, 'id'),
    bookedInWindow: new DataLoader<BookedWindowKey, BookingEntity[], string>(
      async (keys) => {
        const windows = new Map<string, BookedWindowKey[]>();
        for (const key of keys) windows.set(windowKey(key), [...(windows.get(windowKey(key)) ?? []), key]);
        const rowsByWindow = new Map<string, BookingEntity[]>();
        for (const [id, group] of windows) {
          const rows = await dataSource
            .getRepository(BookingEntity)
            .createQueryBuilder('b')
            .where('b.resourceId IN (:...ids)', { ids: [...new Set(group.map((k) => k.resourceId))] })
            .andWhere('b.status = :status', { status: 'BOOKED' })
            .andWhere('b.slotStart >= :from AND b.slotStart < :until', { from: group[0].from, until: group[0].until })
            .getMany();
          rowsByWindow.set(id, rows);
        }
        return keys.map((key) => (rowsByWindow.get(windowKey(key)) ?? []).filter((row) => row.resourceId === key.resourceId));
      },
      { cacheKeyFn: (key) => `${key.resourceId}|${windowKey(key)}` },
    ),
  };
}
