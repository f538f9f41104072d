import type { DataSource } from 'typeorm';
import { Between, LessThan, MoreThan, Not } from 'typeorm';
import { DispatchStatus } from '../dispatch/dispatch-enums';
import { ExpertDispatchEntity } from '../dispatch/dispatch.entity';
import { RecognitionDecisionEntity } from '../recognition/recognition-decision.entity';
import { ReferralEntity } from '../referral/referral.entity';
import { TrainingEntity } from '../training/training.entity';
import type { StatsRows, StatsWindow } from './compute-alliance-stats';

/**
 * The rows the statistics need, narrowed to the window by the database: four
 * statements, whatever the window. Only ids, times and codes are read (no patient data).
 */
export async function loadStatsRows(dataSource: DataSource, window: StatsWindow): Promise<StatsRows> {
  const m = dataSource.manager;
  const [referrals, dispatches, trainings, decisions] = await Promise.all([
    m.find(ReferralEntity, {
      select: { id: true, fromHospitalId: true, toHospitalId: true, direction: true, urgency: true, requestedAt: true, respondedAt: true },
      where: { requestedAt: Between(window.from, new Date(window.to.getTime() - 1)) },
    }),
    m.find(ExpertDispatchEntity, {
      select: { id: true, expertHospitalId: true, expertId: true, toHospitalId: true, start: true, end: true, status: true },
      where: { start: LessThan(window.to), end: MoreThan(window.from), status: Not(DispatchStatus.CANCELLED) },
    }),
    m.find(TrainingEntity, {
      select: { id: true, traineeHospitalId: true, traineeId: true, hostHospitalId: true, status: true, completedAt: true },
      where: { status: 'COMPLETED', completedAt: Between(window.from, new Date(window.to.getTime() - 1)) },
    }),
    m.find(RecognitionDecisionEntity, {
      select: { id: true, atHospitalId: true, decision: true, decidedAt: true, savedYuan: true, retestReason: true },
      where: { decidedAt: Between(window.from, new Date(window.to.getTime() - 1)) },
    }),
  ]);
  return {
    referrals,
    dispatches,
    trainings,
    decisions: decisions.map((d) => ({ ...d, savedYuan: Number(d.savedYuan) })),
  };
}
