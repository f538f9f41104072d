import type { KeptReferenceRange } from '../../../common/fhir/kept-elements';
import type { LabResultEntity } from './lab-result.entity';
import type { ReferenceRange } from './lab-result.type';

/** A kept range as the contract shows it: its limits in the result's unit, as given. */
export function rangeOf(range: KeptReferenceRange): ReferenceRange {
  return {
    low: range.low?.value ?? null,
    high: range.high?.value ?? null,
    unit: range.low?.unit ?? range.high?.unit ?? range.low?.code ?? range.high?.code ?? null,
    text: range.text,
    type: range.type,
    appliesTo: range.appliesTo.length > 0 ? range.appliesTo : null,
  };
}

/** `referenceRange`: the first range, the one interpretation uses (its own columns; the kept one adds type and population). */
export function firstRange(result: LabResultEntity): ReferenceRange | null {
  const kept = result.referenceRanges?.[0];
  if (kept) return rangeOf(kept);
  if (result.refLow === null && result.refHigh === null && result.refText === null) return null;
  return { low: result.refLow, high: result.refHigh, text: result.refText, unit: result.refLow === null && result.refHigh === null ? null : result.unit };
}
