import { generatePeople, peopleAtHospital } from '../../subgraphs/runtime/seed/people';
import { allianceRoster } from '../../subgraphs/runtime/seed/roster';
import type { DatabaseKind, StartedHospital } from './hospital-target';

/** What each group of cases gets: the running subgraph, or a skip when its database is absent. */
export interface SuiteContext {
  kind: DatabaseKind;
  hospital(): StartedHospital;
  /** `it` that passes without running when the database is unavailable (skip message already printed). */
  test(name: string, fn: () => Promise<void>): void;
}

/** The MRNs a seeded hospital holds, derived the same way the seed does. */
export function mrnsAt(hospitalId: string, patients: number, hospitals = 4): string[] {
  return peopleAtHospital(generatePeople({ patients, hospitals: allianceRoster(hospitals) }), hospitalId).map((c) => c.mrn);
}
