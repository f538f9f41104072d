import { localDate } from '../recognition/local-date';
import { retestsByReason, type RetestReasonFigure } from './retests-by-reason';

/**
 * Alliance statistics (DESIGN 6) from plain rows, so the rules are tested without a
 * database. Everything counts within the half-open window [from, to).
 */
export interface StatsWindow {
  from: Date;
  to: Date;
  timeZone: string;
}

export interface StatsRows {
  referrals: { fromHospitalId: string; toHospitalId: string; direction: string; urgency: string; requestedAt: Date; respondedAt: Date | null }[];
  dispatches: { expertHospitalId: string; expertId: string; toHospitalId: string; start: Date; end: Date; status: string }[];
  trainings: { traineeHospitalId: string; traineeId: string; hostHospitalId: string; status: string; completedAt: Date | null }[];
  decisions: { atHospitalId: string; decision: string; decidedAt: Date; savedYuan: number; retestReason?: string | null }[];
}

export interface HospitalFigures {
  hospitalId: string;
  referralsSent: number;
  referralsReceived: number;
  expertsReceived: number;
  staffTrained: number;
  resultsReused: number;
}

export interface AllianceFigures {
  from: Date;
  to: Date;
  referralsUpward: number;
  referralsDownward: number;
  referralsLateral: number;
  greenChannelReferrals: number;
  medianResponseMinutes: number | null;
  /** How many answered referrals the median comes from (not in the contract: it decides suppression). */
  respondedReferrals: number;
  expertsDispatched: number;
  dispatchDays: number;
  staffTrained: number;
  resultsReused: number;
  retests: number;
  estimatedSavingsYuan: number;
  retestsByReason: RetestReasonFigure[];
  byHospital: HospitalFigures[];
}

const DAY_MS = 86_400_000;

function within(at: Date | null, window: StatsWindow): boolean {
  return !!at && at.getTime() >= window.from.getTime() && at.getTime() < window.to.getTime();
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The calendar days (alliance time zone) a visit covers inside the window; an end at midnight does not add a day. */
export function daysCovered(start: Date, end: Date, window: StatsWindow): string[] {
  const from = Math.max(start.getTime(), window.from.getTime());
  const to = Math.min(end.getTime(), window.to.getTime());
  if (to <= from) return [];
  const days = new Set<string>();
  for (let t = from; t < to; t += DAY_MS) days.add(localDate(new Date(t), window.timeZone));
  days.add(localDate(new Date(to - 1), window.timeZone));
  return [...days];
}

/** A dispatch counts when it was not cancelled and overlaps the window. */
function countsAsDispatch(d: StatsRows['dispatches'][number], window: StatsWindow): boolean {
  return d.status !== 'CANCELLED' && d.start.getTime() < window.to.getTime() && d.end.getTime() > window.from.getTime();
}

export function computeAllianceStats(rows: StatsRows, window: StatsWindow, hospitalIds: readonly string[]): AllianceFigures {
  const referrals = rows.referrals.filter((r) => within(r.requestedAt, window));
  const responses = referrals.filter((r) => r.respondedAt).map((r) => (r.respondedAt!.getTime() - r.requestedAt.getTime()) / 60_000);
  const dispatches = rows.dispatches.filter((d) => countsAsDispatch(d, window));
  const expertKey = (d: { expertHospitalId: string; expertId: string }) => `${d.expertHospitalId}/${d.expertId}`;
  const expertDays = new Set(dispatches.flatMap((d) => daysCovered(d.start, d.end, window).map((day) => `${expertKey(d)}@${day}`)));
  const trained = rows.trainings.filter((t) => t.status === 'COMPLETED' && within(t.completedAt, window));
  const traineeKey = (t: { traineeHospitalId: string; traineeId: string }) => `${t.traineeHospitalId}/${t.traineeId}`;
  const decisions = rows.decisions.filter((d) => within(d.decidedAt, window));
  const accepted = decisions.filter((d) => d.decision === 'ACCEPTED');

  const byHospital = hospitalIds.map((hospitalId) => ({
    hospitalId,
    referralsSent: referrals.filter((r) => r.fromHospitalId === hospitalId).length,
    referralsReceived: referrals.filter((r) => r.toHospitalId === hospitalId).length,
    expertsReceived: new Set(dispatches.filter((d) => d.toHospitalId === hospitalId).map(expertKey)).size,
    staffTrained: new Set(trained.filter((t) => t.traineeHospitalId === hospitalId).map(traineeKey)).size,
    resultsReused: accepted.filter((d) => d.atHospitalId === hospitalId).length,
  }));

  return {
    from: window.from,
    to: window.to,
    referralsUpward: referrals.filter((r) => r.direction === 'UPWARD').length,
    referralsDownward: referrals.filter((r) => r.direction === 'DOWNWARD').length,
    referralsLateral: referrals.filter((r) => r.direction === 'LATERAL').length,
    greenChannelReferrals: referrals.filter((r) => r.urgency === 'GREEN_CHANNEL').length,
    medianResponseMinutes: median(responses),
    respondedReferrals: responses.length,
    expertsDispatched: new Set(dispatches.map(expertKey)).size,
    dispatchDays: expertDays.size,
    staffTrained: new Set(trained.map(traineeKey)).size,
    resultsReused: accepted.length,
    retests: decisions.filter((d) => d.decision === 'RETESTED').length,
    estimatedSavingsYuan: Math.round(accepted.reduce((sum, d) => sum + d.savedYuan, 0) * 100) / 100,
    retestsByReason: retestsByReason(decisions),
    byHospital,
  };
}
