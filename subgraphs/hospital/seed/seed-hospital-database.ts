import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { generatePeople, peopleAtHospital } from '../../runtime/seed/people';
import { allianceRoster, type HospitalLevelCode } from '../../runtime/seed/roster';
import { BookingEntity } from '../booking/booking.entity';
import { DepartmentEntity } from '../department/department.entity';
import { LabResultEntity } from '../lab-result/lab-result.entity';
import { NO_SOURCE_DEMOGRAPHICS, PatientRecordEntity } from '../patient-record/patient-record.entity';
import { SharedResourceEntity } from '../shared-resource/shared-resource.entity';
import { StaffEntity } from '../staff/staff.entity';
import { seedDirectory } from './seed-directory';
import { seedChartResults } from './seed-lab-results';
import { seedResources } from './seed-resources';

export interface HospitalSeedOptions {
  hospitalId: string;
  /** Size of the alliance roster the people are spread over (the alliance uses the same). */
  hospitalCount: number;
  patients: number;
  /** "Now" of the seed: results fall in the 180 days before it, bookings in the week after. */
  anchor: Date;
}

export interface HospitalSeed {
  departments: DepartmentEntity[];
  staff: StaffEntity[];
  patients: PatientRecordEntity[];
  labResults: LabResultEntity[];
  resources: SharedResourceEntity[];
  bookings: BookingEntity[];
}

/**
 * Every row of one hospital's database, a pure function of the options: the same input
 * gives the same rows on every machine, and the charts match the alliance's master
 * patient index because both come from `generatePeople`. A hospital outside the roster
 * (a partner joining later) is seeded as a primary centre without charts.
 */
export function buildHospitalSeed(options: HospitalSeedOptions): HospitalSeed {
  const roster = allianceRoster(options.hospitalCount);
  const hospitalIndex = roster.findIndex((h) => h.id === options.hospitalId);
  const level: HospitalLevelCode = roster[hospitalIndex]?.level ?? 'PRIMARY';
  const people = generatePeople({ patients: options.patients, hospitals: roster });
  const charts = peopleAtHospital(people, options.hospitalId);

  const { departments, staff } = seedDirectory(options.hospitalId, level);
  const patients: PatientRecordEntity[] = charts.map(({ person, mrn }) => ({ mrn, name: person.name, sex: person.sex, birthDate: person.birthDate, ...NO_SOURCE_DEMOGRAPHICS }));
  let resultCount = 0;
  const nextResultId = () => `lr-${String(++resultCount).padStart(7, '0')}`;
  const labResults = charts.flatMap((chart) => seedChartResults(options.hospitalId, Math.max(0, hospitalIndex), chart, options.anchor, nextResultId));
  const others = roster.filter((h) => h.id !== options.hospitalId).map((h) => h.id);
  const { resources, bookings } = seedResources(options.hospitalId, level, options.anchor, others, (id) =>
    peopleAtHospital(people, id)
      .slice(0, 50)
      .map(({ mrn }) => ({ hospitalId: id, mrn })),
  );
  return { departments, staff, patients, labResults, resources, bookings };
}

/** SQLite builds may bind at most 999 parameters per statement; 40 rows × ≤ 24 columns stays under. */
const CHUNK = 40;

async function insertAll<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await manager.insert(entity, rows.slice(i, i + CHUNK));
}

/** Writes the seed in one transaction. Callers seed only an empty database. */
export async function seedHospitalDatabase(dataSource: DataSource, options: HospitalSeedOptions): Promise<Record<keyof HospitalSeed, number>> {
  const seed = buildHospitalSeed(options);
  await dataSource.transaction(async (manager) => {
    await insertAll(manager, DepartmentEntity, seed.departments);
    await insertAll(manager, StaffEntity, seed.staff);
    await insertAll(manager, PatientRecordEntity, seed.patients);
    await insertAll(manager, LabResultEntity, seed.labResults);
    await insertAll(manager, SharedResourceEntity, seed.resources);
    await insertAll(manager, BookingEntity, seed.bookings);
  });
  return {
    departments: seed.departments.length,
    staff: seed.staff.length,
    patients: seed.patients.length,
    labResults: seed.labResults.length,
    resources: seed.resources.length,
    bookings: seed.bookings.length,
  };
}

/** Whether the database has not been seeded yet. */
export async function isHospitalDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(DepartmentEntity).count()) === 0;
}
