import type { SeededRandom } from '../../runtime/seed/random';
import type { SeedPerson } from '../../runtime/seed/people';
import type { RosterHospital } from '../../runtime/seed/roster';
import { referralDirection, respondBy } from '../referral/direction';
import { ReferralDirection, ReferralStatus, ReferralUrgency } from '../referral/referral-enums';
import type { ReferralEventEntity } from '../referral/referral-event.entity';
import type { ReferralEntity, ResultRef } from '../referral/referral.entity';
import { HospitalLevel } from '../registry/registry-enums';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const UP_REASONS: [string, string, string][] = [
  ['胸痛持续不缓解，心电图ST段抬高，需急诊PCI', 'I21.9', 'cardiology'],
  ['突发言语不清伴右侧肢体无力，疑急性脑梗死', 'I63.9', 'neurology'],
  ['社区获得性肺炎，抗感染治疗效果不佳', 'J18.9', 'respiratory'],
  ['2型糖尿病血糖控制不佳，需调整治疗方案', 'E11.9', 'endocrinology'],
  ['慢性肾脏病3期，肌酐进行性升高', 'N18.3', 'nephrology'],
  ['转移性右下腹痛，疑急性阑尾炎', 'K35.8', 'general-surgery'],
];
const DOWN_REASONS: [string, string, string][] = [
  ['髋部骨折术后，转社区继续康复训练', 'Z50.1', 'rehabilitation'],
  ['脑梗死恢复期，转基层康复及慢病管理', 'I69.3', 'rehabilitation'],
  ['高血压病情稳定，转基层随访管理', 'I10', 'general-practice'],
];
const LATERAL_REASONS: [string, string, string][] = [['需中医康复理疗，本院暂无该项服务', 'M54.5', 'tcm']];

function clinician(hospitalId: string): string {
  return `clinician:seed-clinician@${hospitalId}`;
}

export interface SeededReferrals {
  referrals: ReferralEntity[];
  events: ReferralEventEntity[];
}

export interface ReferralSeedInput {
  random: SeededRandom;
  roster: RosterHospital[];
  people: SeedPerson[];
  anchor: Date;
  count: number;
  /** Results of a person at a hospital that can be attached (final, in the catalogue), newest first. */
  attachable(hospitalId: string, mrn: string, before: Date): ResultRef[];
}

function pairFor(direction: ReferralDirection, roster: RosterHospital[], random: SeededRandom): [RosterHospital, RosterHospital] | null {
  const pairs = roster.flatMap((from) =>
    roster
      .filter((to) => to.id !== from.id && referralDirection(from.level as HospitalLevel, to.level as HospitalLevel) === direction)
      .map((to) => [from, to] as [RosterHospital, RosterHospital]),
  );
  return pairs.length ? random.pick(pairs) : null;
}

/**
 * Referrals tied to people and the hospitals that hold their charts: first one of every
 * (status, urgency) pair with the directions in turn, so every state shows; then a mix
 * weighted like the alliance's reports (more up than down, few lateral).
 */
export function seedReferrals(input: ReferralSeedInput): SeededReferrals {
  const { random, roster, people, anchor } = input;
  const statuses = Object.values(ReferralStatus);
  const urgencies = Object.values(ReferralUrgency);
  const directions = Object.values(ReferralDirection);
  const plan: { status: ReferralStatus; urgency: ReferralUrgency; direction: ReferralDirection }[] = [];
  statuses.forEach((status, s) => urgencies.forEach((urgency, u) => plan.push({ status, urgency, direction: directions[(s + u) % directions.length] })));
  while (plan.length < input.count) {
    const d = random.next();
    const u = random.next();
    plan.push({
      status: random.pick([
        ReferralStatus.COMPLETED,
        ReferralStatus.COMPLETED,
        ReferralStatus.COMPLETED,
        ReferralStatus.ARRIVED,
        ReferralStatus.ACCEPTED,
        ReferralStatus.REJECTED,
        ReferralStatus.CANCELLED,
        ReferralStatus.REQUESTED,
      ]),
      urgency: u < 0.12 ? ReferralUrgency.GREEN_CHANNEL : u < 0.35 ? ReferralUrgency.URGENT : ReferralUrgency.ROUTINE,
      direction: d < 0.55 ? ReferralDirection.UPWARD : d < 0.93 ? ReferralDirection.DOWNWARD : ReferralDirection.LATERAL,
    });
  }

  const referrals: ReferralEntity[] = [];
  const events: ReferralEventEntity[] = [];
  plan.forEach((p, index) => {
    const pair = pairFor(p.direction, roster, random) ?? pairFor(ReferralDirection.UPWARD, roster, random) ?? pairFor(ReferralDirection.LATERAL, roster, random);
    if (!pair) return;
    const [from, to] = pair;
    const holders = people.filter((person) => person.records.some((r) => r.hospitalId === from.id));
    if (holders.length === 0) return;
    const person = random.pick(holders);
    const mrn = person.records.find((r) => r.hospitalId === from.id)!.mrn;
    const direction = referralDirection(from.level as HospitalLevel, to.level as HospitalLevel);
    const [reason, diagnosisCode, specialty] = random.pick(
      direction === ReferralDirection.UPWARD ? UP_REASONS : direction === ReferralDirection.DOWNWARD ? DOWN_REASONS : LATERAL_REASONS,
    );
    // Open referrals are recent; finished ones spread over the last year.
    const daysBack =
      p.status === ReferralStatus.REQUESTED
        ? random.next() * 0.02
        : p.status === ReferralStatus.ACCEPTED
          ? 2.5 + random.next() * 9
          : p.status === ReferralStatus.ARRIVED
            ? 5 + random.next() * 10
            : 15 + random.next() * 340;
    const requestedAt = new Date(anchor.getTime() - Math.round(daysBack * DAY_MS));
    const answerMinutes = p.urgency === ReferralUrgency.GREEN_CHANNEL ? random.int(4, 28) : p.urgency === ReferralUrgency.URGENT ? random.int(20, 220) : random.int(60, 2800);
    const respondedAt = new Date(requestedAt.getTime() + answerMinutes * MINUTE_MS);
    const id = `ref-seed-${String(index + 1).padStart(4, '0')}`;
    const trail: { at: Date; from: ReferralStatus | null; to: ReferralStatus; by: string; note: string | null }[] = [
      { at: requestedAt, from: null, to: ReferralStatus.REQUESTED, by: clinician(from.id), note: null },
    ];
    const accepted = [ReferralStatus.ACCEPTED, ReferralStatus.ARRIVED, ReferralStatus.COMPLETED].includes(p.status) || (p.status === ReferralStatus.CANCELLED && index % 2 === 0);
    let scheduledAt: Date | null = null;
    let outcome: string | null = null;
    if (p.status === ReferralStatus.REJECTED)
      trail.push({ at: respondedAt, from: ReferralStatus.REQUESTED, to: ReferralStatus.REJECTED, by: clinician(to.id), note: '本院该专科床位已满，建议转诊至其他成员单位' });
    if (accepted) {
      scheduledAt = new Date(respondedAt.getTime() + (p.urgency === ReferralUrgency.ROUTINE ? random.int(12, 48) * 60 : 30) * MINUTE_MS);
      trail.push({
        at: respondedAt,
        from: ReferralStatus.REQUESTED,
        to: ReferralStatus.ACCEPTED,
        by: clinician(to.id),
        note: p.urgency === ReferralUrgency.GREEN_CHANNEL ? '绿色通道已开启' : null,
      });
    }
    if (p.status === ReferralStatus.ARRIVED || p.status === ReferralStatus.COMPLETED) {
      trail.push({ at: scheduledAt!, from: ReferralStatus.ACCEPTED, to: ReferralStatus.ARRIVED, by: clinician(to.id), note: null });
    }
    if (p.status === ReferralStatus.COMPLETED) {
      outcome = direction === ReferralDirection.DOWNWARD ? '康复计划完成，转家庭医生签约管理' : '治疗后病情稳定，出院并下转基层随访';
      trail.push({
        at: new Date(scheduledAt!.getTime() + random.int(1, 9) * DAY_MS),
        from: ReferralStatus.ARRIVED,
        to: ReferralStatus.COMPLETED,
        by: clinician(to.id),
        note: outcome,
      });
    }
    if (p.status === ReferralStatus.CANCELLED) {
      const last = trail[trail.length - 1];
      trail.push({
        at: new Date(last.at.getTime() + random.int(10, 600) * MINUTE_MS),
        from: last.to,
        to: ReferralStatus.CANCELLED,
        by: clinician(from.id),
        note: '患者及家属要求暂缓转诊',
      });
    }
    referrals.push({
      id,
      patientMpiId: person.mpiId,
      fromHospitalId: from.id,
      toHospitalId: to.id,
      toDepartmentId: to.level === 'PRIMARY' && !['rehabilitation', 'general-practice', 'tcm'].includes(specialty) ? null : `dep-${specialty}`,
      direction,
      urgency: p.urgency,
      status: p.status,
      reason,
      diagnosisCode,
      attachedResults: direction === ReferralDirection.DOWNWARD ? [] : input.attachable(from.id, mrn, requestedAt).slice(0, 3),
      requestedAt,
      respondBy: respondBy(requestedAt, p.urgency),
      respondedAt: accepted || p.status === ReferralStatus.REJECTED ? respondedAt : null,
      scheduledAt,
      outcome,
    });
    trail.forEach((e, seq) => events.push({ referralId: id, seq: seq + 1, ...e }));
  });
  return { referrals, events };
}
