import { SeededRandom } from '../../runtime/seed/random';
import type { HospitalLevelCode } from '../../runtime/seed/roster';
import type { BookingEntity } from '../booking/booking.entity';
import type { ResourceKindCode, ResourceStatusCode, SharedResourceEntity } from '../shared-resource/shared-resource.entity';
import { generateSlots, type SlotSchedule } from '../shared-resource/slot-schedule';
import { departmentId } from './department-catalogue';

interface ResourceTemplate {
  kind: ResourceKindCode;
  name: string;
  specialty: string;
  schedule: SlotSchedule;
}

const WEEKDAYS = '12345';
const MON_SAT = '123456';
const DAILY = '1234567';
/** Beds are booked per day from noon (admission) to noon. */
const BED_DAY: SlotSchedule = { slotMinutes: 24 * 60, dayStartMinute: 12 * 60, dayEndMinute: 36 * 60, weekdays: DAILY };

const CT = (n: number): ResourceTemplate => ({
  kind: 'CT',
  name: `64排螺旋CT ${n}号机`,
  specialty: 'radiology',
  schedule: { slotMinutes: 30, dayStartMinute: 8 * 60, dayEndMinute: 17 * 60, weekdays: MON_SAT },
});
const MRI = (n: number): ResourceTemplate => ({
  kind: 'MRI',
  name: `3.0T磁共振 ${n}号机`,
  specialty: 'radiology',
  schedule: { slotMinutes: 60, dayStartMinute: 8 * 60, dayEndMinute: 20 * 60, weekdays: DAILY },
});
const US = (n: number): ResourceTemplate => ({
  kind: 'ULTRASOUND',
  name: `彩色多普勒超声 ${n}号诊室`,
  specialty: 'radiology',
  schedule: { slotMinutes: 20, dayStartMinute: 8 * 60, dayEndMinute: 17 * 60, weekdays: WEEKDAYS },
});
const DSA: ResourceTemplate = {
  kind: 'DSA',
  name: '数字减影血管造影机(DSA)',
  specialty: 'cardiology',
  schedule: { slotMinutes: 120, dayStartMinute: 8 * 60, dayEndMinute: 16 * 60, weekdays: WEEKDAYS },
};
const ICU = (specialty: string): ResourceTemplate => ({ kind: 'ICU_BED', name: '重症监护床位', specialty, schedule: BED_DAY });
const WARD = (specialty: string, name: string): ResourceTemplate => ({ kind: 'WARD_BED', name, specialty, schedule: BED_DAY });

/** Equipment and beds by hospital level: CT/MRI/DSA at the top, ultrasound and beds everywhere. */
const BY_LEVEL: Record<HospitalLevelCode, ResourceTemplate[]> = {
  TERTIARY: [CT(1), CT(2), MRI(1), MRI(2), DSA, US(1), US(2), ICU('critical-care'), WARD('general-surgery', '普通外科病房床位'), WARD('rehabilitation', '康复病房床位')],
  SECONDARY: [CT(1), MRI(1), US(1), US(2), ICU('critical-care'), WARD('general-practice', '全科病房床位')],
  PRIMARY: [US(1), WARD('general-practice', '全科病房床位'), WARD('rehabilitation', '康复病房床位')],
};

export interface SeedResources {
  resources: SharedResourceEntity[];
  bookings: BookingEntity[];
}

export interface BookingPatient {
  hospitalId: string;
  mrn: string;
}

/**
 * Resources and their bookings, a pure function of the arguments. One resource per
 * hospital is under maintenance (the last MRI or ultrasound), and one bed pool is kept
 * for the hospital's own patients. Bookings fall in the week after the anchor, from
 * other members for their own patients; every fourth is cancelled.
 */
export function seedResources(
  hospitalId: string,
  level: HospitalLevelCode,
  anchor: Date,
  otherHospitals: string[],
  patientsOf: (hospitalId: string) => BookingPatient[],
): SeedResources {
  const random = new SeededRandom(`hospital:${hospitalId}:resources`);
  const templates = BY_LEVEL[level];
  const maintenanceIndex = templates.map((t) => t.kind).lastIndexOf(level === 'PRIMARY' ? 'ULTRASOUND' : 'MRI');
  const resources: SharedResourceEntity[] = templates.map((template, i) => {
    const status: ResourceStatusCode = i === maintenanceIndex && level !== 'PRIMARY' ? 'MAINTENANCE' : random.chance(0.15) ? 'IN_USE' : 'AVAILABLE';
    const kindCount = templates.slice(0, i + 1).filter((t) => t.kind === template.kind).length;
    return {
      id: `res-${template.kind.toLowerCase().replace('_', '-')}-${kindCount}`,
      kind: template.kind,
      name: template.name,
      departmentId: departmentId(template.specialty),
      status,
      sharedWithAlliance: !(template.kind === 'WARD_BED' && template.specialty === 'rehabilitation' && level === 'TERTIARY'),
      ...template.schedule,
    };
  });

  const bookings: BookingEntity[] = [];
  const weekAhead = new Date(anchor.getTime() + 7 * 86_400_000);
  for (const resource of resources) {
    if (resource.status === 'MAINTENANCE' || !resource.sharedWithAlliance || otherHospitals.length === 0) continue;
    const slots = generateSlots(resource, new Date(anchor.getTime() + 3_600_000), weekAhead);
    for (const slot of random.sample(slots, Math.min(slots.length, random.int(1, 4)))) {
      const requester = random.pick(otherHospitals);
      const patients = patientsOf(requester);
      const patient = patients.length > 0 ? random.pick(patients) : null;
      const cancelled = (bookings.length + 1) % 4 === 0;
      bookings.push({
        id: `bk-seed-${String(bookings.length + 1).padStart(4, '0')}`,
        resourceId: resource.id,
        slotStart: slot.start,
        slotEnd: slot.end,
        requestingHospitalId: requester,
        patientHospitalId: patient?.hospitalId ?? null,
        patientMrn: patient?.mrn ?? null,
        status: cancelled ? 'CANCELLED' : 'BOOKED',
        activeSlotKey: cancelled ? null : slot.start.toISOString(),
        createdAt: new Date(anchor.getTime() - random.int(1, 72) * 3_600_000),
        cancelledAt: cancelled ? new Date(anchor.getTime() - 1_800_000) : null,
      });
    }
  }
  return { resources, bookings };
}
