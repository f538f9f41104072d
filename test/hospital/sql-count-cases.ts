import { statementsFor } from './graphql-expect';
import { startTestHospital, type DatabaseKind } from './hospital-target';
import { mrnsAt } from './suite-context';
import { CALLERS } from '../support/tokens';

const HOSPITAL_SHAPE = `{ _entities(representations: [{ __typename: "Hospital", id: "dh-lead" }]) {
  ... on Hospital { departments { name head { name department { name } } staff { name department { specialty } } } bedSummary { total } } } }`;

const RESULTS_SHAPE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { name
  labResults { loinc valueQuantity interpretation patient { mrn } performingDepartment { name } } } } }`;

export interface MeasuredCounts {
  hospital: number[];
  results: number[];
  charts: number[];
}

/**
 * DESIGN 7: statements per request depend on the query's shape, not on the rows. The
 * same two queries run against a small and a ten times larger seed; the results query
 * asks for every chart the hospital holds, so its rows grow tenfold.
 */
export async function measureStatementCounts(kind: DatabaseKind, sizes: [number, number]): Promise<MeasuredCounts> {
  const out: MeasuredCounts = { hospital: [], results: [], charts: [] };
  for (const patients of sizes) {
    const hospital = await startTestHospital(kind, { patients });
    try {
      const clinician = hospital.as(CALLERS.clinician('dh-lead'));
      const mrns = mrnsAt('dh-lead', patients);
      out.charts.push(mrns.length);
      out.hospital.push(await statementsFor(clinician, HOSPITAL_SHAPE));
      out.results.push(await statementsFor(clinician, RESULTS_SHAPE, { r: mrns.map((mrn) => ({ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn })) }));
    } finally {
      await hospital.stop();
    }
  }
  return out;
}
