/**
 * Bookable slots of a shared resource from its weekly schedule. Schedules are kept in
 * the alliance's local time, China Standard Time: UTC+8 all year (no daylight saving),
 * so a fixed offset is exact.
 */
export const LOCAL_OFFSET_MINUTES = 8 * 60;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface SlotSchedule {
  slotMinutes: number;
  /** Minutes after local midnight of the first slot's start. */
  dayStartMinute: number;
  /** Minutes after local midnight by which the last slot has ended; may pass midnight (beds). */
  dayEndMinute: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday, e.g. "12345". */
  weekdays: string;
}

export interface Slot {
  start: Date;
  end: Date;
}

/** UTC instant of local midnight of the local day containing `at`. */
function localMidnight(at: number): number {
  const local = at + LOCAL_OFFSET_MINUTES * MINUTE;
  return local - (((local % DAY) + DAY) % DAY) - LOCAL_OFFSET_MINUTES * MINUTE;
}

function isoWeekday(midnightUtc: number): number {
  const day = new Date(midnightUtc + LOCAL_OFFSET_MINUTES * MINUTE).getUTCDay();
  return day === 0 ? 7 : day;
}

function opensOn(schedule: SlotSchedule, midnightUtc: number): boolean {
  return schedule.weekdays.includes(String(isoWeekday(midnightUtc)));
}

/** Slots starting in [from, until), in time order, at most `limit`. */
export function generateSlots(schedule: SlotSchedule, from: Date, until: Date, limit = Number.POSITIVE_INFINITY): Slot[] {
  const slots: Slot[] = [];
  if (schedule.slotMinutes <= 0) return slots;
  const fromMs = from.getTime();
  const untilMs = until.getTime();
  // a slot that started the day before may still be open, but only starts count
  for (let midnight = localMidnight(fromMs); midnight < untilMs && slots.length < limit; midnight += DAY) {
    if (!opensOn(schedule, midnight)) continue;
    for (let m = schedule.dayStartMinute; m + schedule.slotMinutes <= schedule.dayEndMinute; m += schedule.slotMinutes) {
      const start = midnight + m * MINUTE;
      if (start < fromMs) continue;
      if (start >= untilMs || slots.length >= limit) break;
      slots.push({ start: new Date(start), end: new Date(start + schedule.slotMinutes * MINUTE) });
    }
  }
  return slots;
}

/** The slot that starts exactly at `start`, or null when the schedule has none there. */
export function slotStartingAt(schedule: SlotSchedule, start: Date): Slot | null {
  const at = start.getTime();
  const midnight = localMidnight(at);
  if (!opensOn(schedule, midnight)) return null;
  const offset = at - midnight;
  if (offset % MINUTE !== 0) return null;
  const minute = offset / MINUTE;
  if (minute < schedule.dayStartMinute || (minute - schedule.dayStartMinute) % schedule.slotMinutes !== 0) return null;
  if (minute + schedule.slotMinutes > schedule.dayEndMinute) return null;
  return { start: new Date(at), end: new Date(at + schedule.slotMinutes * MINUTE) };
}
