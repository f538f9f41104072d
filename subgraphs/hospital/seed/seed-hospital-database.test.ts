import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../runtime/db/create-data-source';
import { generatePeople, peopleAtHospital } from '../../runtime/seed/people';
import { allianceRoster } from '../../runtime/seed/roster';
import { HOSPITAL_ENTITIES } from '../entities';
import { CRITICAL_LIMITS } from '../lab-result/critical-limits';
import { interpret } from '../lab-result/interpret';
import { buildHospitalSeed, seedHospitalDatabase, type HospitalSeedOptions } from './seed-hospital-database';

const ANCHOR = new Date('2026-03-01T04:00:00Z');
const options = (hospitalId: string, patients = 30): HospitalSeedOptions => ({ hospitalId, hospitalCount: 4, patients, anchor: ANCHOR });

const TABLES = ['department', 'staff', 'patient_record', 'lab_result', 'shared_resource', 'resource_booking'];

/** A digest of every seeded row as the database returns it, in primary-key order. */
async function digestOf(dataSource: DataSource): Promise<string> {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    const key = table === 'patient_record' ? 'mrn' : 'id';
    hash.update(JSON.stringify(await dataSource.query(`SELECT * FROM ${table} ORDER BY ${key}`)));
  }
  return hash.digest('hex');
}

describe('seedHospitalDatabase', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'medalliance-seed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function seededDigest(name: string, seedOptions: HospitalSeedOptions): Promise<string> {
    const dataSource = createDataSource({ dataDir: dir, name }, { entities: HOSPITAL_ENTITIES, migrations: [] });
    await dataSource.initialize();
    try {
      await seedHospitalDatabase(dataSource, seedOptions);
      return await digestOf(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  it('is deterministic: the same input gives the same rows; another hospital gives other rows', async () => {
    const first = await seededDigest('a', options('dh-district'));
    const second = await seededDigest('b', options('dh-district'));
    const other = await seededDigest('c', options('dh-chc-lakeside'));
    expect(second).toBe(first);
    expect(other).not.toBe(first);
  });
});

describe('buildHospitalSeed', () => {
  it('holds exactly the charts the master patient index places at the hospital', () => {
    const people = generatePeople({ patients: 30, hospitals: allianceRoster(4) });
    for (const id of ['dh-lead', 'dh-chc-hill']) {
      expect(buildHospitalSeed(options(id)).patients.map((p) => p.mrn)).toEqual(peopleAtHospital(people, id).map((c) => c.mrn));
    }
  });

  it.each(['dh-lead', 'dh-district', 'dh-chc-lakeside'])('gives MPI-000001 recent FINAL results at %s', (hospitalId) => {
    const people = generatePeople({ patients: 30, hospitals: allianceRoster(4) });
    const mrn = people[0].records.find((r) => r.hospitalId === hospitalId)!.mrn;
    const recent = buildHospitalSeed(options(hospitalId)).labResults.filter(
      (r) => r.mrn === mrn && r.status === 'FINAL' && ANCHOR.getTime() - r.collectedAt.getTime() < 7 * 86_400_000,
    );
    expect(recent.length).toBeGreaterThanOrEqual(5);
  });

  it('stores each lab’s own range and the interpretation computed from it', () => {
    const seed = buildHospitalSeed(options('dh-lead', 80));
    for (const r of seed.labResults) {
      expect(r.interpretation).toBe(interpret(r.valueQuantity, { low: r.refLow, high: r.refHigh }, CRITICAL_LIMITS[r.loinc]));
      expect(r.collectedAt.getTime()).toBeLessThan(ANCHOR.getTime());
      expect(ANCHOR.getTime() - r.collectedAt.getTime()).toBeLessThanOrEqual(180 * 86_400_000);
    }
    const statuses = new Set(seed.labResults.map((r) => r.status));
    expect(statuses).toEqual(new Set(['FINAL', 'PRELIMINARY', 'CANCELLED', 'AMENDED', 'REGISTERED']));
    expect(seed.labResults.some((r) => r.interpretation === 'HIGH') && seed.labResults.some((r) => r.interpretation === 'LOW')).toBe(true);
    expect(seed.labResults.some((r) => r.loinc === '1988-5')).toBe(true); // not in the recognition catalogue
  });

  it('varies lab-own ranges (TSH, bilirubin) between hospitals', () => {
    const tshRange = (id: string) => {
      const r = buildHospitalSeed(options(id, 200)).labResults.find((x) => x.loinc === '3016-3');
      return [r?.refLow, r?.refHigh];
    };
    expect(tshRange('dh-lead')).not.toEqual(tshRange('dh-district'));
  });

  it('shares equipment by level, with maintenance and bookings', () => {
    const lead = buildHospitalSeed(options('dh-lead'));
    const hill = buildHospitalSeed(options('dh-chc-hill'));
    expect(new Set(lead.resources.map((r) => r.kind))).toEqual(new Set(['CT', 'MRI', 'DSA', 'ULTRASOUND', 'ICU_BED', 'WARD_BED']));
    expect(hill.resources.every((r) => ['ULTRASOUND', 'WARD_BED'].includes(r.kind))).toBe(true);
    expect(lead.resources.some((r) => r.status === 'MAINTENANCE')).toBe(true);
    expect(lead.bookings.some((b) => b.status === 'CANCELLED' && b.activeSlotKey === null)).toBe(true);
    expect(lead.bookings.every((b) => b.status === 'CANCELLED' || b.activeSlotKey === b.slotStart.toISOString())).toBe(true);
    expect(lead.staff.some((s) => s.availableForDispatch)).toBe(true);
    expect(hill.staff.some((s) => s.availableForDispatch)).toBe(false);
    expect(lead.departments.find((d) => d.specialty === 'cardiology')?.name).toBe('心血管内科');
  });
});
