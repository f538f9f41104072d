import { seedDirectory } from '../../hospital/seed/seed-directory';
import type { SeededRandom } from '../../runtime/seed/random';
import type { RosterHospital } from '../../runtime/seed/roster';
import { DispatchPurpose, DispatchStatus } from '../dispatch/dispatch-enums';
import type { ExpertDispatchEntity } from '../dispatch/dispatch.entity';
import { localDate } from '../recognition/local-date';
import { TrainingStatus } from '../training/training-enums';
import type { TrainingEntity } from '../training/training.entity';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const RANK: Record<string, number> = { PRIMARY: 1, SECONDARY: 2, TERTIARY: 3 };

const PROGRAMS = ['全科医生转岗培训', '急危重症救治能力提升班', '慢病管理与家庭医生签约服务', '超声诊断进修', '中医适宜技术推广', '院感防控与护理质量'];

/**
 * Staff come from the hospitals' own seed directory (`seedDirectory`, a pure function of
 * hospital id and level), so dispatched experts and trainees resolve at their members:
 * experts are the staff marked available for dispatch at the upper levels, trainees are
 * physicians and nurses of the lower levels.
 */
export function seedDispatches(random: SeededRandom, roster: RosterHospital[], anchor: Date, count: number): ExpertDispatchEntity[] {
  const experts = roster
    .filter((h) => h.level !== 'PRIMARY')
    .flatMap((h) =>
      seedDirectory(h.id, h.level)
        .staff.filter((s) => s.availableForDispatch)
        .map((s) => ({ hospital: h, staff: s })),
    );
  if (experts.length === 0) return [];
  const rows: ExpertDispatchEntity[] = [];
  // One of each status first, then a past-heavy mix.
  const statuses = [DispatchStatus.COMPLETED, DispatchStatus.ACTIVE, DispatchStatus.PLANNED, DispatchStatus.CANCELLED];
  for (let i = 0; i < count; i += 1) {
    const status =
      i < statuses.length
        ? statuses[i]
        : random.pick([
            DispatchStatus.COMPLETED,
            DispatchStatus.COMPLETED,
            DispatchStatus.COMPLETED,
            DispatchStatus.COMPLETED,
            DispatchStatus.ACTIVE,
            DispatchStatus.PLANNED,
            DispatchStatus.CANCELLED,
          ]);
    const { hospital, staff } = experts[i % experts.length];
    const targets = roster.filter((h) => RANK[h.level] < RANK[hospital.level]);
    if (targets.length === 0) continue;
    const to = random.pick(targets);
    const days = random.int(1, 5);
    const startOffsetDays = status === DispatchStatus.ACTIVE ? -random.int(0, days - 1) : status === DispatchStatus.PLANNED ? random.int(3, 40) : -random.int(days + 1, 350);
    // Midnight UTC is 08:00 in Shanghai: visits start at 08:00 and end at 17:00 local time.
    const start = new Date(Math.floor(anchor.getTime() / DAY_MS) * DAY_MS + startOffsetDays * DAY_MS);
    const end = new Date(start.getTime() + (days - 1) * DAY_MS + 9 * HOUR_MS);
    const done = status === DispatchStatus.COMPLETED;
    const purpose = random.pick(Object.values(DispatchPurpose));
    rows.push({
      id: `dsp-seed-${String(i + 1).padStart(4, '0')}`,
      expertHospitalId: hospital.id,
      expertId: staff.id,
      toHospitalId: to.id,
      toDepartmentId: staff.specialty && to.level !== 'PRIMARY' ? `dep-${staff.specialty}` : 'dep-general-practice',
      purpose,
      start,
      end: status === DispatchStatus.ACTIVE && end.getTime() <= anchor.getTime() ? new Date(anchor.getTime() + 8 * HOUR_MS) : end,
      status,
      patientsSeen: done || status === DispatchStatus.ACTIVE ? random.int(8, 25) * days : 0,
      proceduresPerformed: done && (purpose === DispatchPurpose.SURGERY || purpose === DispatchPurpose.CLINIC) ? random.int(1, 4) * days : 0,
    });
  }
  return rows;
}

export function seedTrainings(random: SeededRandom, roster: RosterHospital[], anchor: Date, count: number, timeZone: string): TrainingEntity[] {
  const trainees = roster
    .filter((h) => h.level !== 'TERTIARY')
    .flatMap((h) =>
      seedDirectory(h.id, h.level)
        .staff.filter((s) => s.role === 'PHYSICIAN' || s.role === 'NURSE')
        .map((s) => ({ hospital: h, staff: s })),
    );
  if (trainees.length === 0) return [];
  const rows: TrainingEntity[] = [];
  const statuses = [TrainingStatus.COMPLETED, TrainingStatus.FAILED, TrainingStatus.IN_PROGRESS, TrainingStatus.ENROLLED, TrainingStatus.WITHDRAWN];
  for (let i = 0; i < count; i += 1) {
    const status =
      i < statuses.length
        ? statuses[i]
        : random.pick([
            TrainingStatus.COMPLETED,
            TrainingStatus.COMPLETED,
            TrainingStatus.COMPLETED,
            TrainingStatus.IN_PROGRESS,
            TrainingStatus.ENROLLED,
            TrainingStatus.FAILED,
            TrainingStatus.WITHDRAWN,
          ]);
    const { hospital, staff } = trainees[(i * 7) % trainees.length];
    const hosts = roster.filter((h) => RANK[h.level] > RANK[hospital.level]);
    if (hosts.length === 0) continue;
    const host = random.pick(hosts);
    const weeks = random.pick([2, 4, 8, 12]);
    const startDaysBack =
      status === TrainingStatus.ENROLLED ? -random.int(5, 40) : status === TrainingStatus.IN_PROGRESS ? random.int(1, weeks * 7 - 1) : random.int(weeks * 7 + 2, 330);
    const start = new Date(anchor.getTime() - startDaysBack * DAY_MS);
    const end = new Date(start.getTime() + weeks * 7 * DAY_MS);
    const finished = status === TrainingStatus.COMPLETED || status === TrainingStatus.FAILED;
    rows.push({
      id: `trn-seed-${String(i + 1).padStart(4, '0')}`,
      traineeHospitalId: hospital.id,
      traineeId: staff.id,
      hostHospitalId: host.id,
      hostDepartmentId: staff.specialty ? `dep-${staff.specialty}` : null,
      program: random.pick(PROGRAMS),
      start: localDate(start, timeZone),
      end: localDate(end, timeZone),
      status,
      completedAt: finished ? end : null,
    });
  }
  return rows;
}
