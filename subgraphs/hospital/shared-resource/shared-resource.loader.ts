import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byIdLoader, wholeTableLoader } from '../../runtime/db/keyed-loaders';
import { compareText } from '../compare-text';
import { SharedResourceEntity } from './shared-resource.entity';

export interface SharedResourceLoaders {
  resourceById: DataLoader<string, SharedResourceEntity | null>;
  /** Every resource, ordered by kind, name, id. */
  allResources: DataLoader<'all', SharedResourceEntity[]>;
}

export function byKindThenName(a: SharedResourceEntity, b: SharedResourceEntity): number {
  return compareText(a.kind, b.kind) || compareText(a.name, b.name) || compareText(a.id, b.id);
}

export function createSharedResourceLoaders(dataSource: DataSource): SharedResourceLoaders {
  return {
    resourceById: byIdLoader(dataSource, SharedResourceEntity, 'id'),
    allResources: wholeTableLoader(async () => (await dataSource.getRepository(SharedResourceEntity).find()).sort(byKindThenName)),
  };
}
