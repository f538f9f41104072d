/**
 * Which person a chart belongs to (IHE PIX in spirit, DESIGN 3.2), decided from what the
 * index already holds. Matching is deterministic on the national id alone: names and
 * birth dates are typed differently at every registration desk, and a wrong automatic
 * match shows one person's results to another person's doctor, while a missed one only
 * leaves two entries an admin can merge.
 */
export type PatientMatch = 'NATIONAL_ID' | 'NEW_PERSON' | 'ALREADY_LINKED';

export interface MatchFacts {
  /** The link this chart (hospitalId + mrn) already has, if any. */
  existingLink: { mpiId: string; nationalIdHash: string | null } | null;
  /** Hash of the national id given with the chart; null when none was given. */
  nationalIdHash: string | null;
  /** The person another chart with the same national id belongs to. */
  personWithNationalId: string | null;
}

export type MatchDecision =
  { match: 'ALREADY_LINKED'; mpiId: string; recordNationalId: boolean } | { match: 'NATIONAL_ID'; mpiId: string } | { match: 'NEW_PERSON' } | { refused: string };

export function matchPatient(facts: MatchFacts): MatchDecision {
  const { existingLink, nationalIdHash, personWithNationalId } = facts;
  if (existingLink) {
    // The same chart linked again (a retry, a re-import): nothing moves.
    if (!nationalIdHash || existingLink.nationalIdHash === nationalIdHash) return { match: 'ALREADY_LINKED', mpiId: existingLink.mpiId, recordNationalId: false };
    if (existingLink.nationalIdHash) return { refused: 'This chart is already linked with a different national id; an admin unlinks it first.' };
    // A national id learnt later joins the chart's link only when no other person holds it.
    if (personWithNationalId && personWithNationalId !== existingLink.mpiId) {
      return { refused: 'This national id belongs to another person in the index; an admin merges the two first.' };
    }
    return { match: 'ALREADY_LINKED', mpiId: existingLink.mpiId, recordNationalId: true };
  }
  if (nationalIdHash && personWithNationalId) return { match: 'NATIONAL_ID', mpiId: personWithNationalId };
  return { match: 'NEW_PERSON' };
}
