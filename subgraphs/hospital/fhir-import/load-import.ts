import { In, type DataSource } from 'typeorm';
import { inTransaction } from '../../runtime/db/serialized-transaction';
import { LabResultEntity } from '../lab-result/lab-result.entity';
import { enqueueLink } from '../identity-feed/enqueue-link';
import { PatientRecordEntity } from '../patient-record/patient-record.entity';
import type { ImportPlan, NotKept, Rejection } from './import-types';

export interface ImportReport {
  hospitalId: string;
  /**
   * `linksQueued`: new charts whose link to the alliance's patient index waits in the
   * outbox (the running member delivers it); `notLinkable`: new charts without a name or a
   * birth date, which the index needs — complete them at the member to link them.
   */
  patients: { loaded: number; alreadyPresent: number; linksQueued: number; notLinkable: number };
  observations: { loaded: number; alreadyPresent: number };
  rejected: Rejection[];
  /** Accepted entries with elements the store does not keep (present only when there are any). */
  notKept?: NotKept[];
}

/** Small enough for SQLite's bound-parameter limit of 999 (at most 24 columns a row). */
const CHUNK = 40;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/**
 * Writes a validated plan in one transaction: charts by chart number, results by id,
 * each only when not there yet, so loading the same bundle twice adds nothing. A result
 * whose chart already exists joins it; nothing already stored is changed.
 */
export async function loadImport(dataSource: DataSource, hospitalId: string, plan: ImportPlan): Promise<ImportReport> {
  return inTransaction(dataSource, async (manager) => {
    const existingCharts = new Set<string>();
    for (const part of chunks(plan.charts.map((c) => c.mrn))) {
      for (const row of await manager.find(PatientRecordEntity, { select: { mrn: true }, where: { mrn: In(part) } })) existingCharts.add(row.mrn);
    }
    const existingResults = new Set<string>();
    for (const part of chunks(plan.results.map((r) => r.id))) {
      for (const row of await manager.find(LabResultEntity, { select: { id: true }, where: { id: In(part) } })) existingResults.add(row.id);
    }
    const newCharts = plan.charts.filter((c) => !existingCharts.has(c.mrn));
    const newResults = plan.results.filter((r) => !existingResults.has(r.id));
    for (const part of chunks(newCharts)) await manager.insert(PatientRecordEntity, part);
    // the same transaction as the charts: an imported chart never exists without its pending link
    const linkable = newCharts.filter((c) => c.name && c.birthDate);
    for (const chart of linkable) await enqueueLink(manager, { mrn: chart.mrn, name: chart.name!, birthDate: chart.birthDate!, sex: chart.sex, nationalId: chart.nationalId });
    for (const part of chunks(newResults)) await manager.insert(LabResultEntity, part);
    return {
      hospitalId,
      patients: { loaded: newCharts.length, alreadyPresent: existingCharts.size, linksQueued: linkable.length, notLinkable: newCharts.length - linkable.length },
      observations: { loaded: newResults.length, alreadyPresent: existingResults.size },
      rejected: plan.rejected,
      ...(plan.notKept.length > 0 ? { notKept: plan.notKept } : {}),
    };
  });
}
