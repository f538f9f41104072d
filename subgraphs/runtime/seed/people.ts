import { chineseName } from './chinese-names';
import { SeededRandom } from './random';
import type { RosterHospital } from './roster';

/** One person of the master patient index and the hospitals that hold a chart for them. */
export interface SeedPerson {
  mpiId: string;
  name: string;
  sex: 'MALE' | 'FEMALE';
  birthDate: string;
  records: { hospitalId: string; mrn: string }[];
}

export interface PeopleOptions {
  patients: number;
  hospitals: RosterHospital[];
  seed?: string;
}

/** MRN as the hospital's own registration system would print it. */
export function medicalRecordNumber(hospitalId: string, personIndex: number): string {
  const prefix = hospitalId
    .replace(/^dh-/, '')
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 6)
    .toUpperCase();
  return `${prefix}${String(100000 + personIndex * 7).padStart(7, '0')}`;
}

export function mpiIdFor(index: number): string {
  return `MPI-${String(index + 1).padStart(6, '0')}`;
}

/**
 * Everyone in the demo alliance, derived only from the options: the hospital subgraphs
 * seed the charts of the people they hold, the alliance seeds the index, and the two
 * join up. Person 1 always has charts at the first three hospitals (the demo patient of
 * the README); others have 1–3 charts, weighted towards their nearest primary centre.
 */
export function generatePeople(options: PeopleOptions): SeedPerson[] {
  const random = new SeededRandom(`people:${options.seed ?? 'east-lake'}:${options.patients}:${options.hospitals.length}`);
  const hospitalIds = options.hospitals.map((h) => h.id);
  const people: SeedPerson[] = [];
  for (let i = 0; i < options.patients; i += 1) {
    const sex = random.chance(0.5) ? 'MALE' : 'FEMALE';
    const name = chineseName(random, sex);
    const year = random.int(1938, 2008);
    const birthDate = `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    let holders: string[];
    if (i === 0) {
      holders = hospitalIds.slice(0, Math.min(3, hospitalIds.length));
    } else {
      const count = Math.min(hospitalIds.length, random.pick([1, 1, 2, 2, 2, 3]));
      holders = random.sample(hospitalIds, count);
    }
    people.push({ mpiId: mpiIdFor(i), name, sex, birthDate, records: holders.map((hospitalId) => ({ hospitalId, mrn: medicalRecordNumber(hospitalId, i) })) });
  }
  return people;
}

/** The charts one hospital holds, in person order. */
export function peopleAtHospital(people: SeedPerson[], hospitalId: string): { person: SeedPerson; mrn: string; index: number }[] {
  const out: { person: SeedPerson; mrn: string; index: number }[] = [];
  people.forEach((person, index) => {
    const record = person.records.find((r) => r.hospitalId === hospitalId);
    if (record) out.push({ person, mrn: record.mrn, index });
  });
  return out;
}
