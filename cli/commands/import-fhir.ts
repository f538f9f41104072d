import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { hospitalSettings } from '../../common/config/hospital-settings';
import { loadConfig } from '../../common/config/load-config';
import { MedAllianceError } from '../../common/errors';
import { createDataSource } from '../../subgraphs/runtime/db/create-data-source';
import { HOSPITAL_ENTITIES, hospitalEmbeddedKind } from '../../subgraphs/hospital/entities';
import { loadImport } from '../../subgraphs/hospital/fhir-import/load-import';
import { planImport } from '../../subgraphs/hospital/fhir-import/plan-import';
import { HOSPITAL_MIGRATIONS } from '../../subgraphs/hospital/migrations';
import { UsageError } from '../usage-error';

const USAGE = 'Usage: medalliance import-fhir --hospital <hospitalId> [--mrn-system <uri>] [--dry-run] <bundle.json>';

/** Exit status when the bundle was read but some entries were refused (the rest is loaded). */
export const EXIT_SOME_REJECTED = 3;

/**
 * `medalliance import-fhir --hospital <id> <bundle.json>`: loads a FHIR R4 Bundle of
 * Patients and Observations into that hospital's database (DATABASE_URL, else its
 * embedded file under MEDALLIANCE_DATA_DIR) in one transaction, and prints a JSON report
 * (counts, and each refused entry by index and resource id: no patient data). Each new
 * chart's link to the alliance's patient index is queued in the member's outbox in the
 * same transaction; the member delivers it when it runs (docs/OPERATIONS.md).
 * The hospital's process may run meanwhile, also on the embedded database: the import
 * commits to the same file (WAL) and the running member serves it at once. A hospital
 * without a database yet gets a new, empty one.
 */
export async function run(argv: string[]): Promise<void> {
  let parsed: { values: { hospital?: string; 'mrn-system'?: string; 'dry-run'?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { hospital: { type: 'string' }, 'mrn-system': { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const hospitalId = values.hospital;
  if (!hospitalId || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(hospitalId)) throw new UsageError(`Name the hospital with --hospital <hospitalId>.\n${USAGE}`);
  if (positionals.length !== 1) throw new UsageError(`Give exactly one bundle file.\n${USAGE}`);

  let bundle: unknown;
  try {
    bundle = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the bundle: ${(error as NodeJS.ErrnoException).code ?? 'not JSON'}.`);
  }
  let plan;
  try {
    plan = planImport(bundle, { hospitalId, mrnSystem: values['mrn-system'] });
  } catch (error) {
    if (error instanceof MedAllianceError) throw new UsageError(error.message);
    throw error;
  }

  if (values['dry-run']) {
    const report = {
      hospitalId,
      dryRun: true,
      patients: { valid: plan.charts.length },
      observations: { valid: plan.results.length },
      rejected: plan.rejected,
      ...(plan.notKept.length > 0 ? { notKept: plan.notKept } : {}),
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (plan.rejected.length > 0) process.exitCode = EXIT_SOME_REJECTED;
    return;
  }

  const config = loadConfig(hospitalSettings);
  const dataSource = createDataSource(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, name: hospitalId },
    { entities: HOSPITAL_ENTITIES, migrations: HOSPITAL_MIGRATIONS, embeddedKind: hospitalEmbeddedKind(hospitalId) },
  );
  await dataSource.initialize();
  try {
    const report = await loadImport(dataSource, hospitalId, plan);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.rejected.length > 0) process.exitCode = EXIT_SOME_REJECTED;
  } finally {
    await dataSource.destroy();
  }
}
