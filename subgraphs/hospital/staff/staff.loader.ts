import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { byIdLoader, wholeTableLoader } from '../by-id-loader';
import { byNameThenId } from '../compare-text';
import { StaffEntity } from './staff.entity';

export interface StaffLoaders {
  staffById: DataLoader<string, StaffEntity | null>;
  /** Staff of each department, ordered by name then id (department → staff). */
  staffByDepartment: DataLoader<string, StaffEntity[]>;
  /** The whole directory, ordered by name then id. */
  allStaff: DataLoader<'all', StaffEntity[]>;
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
  };
}
