import fs from 'node:fs';
import path from 'node:path';
import { scratchDataDir } from '../gateway/support/schema-folder';
import { createScratchDatabase, itMysql } from '../support/mysql';
import { runCli } from '../support/run-cli';

/**
 * `medalliance import-fhir` from the built CLI into a real database (the embedded file,
 * and MariaDB): accepted entries load in one go, refused ones are reported by index and
 * id with no patient data, and a second run loads nothing.
 */
const H = 'dh-partner-y';
const ucum = (value: number, unit: string) => ({ value, unit, system: 'http://unitsofmeasure.org', code: unit });
const observation = (id: string, loinc: string, value: number, unit: string) => ({
  resource: {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-03-01T01:30:00+08:00',
    valueQuantity: ucum(value, unit),
  },
});
const BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'Patient',
        id: 'p1',
        identifier: [{ system: 'http://his.partner-y.example/mrn', value: 'PY-000042' }],
        name: [{ text: '李娜' }],
        gender: 'female',
        birthDate: '1971-05-06',
      },
    },
    observation('o1', '2823-3', 4.1, 'mmol/L'),
    observation('o2', '14749-6', 102, 'mg/dL'), // molar glucose given in a mass unit: refused, never converted
    observation('o3', '12345-6', 1, 'mmol/L'), // not a test the alliance knows
    observation('o4', '2345-7', 102, 'mg/dL'), // the mass-unit glucose is its own LOINC code
  ],
};

function writeBundle(dir: string): string {
  const file = path.join(dir, 'partner-y.json');
  fs.writeFileSync(file, JSON.stringify(BUNDLE));
  return file;
}

async function importTwice(env: NodeJS.ProcessEnv, dir: string) {
  const file = writeBundle(dir);
  const first = await runCli(['import-fhir', '--hospital', H, file], env);
  const second = await runCli(['import-fhir', '--hospital', H, file], env);
  return { first: { code: first.code, report: JSON.parse(first.stdout) }, second: { code: second.code, report: JSON.parse(second.stdout) }, stdout: first.stdout + second.stdout };
}

function expectReports(result: Awaited<ReturnType<typeof importTwice>>) {
  expect(result.first.code).toBe(3);
  expect(result.first.report).toEqual({
    hospitalId: H,
    patients: { loaded: 1, alreadyPresent: 0, linksQueued: 1, notLinkable: 0 },
    observations: { loaded: 2, alreadyPresent: 0 },
    rejected: [
      { entry: 2, resourceType: 'Observation', id: 'o2', reason: expect.stringContaining('"mg/dL" is not mmol/L') },
      { entry: 3, resourceType: 'Observation', id: 'o3', reason: expect.stringContaining('LOINC 12345-6') },
    ],
  });
  expect(result.second.report).toMatchObject({ patients: { loaded: 0, alreadyPresent: 1 }, observations: { loaded: 0, alreadyPresent: 2 } });
  for (const phi of ['李娜', 'PY-000042', '1971', '4.1']) expect(result.stdout).not.toContain(phi);
}

describe('medalliance import-fhir', () => {
  it('loads into the embedded database once', async () => {
    const dir = scratchDataDir();
    const result = await importTwice({ MEDALLIANCE_DATA_DIR: dir, DATABASE_URL: '' }, dir);
    expectReports(result);
    expect(fs.existsSync(path.join(dir, `${H}.sqlite`))).toBe(true);
  });

  itMysql('loads into MariaDB once (migrations applied first)', async () => {
    const db = await createScratchDatabase('fhir_import');
    try {
      const dir = scratchDataDir();
      expectReports(await importTwice({ MEDALLIANCE_DATA_DIR: dir, DATABASE_URL: db.url }, dir));
    } finally {
      await db.drop();
    }
  });

  it.each([
    [['--hospital', H], 'exactly one bundle file'],
    [['x.json'], '--hospital'],
    [['--hospital', H, 'missing-file.json'], 'Cannot read the bundle'],
  ])('%j is a usage error', async (args, message) => {
    const { code, stderr } = await runCli(['import-fhir', ...args], { MEDALLIANCE_DATA_DIR: scratchDataDir() });
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });
});
