import type { SeededRandom } from '../../runtime/seed/random';
import type { CatalogueEntry } from '../recognition/rules';
import { RecognitionDecisionKind, RetestReason } from '../recognition/recognition-enums';
import type { RecognitionDecisionEntity } from '../recognition/recognition-decision.entity';
import type { ReferralEntity } from '../referral/referral.entity';

const RETEST_NOTES: Partial<Record<RetestReason, string>> = { [RetestReason.OTHER]: '外院标本溶血，结果存疑' };

/**
 * The receiving physicians' decisions on results attached to accepted referrals: mostly
 * reused, some retested with each of the six reasons in turn.
 */
export function seedDecisions(random: SeededRandom, referrals: ReferralEntity[], loincOf: (hospitalId: string, resultId: string) => string | undefined, catalogue: CatalogueEntry[]): RecognitionDecisionEntity[] {
  const price = new Map(catalogue.map((c) => [c.loinc, c.priceYuan]));
  const reasons = Object.values(RetestReason);
  const rows: RecognitionDecisionEntity[] = [];
  let retests = 0;
  for (const referral of referrals) {
    if (!referral.respondedAt || referral.status === 'REJECTED') continue;
    for (const result of referral.attachedResults) {
      const loinc = loincOf(result.hospitalId, result.id);
      if (!loinc || !price.has(loinc)) continue;
      const retest = rows.length % 4 === 3;
      const reason = retest ? reasons[retests++ % reasons.length] : null;
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
