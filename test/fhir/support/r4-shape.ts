/**
 * A runtime structural check of the FHIR R4 resources this project produces: required
 * elements, value sets and code systems, the way an R4 validator would reject them.
 * Returns the problems (empty = valid), each with its element path.
 */
const OBSERVATION_STATUS = ['registered', 'preliminary', 'final', 'amended', 'corrected', 'cancelled', 'entered-in-error', 'unknown'];
const INTERPRETATION = ['N', 'L', 'H', 'LL', 'HH', 'A', 'AA', 'HU', 'LU', 'U', 'D', 'B', 'W', 'S', 'R', 'I', 'NEG', 'POS', 'IND', 'E', 'NR', 'NS'];
const GENDER = ['male', 'female', 'other', 'unknown'];
const BUNDLE_TYPES = ['document', 'message', 'transaction', 'transaction-response', 'batch', 'batch-response', 'history', 'searchset', 'collection'];
const SEVERITY = ['fatal', 'error', 'warning', 'information'];
const ID = /^[A-Za-z0-9\-.]{1,64}$/;
const DATE_TIME = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

type Json = any;

function quantity(q: Json, at: string, problems: string[]): void {
  if (typeof q.value !== 'number') problems.push(`${at}.value must be a decimal`);
  if (q.code !== undefined && q.system !== 'http://unitsofmeasure.org') problems.push(`${at}.system must be UCUM`);
  if (q.code !== undefined && q.unit !== q.code) problems.push(`${at}.unit should echo the UCUM code`);
}

export function observationProblems(o: Json, at = 'Observation'): string[] {
  const problems: string[] = [];
  if (o.resourceType !== 'Observation') problems.push(`${at}.resourceType must be Observation`);
  if (o.id !== undefined && !ID.test(o.id)) problems.push(`${at}.id is not a FHIR id`);
  if (!OBSERVATION_STATUS.includes(o.status)) problems.push(`${at}.status is not in the R4 value set`);
  if (!o.code?.coding?.length) problems.push(`${at}.code.coding is required here`);
  else if (o.code.coding[0].system !== 'http://loinc.org' || !/^\d{1,7}-\d$/.test(o.code.coding[0].code)) problems.push(`${at}.code.coding[0] must be a LOINC code`);
  if (o.subject && !/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(o.subject.reference)) problems.push(`${at}.subject must reference a Patient`);
  if (o.effectiveDateTime !== undefined && !DATE_TIME.test(o.effectiveDateTime)) problems.push(`${at}.effectiveDateTime is not a dateTime`);
  if (o.issued !== undefined && !INSTANT.test(o.issued)) problems.push(`${at}.issued is not an instant`);
  if (o.valueQuantity) quantity(o.valueQuantity, `${at}.valueQuantity`, problems);
  if (o.valueQuantity && o.valueString !== undefined) problems.push(`${at}: only one value[x]`);
  if (o.interpretation !== undefined) {
    if (!Array.isArray(o.interpretation)) problems.push(`${at}.interpretation must be a list in R4`);
    for (const c of o.interpretation ?? []) {
      const coding = c.coding?.[0];
      if (coding?.system !== 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation' || !INTERPRETATION.includes(coding.code))
        problems.push(`${at}.interpretation must use v3 ObservationInterpretation`);
    }
  }
  for (const [i, r] of (o.referenceRange ?? []).entries()) {
    if (!r.low && !r.high && !r.text) problems.push(`${at}.referenceRange[${i}] needs low, high or text (obs-3)`);
    if (r.low) quantity(r.low, `${at}.referenceRange[${i}].low`, problems);
    if (r.high) quantity(r.high, `${at}.referenceRange[${i}].high`, problems);
  }
  const contained = new Set((o.contained ?? []).map((c: Json) => `#${c.id}`));
  for (const c of o.contained ?? []) {
    if (!c.resourceType || !ID.test(c.id ?? '')) problems.push(`${at}.contained needs resourceType and id`);
  }
  for (const p of o.performer ?? []) {
    if (p.reference?.startsWith('#') && !contained.has(p.reference)) problems.push(`${at}.performer references a missing contained resource`);
  }
  return problems;
}

export function patientProblems(p: Json, at = 'Patient'): string[] {
  const problems: string[] = [];
  if (p.resourceType !== 'Patient') problems.push(`${at}.resourceType must be Patient`);
  if (p.id !== undefined && !ID.test(p.id)) problems.push(`${at}.id is not a FHIR id`);
  if (p.gender !== undefined && !GENDER.includes(p.gender)) problems.push(`${at}.gender is not AdministrativeGender`);
  if (p.birthDate !== undefined && !DATE.test(p.birthDate)) problems.push(`${at}.birthDate is not a date`);
  for (const id of p.identifier ?? []) if (!id.system || !id.value) problems.push(`${at}.identifier needs system and value`);
  return problems;
}

export function operationOutcomeProblems(o: Json, at = 'OperationOutcome'): string[] {
  const problems: string[] = [];
  if (o.resourceType !== 'OperationOutcome') problems.push(`${at}.resourceType must be OperationOutcome`);
  if (!Array.isArray(o.issue) || o.issue.length === 0) problems.push(`${at}.issue is required (1..*)`);
  for (const i of o.issue ?? []) {
    if (!SEVERITY.includes(i.severity)) problems.push(`${at}.issue.severity is not IssueSeverity`);
    if (typeof i.code !== 'string' || !i.code) problems.push(`${at}.issue.code is required`);
  }
  return problems;
}

export function bundleProblems(b: Json): string[] {
  const problems: string[] = [];
  if (b.resourceType !== 'Bundle') problems.push('Bundle.resourceType must be Bundle');
  if (!BUNDLE_TYPES.includes(b.type)) problems.push('Bundle.type is not BundleType');
  if (b.type === 'searchset' && typeof b.total !== 'number') problems.push('a searchset carries total');
  for (const [i, e] of (b.entry ?? []).entries()) {
    const at = `Bundle.entry[${i}].resource`;
    if (!e.resource) problems.push(`${at} is missing`);
    else if (e.resource.resourceType === 'Observation') problems.push(...observationProblems(e.resource, at));
    else if (e.resource.resourceType === 'Patient') problems.push(...patientProblems(e.resource, at));
    else if (e.resource.resourceType === 'OperationOutcome') problems.push(...operationOutcomeProblems(e.resource, at));
    else problems.push(`${at}.resourceType ${e.resource.resourceType} is unexpected`);
    if (b.type === 'searchset' && !['match', 'include', 'outcome'].includes(e.search?.mode)) problems.push(`Bundle.entry[${i}].search.mode is required in a searchset`);
  }
  // total counts every match of the search; one page holds at most that many
  if (b.type === 'searchset' && !(typeof b.total === 'number' && b.total >= (b.entry ?? []).filter((e: Json) => e.search?.mode === 'match').length))
    problems.push('Bundle.total must count the matches');
  return problems;
}
