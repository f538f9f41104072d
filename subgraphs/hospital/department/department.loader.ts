import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byIdLoader, wholeTableLoader } from '../../runtime/db/keyed-loaders';
import { byNameThenId } from '../compare-text';
import { DepartmentEntity } from './department.entity';

export interface DepartmentLoaders {
  departmentById: DataLoader<string, DepartmentEntity | null>;
  /** Every department, ordered by name then id. */
  allDepartments: DataLoader<'all', DepartmentEntity[]>;
}

export function createDepartmentLoaders(dataSource: DataSource): DepartmentLoaders {
  return {
    departmentById: byIdLoader(dataSource, DepartmentEntity, 'id'),
    allDepartments: wholeTableLoader(async () => (await dataSource.getRepository(DepartmentEntity).find()).sort(byNameThenId)),
  };
}
