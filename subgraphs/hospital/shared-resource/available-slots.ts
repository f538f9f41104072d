import { BadUserInputError } from '../../../common/errors';
import type { SharedResourceEntity } from './shared-resource.entity';
import { generateSlots, type Slot } from './slot-schedule';

export const MAX_SLOT_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SlotWindow {
  from: Date;
  until: Date;
}

/** The window `availableSlots(from, days)` looks at; `from` defaults to now. */
export function slotWindow(from: Date | null | undefined, days: number | null | undefined, now: Date): SlotWindow {
  const span = days ?? 7;
  if (!Number.isInteger(span) || span < 1 || span > MAX_SLOT_DAYS) {
    throw new BadUserInputError(`days must be between 1 and ${MAX_SLOT_DAYS}, got ${span}.`, { argument: 'days', max: MAX_SLOT_DAYS });
  }
  const start = from ?? now;
  return { from: start, until: new Date(start.getTime() + span * DAY_MS) };
}

/**
 * Free slots: the schedule's slots in the window that have not started yet, minus those
 * BOOKED. A resource under maintenance has none.
 */
export function freeSlots(resource: SharedResourceEntity, window: SlotWindow, bookedStarts: readonly Date[], now: Date, limit: number): Slot[] {
  if (resource.status === 'MAINTENANCE') return [];
  const taken = new Set(bookedStarts.map((d) => d.getTime()));
  const from = new Date(Math.max(window.from.getTime(), now.getTime() + 1));
  const out: Slot[] = [];
  for (const slot of generateSlots(resource, from, window.until)) {
    if (out.length >= limit) break;
    if (!taken.has(slot.start.getTime())) out.push(slot);
  }
  return out;
}
