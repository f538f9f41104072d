import { BadUserInputError } from '../../../common/errors';
import { chartFromPatient } from './patient-entry';
import { EntryRejected, type ChartRow, type ImportOptions, type ImportPlan, type NotKept, type Rejection, type ResultRow } from './import-types';
import { observationNotKept, patientNotKept } from './not-kept';
import { asObject, isArray, quoted, type JsonObject } from './json-shape';
import { resultFromObservation } from './observation-entry';

function rejection(entry: number, resource: JsonObject | undefined, reason: string): Rejection {
  return { entry, resourceType: quoted(resource?.resourceType ?? 'unknown'), ...(typeof resource?.id === 'string' ? { id: resource.id } : {}), reason };
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
export function planImport(bundle: unknown, options: ImportOptions): ImportPlan {
  const root = asObject(bundle);
  if (root?.resourceType !== 'Bundle' || !isArray(root.entry)) throw new BadUserInputError('The file is not a FHIR Bundle with entries.');
  const entries = root.entry.map(asObject);
  const rejected: Rejection[] = [];
  const notKept: NotKept[] = [];
  const noteNotKept = (entry: number, resource: JsonObject, elements: string[]) => {
    if (elements.length > 0) notKept.push({ entry, resourceType: String(resource.resourceType), ...(typeof resource.id === 'string' ? { id: resource.id } : {}), elements });
  };
  const charts = new Map<string, ChartRow>();
  const mrnByReference = new Map<string, string>();
  const refusedPatients = new Set<string>();

  entries.forEach((entry, index) => {
    const resource = asObject(entry?.resource);
    if (resource?.resourceType !== 'Patient') return;
    const references = [typeof resource.id === 'string' ? `Patient/${resource.id}` : undefined, typeof entry?.fullUrl === 'string' ? entry.fullUrl : undefined].filter(
      (r): r is string => !!r,
    );
    const chart = attempt(
      () => chartFromPatient(resource, options),
      (reason) => rejected.push(rejection(index, resource, reason)),
    );
    if (!chart) return references.forEach((r) => refusedPatients.add(r));
    if (charts.has(chart.mrn)) return void rejected.push(rejection(index, resource, 'the same chart number appears twice in the bundle'));
    charts.set(chart.mrn, chart);
    noteNotKept(index, resource, patientNotKept(resource));
    for (const reference of references) mrnByReference.set(reference, chart.mrn);
  });

  const results = new Map<string, ResultRow>();
  entries.forEach((entry, index) => {
    const resource = asObject(entry?.resource);
    if (resource?.resourceType === 'Patient') return;
    if (resource?.resourceType !== 'Observation') return void rejected.push(rejection(index, resource, 'only Patient and Observation resources are imported'));
    const subject = asObject(resource.subject)?.reference;
    const reference = typeof subject === 'string' ? subject : undefined;
    const mrn = reference === undefined ? undefined : mrnByReference.get(reference);
    if (!mrn)
      return void rejected.push(
        rejection(index, resource, reference !== undefined && refusedPatients.has(reference) ? 'its Patient was rejected' : 'subject is not a Patient in this bundle'),
      );
    const result = attempt(
      () => resultFromObservation(resource, mrn, options),
      (reason) => rejected.push(rejection(index, resource, reason)),
    );
    if (!result) return;
    if (results.has(result.id)) return void rejected.push(rejection(index, resource, 'the same result identifier appears twice in the bundle'));
    results.set(result.id, result);
    noteNotKept(index, resource, observationNotKept(resource));
  });

  return { charts: [...charts.values()], results: [...results.values()], rejected: rejected.sort((a, b) => a.entry - b.entry), notKept: notKept.sort((a, b) => a.entry - b.entry) };
}
