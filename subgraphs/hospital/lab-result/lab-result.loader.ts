import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { entityRows } from '../../runtime/db/entity-rows';
import { byIdLoader } from '../../runtime/db/keyed-loaders';
import { LabResultEntity, type ResultStatusCode } from './lab-result.entity';

/** The arguments of `PatientRecord.labResults`, with the chart they apply to. */
export interface LabResultsKey {
  mrn: string;
  loinc?: string[] | null;
  since?: Date | null;
  status?: ResultStatusCode[] | null;
  first: number;
}

export interface LabResultLoaders {
  labResultById: DataLoader<string, LabResultEntity | null>;
  /** record → labResults, newest `collectedAt` first; batched per distinct argument set. */
  labResultsForRecord: DataLoader<LabResultsKey, LabResultEntity[], string>;
}

function argumentsKey(key: LabResultsKey): string {
  return JSON.stringify([key.loinc ?? null, key.since?.toISOString() ?? null, key.status ?? null, key.first]);
}

async function readResults(dataSource: DataSource, keys: readonly LabResultsKey[]): Promise<LabResultEntity[]> {
  const sample = keys[0];
  const rows = entityRows(dataSource, LabResultEntity);
  const lists = [rows.inList('mrn', [...new Set(keys.map((k) => k.mrn))])];
  if (sample.loinc && sample.loinc.length > 0) lists.push(rows.inList('loinc', sample.loinc));
  if (sample.status && sample.status.length > 0) lists.push(rows.inList('status', sample.status));
  const conditions = lists.map((list) => list.sql);
  const params = lists.flatMap((list) => list.params);
  if (sample.since) {
    conditions.push(`${rows.column('collectedAt')} >= ?`);
    params.push(rows.param('collectedAt', sample.since));
  }
  const order = `${rows.column('collectedAt')} DESC, ${rows.column('id')} DESC`;
  return rows.read(dataSource.manager, `SELECT ${rows.columnList} FROM ${rows.table} WHERE ${conditions.join(' AND ')} ORDER BY ${order}`, params);
}

export function createLabResultLoaders(dataSource: DataSource): LabResultLoaders {
  return {
    labResultById: byIdLoader(dataSource, LabResultEntity, 'id'),
    labResultsForRecord: new DataLoader<LabResultsKey, LabResultEntity[], string>(
      async (keys) => {
        // one statement per distinct argument set, however many charts ask
        const groups = new Map<string, LabResultsKey[]>();
        for (const key of keys) groups.set(argumentsKey(key), [...(groups.get(argumentsKey(key)) ?? []), key]);
        const byGroup = new Map<string, LabResultEntity[]>();
        for (const [groupKey, groupKeys] of groups) byGroup.set(groupKey, await readResults(dataSource, groupKeys));
        return keys.map((key) => (byGroup.get(argumentsKey(key)) ?? []).filter((row) => row.mrn === key.mrn).slice(0, key.first));
      },
      { cacheKeyFn: (key) => `${key.mrn}|${argumentsKey(key)}` },
    ),
  };
}
