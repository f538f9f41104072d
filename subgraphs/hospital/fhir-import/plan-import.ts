import { BadUserInputError } from '../../../common/errors';
import { chartFromPatient } from './patient-entry';
import { EntryRejected, type ChartRow, type ImportOptions, type ImportPlan, type Rejection, type ResultRow } from './import-types';
import { resultFromObservation } from './observation-entry';

type Json = any;

function rejection(entry: number, resource: Json, reason: string): Rejection {
  return { entry, resourceType: String(resource?.resourceType ?? 'unknown'), ...(typeof resource?.id === 'string' ? { id: resource.id } : {}), reason };
}

function attempt<T>(work: () => T, onReject: (reason: string) => void): T | undefined {
  try {
    return work();
  } catch (error) {
    if (error instanceof EntryRejected) return void onReject(error.message);
    throw error;
  }
}

/**
 * Validates a FHIR R4 Bundle of Patients and Observations for one hospital, without a
 * database: each entry becomes a chart or a lab result, or a rejection with its reason.
 * Observations find their Patient by `subject` (`Patient/<id>` or the entry's fullUrl).
 */
export function planImport(bundle: Json, options: ImportOptions): ImportPlan {
  if (bundle?.resourceType !== 'Bundle' || !Array.isArray(bundle.entry)) throw new BadUserInputError('The file is not a FHIR Bundle with entries.');
  const rejected: Rejection[] = [];
  const charts = new Map<string, ChartRow>();
  const mrnByReference = new Map<string, string>();
  const refusedPatients = new Set<string>();
  const entries: Json[] = bundle.entry;

  entries.forEach((entry, index) => {
    const resource = entry?.resource;
    if (resource?.resourceType !== 'Patient') return;
    const references = [typeof resource.id === 'string' ? `Patient/${resource.id}` : undefined, typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined].filter(
      (r): r is string => !!r,
    );
    const chart = attempt(
      () => chartFromPatient(resource, options),
      (reason) => rejected.push(rejection(index, resource, reason)),
    );
    if (!chart) return references.forEach((r) => refusedPatients.add(r));
    if (charts.has(chart.mrn)) return void rejected.push(rejection(index, resource, 'the same chart number appears twice in the bundle'));
    charts.set(chart.mrn, chart);
    for (const reference of references) mrnByReference.set(reference, chart.mrn);
  });

  const results = new Map<string, ResultRow>();
  entries.forEach((entry, index) => {
    const resource = entry?.resource;
    if (resource?.resourceType === 'Patient') return;
    if (resource?.resourceType !== 'Observation') return void rejected.push(rejection(index, resource, 'only Patient and Observation resources are imported'));
    const reference = resource.subject?.reference;
    const mrn = mrnByReference.get(reference);
    if (!mrn) return void rejected.push(rejection(index, resource, refusedPatients.has(reference) ? 'its Patient was rejected' : 'subject is not a Patient in this bundle'));
    const result = attempt(
      () => resultFromObservation(resource, mrn, options),
      (reason) => rejected.push(rejection(index, resource, reason)),
    );
    if (!result) return;
    if (results.has(result.id)) return void rejected.push(rejection(index, resource, 'the same result identifier appears twice in the bundle'));
    results.set(result.id, result);
  });

  return { charts: [...charts.values()], results: [...results.values()], rejected: rejected.sort((a, b) => a.entry - b.entry) };
}
