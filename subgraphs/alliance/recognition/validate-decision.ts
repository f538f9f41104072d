import { BadUserInputError } from '../../../common/errors';
import { RecognitionDecisionKind, RetestReason } from './recognition-enums';

export interface DecisionFields {
  decision: RecognitionDecisionKind;
  retestReason?: RetestReason | null;
  note?: string | null;
  resultHospitalId: string;
  atHospitalId: string;
}

/**
 * The receiving physician's decision (DESIGN 6): a retest must name one of the six
 * reasons, "other" must be explained, an acceptance carries no retest reason, and a
 * hospital does not "reuse" its own result.
 */
export function validateDecision(fields: DecisionFields): void {
  if (fields.decision === RecognitionDecisionKind.RETESTED && !fields.retestReason) {
    throw new BadUserInputError('A retest must record one of the six retest reasons.', { argument: 'retestReason' });
  }
  if (fields.decision === RecognitionDecisionKind.ACCEPTED && fields.retestReason) {
    throw new BadUserInputError('An accepted result carries no retest reason.', { argument: 'retestReason' });
  }
  if (fields.retestReason === RetestReason.OTHER && !fields.note?.trim()) {
    throw new BadUserInputError('A retest for another reason must explain it in the note.', { argument: 'note' });
  }
  if (fields.note && fields.note.length > 2000) {
    throw new BadUserInputError('note must be at most 2000 characters.', { argument: 'note' });
  }
  if (fields.resultHospitalId === fields.atHospitalId) {
    throw new BadUserInputError('A hospital does not record recognition decisions on its own results.', { argument: 'atHospitalId' });
  }
}

/** ACCEPTED saves the catalogue price of the test not repeated; a retest saves nothing. */
export function savedYuan(decision: RecognitionDecisionKind, priceYuan: number): number {
  return decision === RecognitionDecisionKind.ACCEPTED ? priceYuan : 0;
}
