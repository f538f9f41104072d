import { canonicalJson } from '../../common/auth/request-hash';
import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../common/contract/cross-hospital-patient-query';
import type { LoadSpec } from '../harness/load';

export type PatientBody = { query: string; variables: { mpiId: string; here: string } };

interface PatientAnswer {
  records?: { hospitalId: string; labResults?: { recognition?: unknown }[] }[];
  referrals?: unknown[];
}

interface GraphQLAnswer {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** How many charts, results and referrals the answers held (least and most over the patients asked). */
export interface AnswerShape {
  charts: { min: number; max: number };
  labResults: { min: number; max: number };
  referrals: { min: number; max: number };
}

export const patientBody = (mpiId: string, here: string): PatientBody => ({ query: CROSS_HOSPITAL_PATIENT_QUERY, variables: { mpiId, here } });

async function ask(spec: Pick<LoadSpec, 'url' | 'headers'>, body: PatientBody): Promise<GraphQLAnswer> {
  const response = await fetch(spec.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...spec.headers(body) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as GraphQLAnswer;
}

/** Charts all at `member`, each with results since the query's date, each result with its recognition. */
function allAt(answer: GraphQLAnswer, member: string): boolean {
  const patient = answer.data?.patient as PatientAnswer | null | undefined;
  const records = patient?.records ?? [];
  return (
    !answer.errors?.length &&
    records.length > 0 &&
    records.every((r) => r.hospitalId === member && (r.labResults?.length ?? 0) > 0 && r.labResults!.every((l) => l.recognition != null))
  );
}

/**
 * The first `count` seeded people (MPI-000001 on) whose charts are all at `member` and hold
 * results since the query's date, asked through `spec` (our gateway).
 */
export async function choosePatients(spec: Pick<LoadSpec, 'url' | 'headers'>, member: string, count: number): Promise<string[]> {
  const chosen: string[] = [];
  for (let n = 1; n <= 300 && chosen.length < count; n++) {
    const mpiId = `MPI-${String(n).padStart(6, '0')}`;
    if (allAt(await ask(spec, patientBody(mpiId, member)), member)) chosen.push(mpiId);
  }
  if (chosen.length === 0) throw new Error(`no seeded person with charts and results at ${member} only`);
  return chosen;
}

/** The first place where two JSON values part, as a path of keys and indexes (never the values: they are PHI). */
function firstDifference(a: unknown, b: unknown, at = 'data'): string {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return at;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    const x = (a as Record<string, unknown>)[key];
    const y = (b as Record<string, unknown>)[key];
    if (canonicalJson(x) !== canonicalJson(y)) return firstDifference(x, y, `${at}.${key}`);
  }
  return at;
}

const span = (values: number[]) => ({ min: Math.min(...values), max: Math.max(...values) });

/**
 * Asks every target for every patient once and requires the same data from all (object
 * keys in any order, lists in the same order) and no errors: a faster gateway that answers
 * something else measures nothing. Returns the shape of the answers.
 */
export async function checkSameAnswers(specs: Record<string, Pick<LoadSpec, 'url' | 'headers'>>, bodies: PatientBody[]): Promise<AnswerShape> {
  const [reference, ...others] = Object.keys(specs);
  const patients: PatientAnswer[] = [];
  for (const [index, body] of bodies.entries()) {
    const expected = await ask(specs[reference], body);
    if (expected.errors?.length || !expected.data) throw new Error(`${reference} answered patient #${index + 1} with errors or no data`);
    for (const target of others) {
      const answer = await ask(specs[target], body);
      if (answer.errors?.length) {
        throw new Error(`${target} answered patient #${index + 1} with ${answer.errors.map((e) => e.extensions?.code ?? e.message).join(', ')}`);
      }
      if (canonicalJson(answer.data) !== canonicalJson(expected.data)) {
        throw new Error(`${target} and ${reference} answer patient #${index + 1} differently, first at ${firstDifference(answer.data, expected.data)}`);
      }
    }
    patients.push(expected.data.patient as PatientAnswer);
  }
  return {
    charts: span(patients.map((p) => p.records?.length ?? 0)),
    labResults: span(patients.map((p) => (p.records ?? []).reduce((sum, r) => sum + (r.labResults?.length ?? 0), 0))),
    referrals: span(patients.map((p) => p.referrals?.length ?? 0)),
  };
}
