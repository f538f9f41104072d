import Database from 'better-sqlite3';
import { DataSource, type MigrationInterface } from 'typeorm';
import { HOSPITAL_ENTITIES, hospitalEmbeddedKind } from '../../subgraphs/hospital/entities';
import { planImport } from '../../subgraphs/hospital/fhir-import/plan-import';
import { loadImport } from '../../subgraphs/hospital/fhir-import/load-import';
import { LabResultEntity } from '../../subgraphs/hospital/lab-result/lab-result.entity';
import { HOSPITAL_MIGRATIONS } from '../../subgraphs/hospital/migrations';
import { PatientRecordEntity } from '../../subgraphs/hospital/patient-record/patient-record.entity';
import { createDataSource, embeddedFile } from '../../subgraphs/runtime/db/create-data-source';
import { mysqlFlavour, pendingSchemaChanges } from '../../subgraphs/runtime/db/schema-drift';
import { scratchDataDir } from '../gateway/support/schema-folder';
import { createScratchDatabase, describeMysql } from '../support/mysql';

/**
 * The columns that keep what a FHIR import was given (contract 1.2) arrive in databases
 * written before them: an embedded file of the old schema gains them when a member opens
 * it, a MySQL/MariaDB database by its migration, and neither loses a row on the way.
 */
const H = 'dh-upgrade';
const NEW_RESULT_COLUMNS = ['source_identifiers', 'source_code', 'fhir_status', 'performers', 'reference_ranges', 'method', 'notes'];
const NEW_CHART_COLUMNS = ['names', 'telecom', 'addresses', 'national_id', 'identifiers'];

const OLD_CHART = { mrn: 'OLD-1', name: '周敏', sex: 'FEMALE', birth_date: '1970-01-02' };
const OLD_RESULT = {
  id: 'lr-old-1',
  mrn: 'OLD-1',
  loinc: '2823-3',
  local_code: 'K',
  name: '钾',
  value_quantity: 4.4,
  unit: 'mmol/L',
  ref_low: 3.5,
  ref_high: 5.3,
  interpretation: 'NORMAL',
  status: 'FINAL',
  collected_at: '2026-02-01 01:30:00.000',
};

/** A bundle with kept elements, for a chart and a result imported after the upgrade. */
const BUNDLE = {
  resourceType: 'Bundle',
  entry: [
    {
      resource: {
        resourceType: 'Patient',
        id: 'p',
        identifier: [{ system: `urn:medalliance:hospital:${H}:mrn`, value: 'NEW-1' }],
        name: [{ use: 'official', family: '周', given: ['敏'] }],
        telecom: [{ system: 'phone', value: '13700000000' }],
      },
    },
    {
      resource: {
        resourceType: 'Observation',
        id: 'o',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'potassium' }] },
        subject: { reference: 'Patient/p' },
        effectiveDateTime: '2026-03-01T01:30:00Z',
        valueQuantity: { value: 4.1, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
        note: [{ text: 'repeat' }],
      },
    },
  ],
};

function insertSql(table: string, row: Record<string, unknown>, quote: string): [string, unknown[]] {
  const columns = Object.keys(row);
  return [`INSERT INTO ${quote}${table}${quote} (${columns.map((c) => `${quote}${c}${quote}`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row)];
}

/** The old rows read back through the entities, and the new columns of them empty. */
async function expectOldRowsKept(dataSource: DataSource): Promise<void> {
  const chart = await dataSource.getRepository(PatientRecordEntity).findOneByOrFail({ mrn: 'OLD-1' });
  expect(chart).toEqual({ mrn: 'OLD-1', name: '周敏', sex: 'FEMALE', birthDate: '1970-01-02', names: null, telecom: null, addresses: null, nationalId: null, identifiers: null });
  const result = await dataSource.getRepository(LabResultEntity).findOneByOrFail({ id: 'lr-old-1' });
  expect(result).toMatchObject({ mrn: 'OLD-1', valueQuantity: 4.4, refLow: 3.5, refHigh: 5.3, status: 'FINAL', sourceCode: null, referenceRanges: null, notes: null });
  expect(result.collectedAt.toISOString()).toBe('2026-02-01T01:30:00.000Z');
}

/** A chart and a result imported into the upgraded database keep their source's elements. */
async function expectImportKeeps(dataSource: DataSource): Promise<void> {
  const report = await loadImport(dataSource, H, planImport(BUNDLE, { hospitalId: H }));
  expect(report).toMatchObject({ patients: { loaded: 1 }, observations: { loaded: 1 }, rejected: [] });
  expect(report.notKept).toBeUndefined();
  const chart = await dataSource.getRepository(PatientRecordEntity).findOneByOrFail({ mrn: 'NEW-1' });
  expect(chart.names).toEqual([{ use: 'official', text: null, family: '周', given: ['敏'], prefix: [], suffix: [] }]);
  expect(chart.telecom).toEqual([{ system: 'phone', value: '13700000000', use: null, rank: null }]);
  const result = await dataSource.getRepository(LabResultEntity).findOneByOrFail({ id: 'fhir-o' });
  expect(result.sourceCode).toEqual({ coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'potassium' }], text: null });
  expect(result.notes).toEqual([{ text: 'repeat', time: null, authorString: null }]);
  expect(await dataSource.getRepository(LabResultEntity).count()).toBe(2);
}

describe('an embedded hospital file of the schema before the kept FHIR columns', () => {
  it('gains them when opened, keeping every row, and then keeps what an import gives', async () => {
    const target = { dataDir: scratchDataDir(), name: H };
    const parts = { entities: HOSPITAL_ENTITIES, migrations: [], embeddedKind: hospitalEmbeddedKind(H) };
    const first = createDataSource(target, parts);
    await first.initialize();
    await first.destroy();

    // the file as the previous release left it: without the new columns, with its rows
    const file = embeddedFile(target);
    const old = new Database(file);
    for (const column of NEW_RESULT_COLUMNS) old.exec(`ALTER TABLE "lab_result" DROP COLUMN "${column}"`);
    for (const column of NEW_CHART_COLUMNS) old.exec(`ALTER TABLE "patient_record" DROP COLUMN "${column}"`);
    for (const [table, row] of [
      ['patient_record', OLD_CHART],
      ['lab_result', OLD_RESULT],
    ] as const) {
      const [sql, values] = insertSql(table, row, '"');
      old.prepare(sql).run(...values);
    }
    const columnsOf = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    expect(columnsOf(old, 'lab_result')).not.toContain('reference_ranges');
    old.close();

    const upgraded = createDataSource(target, parts);
    await upgraded.initialize();
    try {
      await expectOldRowsKept(upgraded);
      await expectImportKeeps(upgraded);
    } finally {
      await upgraded.destroy();
    }
    const after = new Database(file, { readonly: true });
    expect(columnsOf(after, 'lab_result')).toEqual(expect.arrayContaining(NEW_RESULT_COLUMNS));
    expect(columnsOf(after, 'patient_record')).toEqual(expect.arrayContaining(NEW_CHART_COLUMNS));
    after.close();
  });
});

describeMysql('a MySQL/MariaDB hospital database before the kept FHIR columns', () => {
  it('gains them by its migration, keeping every row, keeps what an import gives, and reverts', async () => {
    const scratch = await createScratchDatabase('kept_fhir_mig');
    const type = await mysqlFlavour(scratch.url);
    const dataSource = (migrations: (new () => MigrationInterface)[]) =>
      new DataSource({ type, url: scratch.url, charset: 'utf8mb4', timezone: 'Z', entities: HOSPITAL_ENTITIES, migrations, synchronize: false, migrationsRun: false });
    const before = dataSource(HOSPITAL_MIGRATIONS.slice(0, -1));
    const after = dataSource(HOSPITAL_MIGRATIONS);
    try {
      await before.initialize();
      await before.runMigrations();
      for (const [table, row] of [
        ['patient_record', OLD_CHART],
        ['lab_result', OLD_RESULT],
      ] as const) {
        const [sql, values] = insertSql(table, row, '`');
        await before.query(sql, values);
      }
      await before.destroy();

      await after.initialize();
      expect((await after.runMigrations()).map((m) => m.name)).toEqual(['KeptFhirElements1765400000000']);
      expect(await pendingSchemaChanges(after)).toEqual([]);
      await expectOldRowsKept(after);
      await expectImportKeeps(after);

      await after.undoLastMigration();
      const rows = await after.query<{ mrn: string }[]>('SELECT `mrn` FROM `patient_record` ORDER BY `mrn`');
      expect(rows.map((r) => r.mrn)).toEqual(['NEW-1', 'OLD-1']);
    } finally {
      if (before.isInitialized) await before.destroy();
      if (after.isInitialized) await after.destroy();
      await scratch.drop();
    }
  });
});
