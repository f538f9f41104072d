import { generatePeople, peopleAtHospital } from '../../subgraphs/runtime/seed/people';
import { allianceRoster } from '../../subgraphs/runtime/seed/roster';
import type { DatabaseKind, StartedHospital } from './hospital-target';

/** What each group of cases gets: the running subgraph and the `it` to declare them with. */
export interface SuiteContext {
  kind: DatabaseKind;
  hospital(): StartedHospital;
  /** `it` (the suite's group is the one skipped when its database is absent). */
  test(name: string, fn: () => Promise<void>): void;
}

/** The MRNs a seeded hospital holds, derived the same way the seed does. */
export function mrnsAt(hospitalId: string, patients: number, hospitals = 4): string[] {
  return peopleAtHospital(generatePeople({ patients, hospitals: allianceRoster(hospitals) }), hospitalId).map((c) => c.mrn);
}
