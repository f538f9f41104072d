import type { SeededRandom } from '../../runtime/seed/random';
import type { CatalogueEntry } from '../recognition/rules';
import { RecognitionDecisionKind, RetestReason } from '../recognition/recognition-enums';
import type { RecognitionDecisionEntity } from '../recognition/recognition-decision.entity';
import type { ReferralEntity } from '../referral/referral.entity';

const RETEST_NOTES: Partial<Record<RetestReason, string>> = { [RetestReason.OTHER]: '外院标本溶血，结果存疑' };

/**
 * How often each retest reason is given, roughly as receiving departments report them:
 * a changed condition and fast-moving values dominate, forensic assessments are rare.
 */
const REASON_WEIGHTS: [RetestReason, number][] = [
  [RetestReason.CONDITION_CHANGED, 35],
  [RetestReason.RAPIDLY_CHANGING_VALUE, 25],
  [RetestReason.EMERGENCY, 15],
  [RetestReason.DECISIVE_FOR_MAJOR_PROCEDURE, 14],
  [RetestReason.OTHER, 8],
  [RetestReason.FORENSIC_OR_DISABILITY, 3],
];

function pickReason(random: SeededRandom): RetestReason {
  let roll = random.int(
    1,
    REASON_WEIGHTS.reduce((n, [, w]) => n + w, 0),
  );
  for (const [reason, weight] of REASON_WEIGHTS) {
    roll -= weight;
    if (roll <= 0) return reason;
  }
  return RetestReason.OTHER;
}

/**
 * The receiving physicians' decisions on results attached to accepted referrals: mostly
 * reused, one in four retested, the reason drawn by how often it is given in practice.
 */
export function seedDecisions(
  random: SeededRandom,
  referrals: ReferralEntity[],
  loincOf: (hospitalId: string, resultId: string) => string | undefined,
  catalogue: CatalogueEntry[],
): RecognitionDecisionEntity[] {
  const price = new Map(catalogue.map((c) => [c.loinc, c.priceYuan]));
  const rows: RecognitionDecisionEntity[] = [];
  for (const referral of referrals) {
    if (!referral.respondedAt || referral.status === 'REJECTED') continue;
    for (const result of referral.attachedResults) {
      const loinc = loincOf(result.hospitalId, result.id);
      if (!loinc || !price.has(loinc)) continue;
      const retest = rows.length % 4 === 3;
      const reason = retest ? pickReason(random) : null;
      rows.push({
        id: `dec-seed-${String(rows.length + 1).padStart(4, '0')}`,
        resultHospitalId: result.hospitalId,
        resultId: result.id,
        loinc,
        atHospitalId: referral.toHospitalId,
        decision: retest ? RecognitionDecisionKind.RETESTED : RecognitionDecisionKind.ACCEPTED,
        retestReason: reason,
        note: reason ? (RETEST_NOTES[reason] ?? null) : null,
        decidedBy: `clinician:seed-clinician@${referral.toHospitalId}`,
        decidedAt: new Date(referral.respondedAt.getTime() + random.int(5, 90) * 60_000),
        savedYuan: retest ? 0 : price.get(loinc)!,
      });
    }
  }
  return rows;
}
