import fs from 'node:fs';
import path from 'node:path';
import { nationalIdCheckCharacter } from '../../subgraphs/runtime/identity/national-id';
import { startRealAlliance, type RealAlliance } from '../gateway/support/real-alliance';
import { postGraphQL } from '../support/graphql-client';
import { runCli } from '../support/run-cli';
import { r4Problems } from './support/r4-validator';

/**
 * What a FHIR import is given is what the alliance gives back: a rich Bundle loaded with
 * `import-fhir` into a running member's database (the built CLI, real processes), its
 * chart linked in the patient index, then read through the gateway's GraphQL and its FHIR
 * API. Every element the import keeps reads back exactly as given (a `glucose` display
 * stays `glucose`, a corrected result stays corrected, two ranges stay two), the import
 * reports nothing as not kept, and no patient data reaches its report or the logs.
 */
const H = 'dh-chc-hill';
const NATIONAL_ID = (() => {
  const first17 = '42011119830415432';
  return first17 + nationalIdCheckCharacter(first17);
})();
const ucum = (value: number, unit: string) => ({ value, unit, system: 'http://unitsofmeasure.org', code: unit });
const NI = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] };

const PATIENT = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [
    { use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: 'http://his.hill.example/mrn', value: 'HILL-0042' },
    { use: 'official', type: NI, system: 'urn:oid:2.16.156.10011.1.1', value: NATIONAL_ID },
    { system: 'urn:oid:2.16.156.10011.1.9', value: 'INS-778899' },
  ],
  name: [
    { use: 'official', family: '欧阳', given: ['晓', '兰'] },
    { use: 'usual', text: '欧阳晓兰' },
    { use: 'nickname', family: 'Ouyang', given: ['Lan'], prefix: ['Ms'] },
  ],
  telecom: [
    { system: 'phone', value: '13912345678', use: 'mobile', rank: 1 },
    { system: 'email', value: 'lan.ouyang@example.cn' },
  ],
  address: [{ use: 'home', type: 'physical', line: ['青山镇', '和平街 12 号'], city: '武汉', district: '青山区', state: '湖北', postalCode: '430080', country: 'CN' }],
  gender: 'female',
  birthDate: '1983-04-15',
};

const GLUCOSE = {
  resourceType: 'Observation',
  id: 'o-glu',
  identifier: [{ use: 'official', system: 'urn:oid:2.16.156.10011.2.5', value: 'LIS-2026-000123' }],
  status: 'corrected',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '14749-6', display: 'glucose' }], text: 'glucose' },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-03-01T07:30:00+08:00',
  issued: '2026-03-01T09:05:00+08:00',
  contained: [{ resourceType: 'Organization', id: 'lab', name: '武汉临床检验中心', identifier: [{ system: 'urn:oid:2.16.156.10011.1.5', value: 'WH-LAB-07' }] }],
  performer: [{ reference: '#lab', display: '武汉临床检验中心' }],
  valueQuantity: ucum(7.8, 'mmol/L'),
  method: { coding: [{ system: 'http://snomed.info/sct', code: '83036003', display: 'Hexokinase method' }], text: 'hexokinase' },
  note: [{ authorString: '检验科 李医生', time: '2026-03-01T09:00:00+08:00', text: '复核后更正：标本未溶血' }],
  referenceRange: [
    {
      low: ucum(3.9, 'mmol/L'),
      high: ucum(6.1, 'mmol/L'),
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning', code: 'normal', display: 'Normal Range' }] },
      text: '空腹 3.9–6.1',
    },
    { high: ucum(7.0, 'mmol/L'), appliesTo: [{ text: '妊娠期' }], text: '妊娠期 < 7.0' },
  ],
};

const POTASSIUM = {
  resourceType: 'Observation',
  id: 'o-k',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'K' }] },
  subject: { reference: 'Patient/p1' },
  effectiveDateTime: '2026-03-01T07:30:00+08:00',
  performer: [{ identifier: { system: 'urn:oid:2.16.156.10011.1.5', value: 'WH-LAB-07' }, display: '武汉临床检验中心' }],
  valueQuantity: ucum(4.2, 'mmol/L'),
  referenceRange: [{ low: ucum(3.5, 'mmol/L'), high: ucum(5.3, 'mmol/L') }],
};

const BUNDLE = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:p1', resource: PATIENT }, { resource: GLUCOSE }, { resource: POTASSIUM }] };
const PHI = ['欧阳', 'Ouyang', NATIONAL_ID, '13912345678', 'lan.ouyang', '和平街', 'INS-778899', 'HILL-0042'];

const CONCEPT = 'coding { system code display } text';
const IDENTIFIER = `use type { ${CONCEPT} } system value`;
const PERSON = `query ($mpiId: ID!) { patient(mpiId: $mpiId) { records { hospitalId mrn name nationalId
  names { use text family given prefix suffix } telecom { system value use rank }
  addresses { use type text line city district state postalCode country } identifiers { ${IDENTIFIER} }
  labResults { id loinc name status fhirStatus code { ${CONCEPT} } identifiers { ${IDENTIFIER} } method { ${CONCEPT} } notes { text time authorString }
    performers { reference type display identifier { ${IDENTIFIER} } organization { id name identifier { ${IDENTIFIER} } } }
    referenceRange { low high text } referenceRanges { low high unit text type { ${CONCEPT} } appliesTo { ${CONCEPT} } } } } } }`;

let stack: RealAlliance;
let clinician: Record<string, string>;
let report: any;
let importOutput: string;
let mpiId: string;

beforeAll(async () => {
  stack = await startRealAlliance({ running: ['dh-lead', H] });
  clinician = await stack.headers('clinician', H);
  const file = path.join(stack.dataDir, 'hill-source.json');
  fs.writeFileSync(file, JSON.stringify(BUNDLE));
  // the member is running: the CLI writes the same embedded file beside it
  const imported = await runCli(['import-fhir', '--hospital', H, '--mrn-system', 'http://his.hill.example/mrn', file], { MEDALLIANCE_DATA_DIR: stack.dataDir, DATABASE_URL: '' });
  importOutput = imported.stdout + imported.stderr;
  report = JSON.parse(imported.stdout);
  const link = await postGraphQL(
    stack.gateway.url,
    'mutation ($input: LinkPatientRecordInput!) { linkPatientRecord(input: $input) { mpiId matchedBy } }',
    { input: { hospitalId: H, mrn: 'HILL-0042', name: '欧阳晓兰', birthDate: '1983-04-15', sex: 'FEMALE', nationalId: NATIONAL_ID, idempotencyKey: 'fidelity-link-1' } },
    clinician,
  );
  expect(link.body.errors).toBeUndefined();
  mpiId = link.body.data.linkPatientRecord.mpiId;
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function fhir(pathAndQuery: string) {
  const response = await fetch(`${stack.base}/fhir/r4/${pathAndQuery}`, { headers: clinician });
  return { status: response.status, body: (await response.json()) as any };
}

describe('a rich FHIR Bundle, imported, reads back as it was given', () => {
  it('is loaded whole: nothing reported as not kept, no patient data in the report', () => {
    expect(report).toEqual({
      hospitalId: H,
      patients: { loaded: 1, alreadyPresent: 0, linksQueued: 1, notLinkable: 0 },
      observations: { loaded: 2, alreadyPresent: 0 },
      rejected: [],
    });
    for (const phi of PHI) expect(importOutput).not.toContain(phi);
  });

  it('through GraphQL: the chart keeps every name, telecom, address and identifier, the results what their source said', async () => {
    const { body } = await postGraphQL(stack.gateway.url, PERSON, { mpiId }, clinician);
    expect(body.errors).toBeUndefined();
    const chart = body.data.patient.records.find((r: any) => r.hospitalId === H);
    expect(chart).toMatchObject({
      mrn: 'HILL-0042',
      // the one name shown is made from the official name's parts; the names themselves are kept as given
      name: '欧阳 晓 兰',
      nationalId: NATIONAL_ID,
      names: [
        { use: 'official', text: null, family: '欧阳', given: ['晓', '兰'], prefix: [], suffix: [] },
        { use: 'usual', text: '欧阳晓兰', family: null, given: [], prefix: [], suffix: [] },
        { use: 'nickname', text: null, family: 'Ouyang', given: ['Lan'], prefix: ['Ms'], suffix: [] },
      ],
      telecom: [
        { system: 'phone', value: '13912345678', use: 'mobile', rank: 1 },
        { system: 'email', value: 'lan.ouyang@example.cn', use: null, rank: null },
      ],
      addresses: [
        { use: 'home', type: 'physical', text: null, line: ['青山镇', '和平街 12 号'], city: '武汉', district: '青山区', state: '湖北', postalCode: '430080', country: 'CN' },
      ],
    });
    expect(chart.identifiers.map((i: any) => `${i.system}|${i.value}|${i.type?.coding[0]?.code ?? ''}`)).toEqual([
      'http://his.hill.example/mrn|HILL-0042|MR',
      `urn:oid:2.16.156.10011.1.1|${NATIONAL_ID}|NI`,
      'urn:oid:2.16.156.10011.1.9|INS-778899|',
    ]);
    const glucose = chart.labResults.find((r: any) => r.loinc === '14749-6');
    // the catalogue's name stays its own field; the source's display and text are the source's
    expect(glucose.name).not.toBe('glucose');
    expect(glucose).toMatchObject({
      status: 'AMENDED',
      fhirStatus: 'corrected',
      code: { coding: [{ system: 'http://loinc.org', code: '14749-6', display: 'glucose' }], text: 'glucose' },
      identifiers: [{ use: 'official', type: null, system: 'urn:oid:2.16.156.10011.2.5', value: 'LIS-2026-000123' }],
      method: { coding: [{ system: 'http://snomed.info/sct', code: '83036003', display: 'Hexokinase method' }], text: 'hexokinase' },
      notes: [{ text: '复核后更正：标本未溶血', time: '2026-03-01T09:00:00+08:00', authorString: '检验科 李医生' }],
      performers: [
        {
          reference: '#lab',
          type: null,
          display: '武汉临床检验中心',
          identifier: null,
          organization: { id: 'lab', name: '武汉临床检验中心', identifier: [{ use: null, type: null, system: 'urn:oid:2.16.156.10011.1.5', value: 'WH-LAB-07' }] },
        },
      ],
      referenceRange: { low: 3.9, high: 6.1, text: '空腹 3.9–6.1' },
      referenceRanges: [
        {
          low: 3.9,
          high: 6.1,
          unit: 'mmol/L',
          text: '空腹 3.9–6.1',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning', code: 'normal', display: 'Normal Range' }], text: null },
          appliesTo: null,
        },
        { low: null, high: 7, unit: 'mmol/L', text: '妊娠期 < 7.0', type: null, appliesTo: [{ coding: [], text: '妊娠期' }] },
      ],
    });
  });

  it('through FHIR: the Observations carry the source identifier, code, status, performer, ranges, method and note as given, and validate as R4', async () => {
    const { status, body } = await fhir(`Observation?patient=${mpiId}&_count=100`);
    expect(status).toBe(200);
    expect(r4Problems(body)).toEqual([]);
    const ours = body.entry
      .map((e: any) => e.resource)
      .filter((o: any) => o.resourceType === 'Observation' && o.identifier[0].system === `urn:medalliance:hospital:${H}:lab-result`);
    const glucose = ours.find((o: any) => o.code.coding[0].code === '14749-6');
    for (const resource of ours) expect(r4Problems(resource)).toEqual([]);
    expect(glucose.identifier.slice(1)).toEqual(GLUCOSE.identifier);
    for (const element of ['status', 'code', 'contained', 'performer', 'method', 'note', 'referenceRange', 'valueQuantity'] as const) {
      expect({ element, value: glucose[element] }).toEqual({ element, value: GLUCOSE[element] });
    }
    const potassium = ours.find((o: any) => o.code.coding[0].code === '2823-3');
    for (const element of ['status', 'code', 'performer', 'referenceRange', 'valueQuantity'] as const) {
      expect({ element, value: potassium[element] }).toEqual({ element, value: POTASSIUM[element] });
    }
    // no Organization of ours is contained where the source named its own performer
    expect(potassium.contained).toBeUndefined();
  });

  it('through FHIR: the Patient carries every name, telecom, address and identifier as given, and validates as R4', async () => {
    const { status, body } = await fhir(`Patient/${mpiId}`);
    expect(status).toBe(200);
    expect(r4Problems(body)).toEqual([]);
    expect(body.name).toEqual(PATIENT.name);
    expect(body.telecom).toEqual(PATIENT.telecom);
    expect(body.address).toEqual(PATIENT.address);
    expect(body.gender).toBe('female');
    expect(body.birthDate).toBe('1983-04-15');
    expect(body.identifier).toEqual(expect.arrayContaining(PATIENT.identifier));
  });

  it('never logs the patient data it keeps', () => {
    const logs = [stack.gateway, stack.alliance, ...stack.hospitals.values()].map((s) => s.output()).join('\n');
    for (const phi of PHI) expect(logs).not.toContain(phi);
  });
});
