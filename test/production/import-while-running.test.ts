import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postGraphQL } from '../support/graphql-client';
import { runCli } from '../support/run-cli';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { signalAndWait, spawnProduction } from './support/acknowledged';

/**
 * CLI commands beside a running member on the embedded database (DESIGN 2): an import
 * commits to the same file and the member serves it at once, and it is still there after
 * a restart; `seed --reset`, which replaces the file, refuses while the member runs.
 */
const HOSPITAL = 'dh-chc-lakeside';
const MRN = 'LK-IMPORT-0001';
const ucum = (value: number, unit: string) => ({ value, unit, system: 'http://unitsofmeasure.org', code: unit });
const BUNDLE = {
  resourceType: 'Bundle',
  type: 'collection',
  entry: [
    {
      resource: {
        resourceType: 'Patient',
        id: 'p1',
        identifier: [{ system: 'http://his.lakeside.example/mrn', value: MRN }],
        name: [{ text: '王芳' }],
        gender: 'female',
        birthDate: '1980-02-03',
      },
    },
    ...[
      ['o1', '2823-3', 4.2, 'mmol/L'],
      ['o2', '2951-2', 140, 'mmol/L'],
    ].map(([id, loinc, value, unit]) => ({
      resource: {
        resourceType: 'Observation',
        id,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
        subject: { reference: 'Patient/p1' },
        effectiveDateTime: '2026-03-01T01:30:00+08:00',
        valueQuantity: ucum(value as number, unit as string),
      },
    })),
  ],
};
const CHART = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { mrn labResults(first: 10) { loinc } } } }';

describe('CLI commands while the member runs (embedded database)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-import-running-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { MEDALLIANCE_DATA_DIR: dataDir, DATABASE_URL: '', MEDALLIANCE_SEED_PATIENTS: '20' };
  const file = path.join(dataDir, `${HOSPITAL}.sqlite`);

  it('an import is served at once and kept; seed --reset refuses and changes nothing', async () => {
    const args = ['hospital', '--id', HOSPITAL, '--port', '0'];
    let member = await spawnProduction(args, env);
    try {
      const chart = async () => {
        const variables = { r: [{ __typename: 'PatientRecord', hospitalId: HOSPITAL, mrn: MRN }] };
        const headers = await gatewayHeaders(CALLERS.clinician(HOSPITAL), { dataDir, audience: hospitalAudience(HOSPITAL) }, { query: CHART, variables });
        const { body } = await postGraphQL(member.url, CHART, variables, headers);
        expect(body.errors).toBeUndefined();
        return body.data._entities[0] as { mrn: string; labResults: { loinc: string }[] } | null;
      };
      expect(await chart()).toBeNull();

      const bundleFile = path.join(dataDir, 'bundle.json');
      writeFileSync(bundleFile, JSON.stringify(BUNDLE));
      const imported = await runCli(['import-fhir', '--hospital', HOSPITAL, bundleFile], env);
      expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: '' });
      expect(JSON.parse(imported.stdout)).toMatchObject({ patients: { loaded: 1 }, observations: { loaded: 2 } });
      const expected = { mrn: MRN, labResults: expect.arrayContaining([{ loinc: '2823-3' }, { loinc: '2951-2' }]) };
      expect(await chart()).toEqual(expected);

      const before = createHash('sha256').update(readFileSync(file)).digest('hex');
      const reset = await runCli(['seed', '--only', HOSPITAL, '--reset'], env);
      expect(reset.code).toBe(1);
      expect(reset.stderr).toMatch(/is in use \(its process is running\): stop the stack \(or that process\) before medalliance seed --reset\. Nothing was changed\./);
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
      expect(await chart()).toEqual(expected);

      expect(await signalAndWait(member, 'SIGTERM')).toEqual({ code: 0, signal: null });
      member = await spawnProduction(args, env);
      expect(await chart()).toEqual(expected);

      // stopped, the file may be replaced: the import goes with the old file
      expect(await signalAndWait(member, 'SIGTERM')).toEqual({ code: 0, signal: null });
      const replaced = await runCli(['seed', '--only', HOSPITAL, '--reset', '--patients', '20'], env);
      expect(replaced).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^${HOSPITAL}: seeded `)) });
      member = await spawnProduction(args, env);
      expect(await chart()).toBeNull();
    } finally {
      await member.stop('SIGKILL');
    }
  });
});
