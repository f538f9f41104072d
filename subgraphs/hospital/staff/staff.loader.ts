import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { byIdLoader, wholeTableLoader } from '../../runtime/db/keyed-loaders';
import { byNameThenId } from '../compare-text';
import { StaffEntity } from './staff.entity';
import type { StaffCriteria } from './staff-filter';

export interface StaffLoaders {
  staffById: DataLoader<string, StaffEntity | null>;
  /** Staff of each department, ordered by name then id (department → staff). */
  staffByDepartment: DataLoader<string, StaffEntity[]>;
  /** The whole directory, ordered by name then id. */
  allStaff: DataLoader<'all', StaffEntity[]>;
  /** Staff narrowed in SQL by the filter's criteria (key: `staffCriteriaKey`), ordered by name then id. */
  staffMatching: DataLoader<string, StaffEntity[]>;
}

/** A stable key for one set of criteria, so equal filters in one request share a query. */
export function staffCriteriaKey(filter: StaffCriteria): string {
  return JSON.stringify([filter.specialty ?? null, filter.role ?? null, filter.title ?? null, filter.nameContains?.trim() || null, filter.availableForDispatch ?? null]);
}

/** `%` and `_` in a name fragment are literal characters, not wildcards (`!` escapes: a backslash means different things in MySQL and SQLite literals). */
function likeFragment(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

async function queryStaff(dataSource: DataSource, key: string): Promise<StaffEntity[]> {
  const [specialty, role, title, nameContains, availableForDispatch] = JSON.parse(key) as [string | null, string | null, string | null, string | null, boolean | null];
  const q = dataSource.getRepository(StaffEntity).createQueryBuilder('s');
  if (specialty) q.andWhere('s.specialty = :specialty', { specialty });
  if (role) q.andWhere('s.role = :role', { role });
  if (title) q.andWhere('s.title = :title', { title });
  if (availableForDispatch !== null) q.andWhere('s.availableForDispatch = :available', { available: availableForDispatch });
  if (nameContains) q.andWhere("s.name LIKE :name ESCAPE '!'", { name: likeFragment(nameContains) });
  return (await q.getMany()).sort(byNameThenId);
}

export function createStaffLoaders(dataSource: DataSource): StaffLoaders {
  const repo = dataSource.getRepository(StaffEntity);
  return {
    staffById: byIdLoader(dataSource, StaffEntity, 'id'),
    staffByDepartment: new DataLoader<string, StaffEntity[]>(async (departmentIds) => {
      const rows = (await repo.find({ where: { departmentId: In([...departmentIds]) } })).sort(byNameThenId);
      return departmentIds.map((id) => rows.filter((row) => row.departmentId === id));
    }),
    allStaff: wholeTableLoader(async () => (await repo.find()).sort(byNameThenId)),
    // one query per distinct filter: a request rarely carries more than one or two
    staffMatching: new DataLoader<string, StaffEntity[]>((keys) => Promise.all(keys.map((key) => queryStaff(dataSource, key)))),
  };
}
