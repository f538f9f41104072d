import type { RosterHospital } from '../../runtime/seed/roster';
import { localDate } from '../recognition/local-date';
import { demoCatalogue } from '../recognition/catalogue';
import { RecognitionCategory } from '../recognition/recognition-enums';
import type { RecognitionItemEntity } from '../recognition/recognition-item.entity';
import type { HospitalEntity } from '../registry/hospital.entity';
import { HospitalRole, MembershipStatus } from '../registry/registry-enums';
import type { LabQualificationEntity } from '../registry/lab-qualification.entity';
import type { MembershipEventEntity } from '../registry/membership-event.entity';

const DAY_MS = 86_400_000;
export const SEED_ACTOR = 'admin:seed@dh-lead';

/** The member whose lab is not qualified for some items (LAB_NOT_QUALIFIED in the demo). */
export const UNQUALIFIED_MEMBER = 'dh-chc-hill';
/** Items that member's lab failed in EQA: HbA1c and TSH. */
export const FAILED_ITEMS = ['4548-4', '3016-3'];
/** Its LDL-C qualification lapsed 60 days before the anchor: older results qualify, newer do not. */
export const LAPSED_ITEM = '22748-8';
export const LAPSED_DAYS_BEFORE_ANCHOR = 60;

export function seedHospitals(roster: RosterHospital[], anchor: Date): { hospitals: HospitalEntity[]; events: MembershipEventEntity[] } {
  const hospitals = roster.map((h, i) => ({
    id: h.id,
    name: h.name,
    level: h.level,
    role: HospitalRole[h.role],
    region: h.region,
    status: MembershipStatus.ACTIVE,
    joinedAt: new Date(anchor.getTime() - (3 * 365 - i * 30) * DAY_MS),
    recognitionMark: h.recognitionMark,
    subgraphUrl: `http://127.0.0.1:${h.port}/graphql`,
  }));
  const events = hospitals.map((h) => ({
    id: `mev-seed-${h.id}`,
    hospitalId: h.id,
    fromStatus: null,
    toStatus: 'ACTIVE',
    reason: 'founding member',
    at: h.joinedAt,
    by: SEED_ACTOR,
  }));
  return { hospitals, events };
}

export function seedCatalogue(): RecognitionItemEntity[] {
  return demoCatalogue().map((item) => ({ ...item }));
}

/**
 * Every member passes EQA for the lab items (imaging only where a CT/MRI department
 * exists, i.e. above primary level), valid from about 13 months before the anchor to
 * 11 months after; the unqualified member fails two items and lets one lapse.
 */
export function seedQualifications(roster: RosterHospital[], anchor: Date, timeZone: string): LabQualificationEntity[] {
  const from = localDate(new Date(anchor.getTime() - 400 * DAY_MS), timeZone);
  const until = localDate(new Date(anchor.getTime() + 330 * DAY_MS), timeZone);
  const lapsed = localDate(new Date(anchor.getTime() - LAPSED_DAYS_BEFORE_ANCHOR * DAY_MS), timeZone);
  const rows: LabQualificationEntity[] = [];
  for (const hospital of roster) {
    for (const item of demoCatalogue()) {
      if (item.category === RecognitionCategory.IMAGING && hospital.level === 'PRIMARY') continue;
      const unqualified = hospital.id === UNQUALIFIED_MEMBER;
      rows.push({
        id: `qual-${hospital.id}-${item.loinc}`,
        hospitalId: hospital.id,
        loinc: item.loinc,
        program: item.category === RecognitionCategory.LAB ? '湖北省临床检验中心室间质评 EQA' : '湖北省医学影像质控中心 QC',
        passed: !(unqualified && FAILED_ITEMS.includes(item.loinc)),
        validFrom: from,
        validUntil: unqualified && item.loinc === LAPSED_ITEM ? lapsed : until,
      });
    }
  }
  return rows;
}
