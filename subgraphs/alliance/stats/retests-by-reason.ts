/** The six retest grounds (DESIGN 6), in the order the contract's RetestReason lists them. */
export const RETEST_REASONS = ['CONDITION_CHANGED', 'RAPIDLY_CHANGING_VALUE', 'DECISIVE_FOR_MAJOR_PROCEDURE', 'EMERGENCY', 'FORENSIC_OR_DISABILITY', 'OTHER'] as const;

export type RetestReasonCode = (typeof RETEST_REASONS)[number];

export interface RetestReasonFigure {
  reason: RetestReasonCode;
  count: number;
}

/**
 * RETESTED decisions per reason, every reason listed (zeros too) so a chart keeps its
 * axis; a decision recorded without a known reason counts as OTHER.
 */
export function retestsByReason(decisions: readonly { decision: string; retestReason?: string | null }[]): RetestReasonFigure[] {
  const counts = new Map<RetestReasonCode, number>(RETEST_REASONS.map((r) => [r, 0]));
  for (const d of decisions) {
    if (d.decision !== 'RETESTED') continue;
    const reason = (RETEST_REASONS as readonly string[]).includes(d.retestReason ?? '') ? (d.retestReason as RetestReasonCode) : 'OTHER';
    counts.set(reason, counts.get(reason)! + 1);
  }
  return RETEST_REASONS.map((reason) => ({ reason, count: counts.get(reason)! }));
}
