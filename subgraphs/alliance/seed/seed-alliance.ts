import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { buildHospitalSeed } from '../../hospital/seed/seed-hospital-database';
import { generatePeople } from '../../runtime/seed/people';
import { SeededRandom } from '../../runtime/seed/random';
import { allianceRoster } from '../../runtime/seed/roster';
import { ExpertDispatchEntity } from '../dispatch/dispatch.entity';
import { MpiPatientEntity } from '../mpi/mpi-patient.entity';
import { MpiRecordEntity } from '../mpi/mpi-record.entity';
import { demoCatalogue } from '../recognition/catalogue';
import { RecognitionDecisionEntity } from '../recognition/recognition-decision.entity';
import { RecognitionItemEntity } from '../recognition/recognition-item.entity';
import { ReferralEventEntity } from '../referral/referral-event.entity';
import { ReferralEntity, type ResultRef } from '../referral/referral.entity';
import { HospitalEntity } from '../registry/hospital.entity';
import { LabQualificationEntity } from '../registry/lab-qualification.entity';
import { MembershipEventEntity } from '../registry/membership-event.entity';
import { TrainingEntity } from '../training/training.entity';
import { seedDispatches, seedTrainings } from './seed-cooperation';
import { seedDecisions } from './seed-decisions';
import { seedMasterPatientIndex } from './seed-mpi';
import { seedReferrals } from './seed-referrals';
import { seedCatalogue, seedHospitals, seedQualifications } from './seed-registry';

export interface AllianceSeedOptions {
  hospitalCount: number;
  patients: number;
  /** "Now" of the seed; activity falls in the year before it (and a few plans after). */
  anchor: Date;
  timeZone?: string;
}

/** Final results in the catalogue, per hospital and chart, from the hospitals' own seed (same options, same ids). */
function attachableResults(options: AllianceSeedOptions, hospitalIds: string[]) {
  const catalogue = new Set(demoCatalogue().map((c) => c.loinc));
  const byChart = new Map<string, { id: string; loinc: string; collectedAt: Date }[]>();
  const loinc = new Map<string, string>();
  for (const hospitalId of hospitalIds) {
    const seed = buildHospitalSeed({ hospitalId, hospitalCount: options.hospitalCount, patients: options.patients, anchor: options.anchor });
    for (const r of seed.labResults) {
      if (!catalogue.has(r.loinc) || (r.status !== 'FINAL' && r.status !== 'AMENDED')) continue;
      const key = `${hospitalId}/${r.mrn}`;
      const list = byChart.get(key) ?? [];
      list.push({ id: r.id, loinc: r.loinc, collectedAt: r.collectedAt });
      byChart.set(key, list);
      loinc.set(`${hospitalId}/${r.id}`, r.loinc);
    }
  }
  return {
    attachable: (hospitalId: string, mrn: string, before: Date): ResultRef[] =>
      (byChart.get(`${hospitalId}/${mrn}`) ?? [])
        .filter((r) => r.collectedAt.getTime() <= before.getTime())
        .sort((a, b) => b.collectedAt.getTime() - a.collectedAt.getTime())
        .map((r) => ({ hospitalId, id: r.id })),
    loincOf: (hospitalId: string, resultId: string) => loinc.get(`${hospitalId}/${resultId}`),
  };
}

const CHUNK = 40;

async function insertAll<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await manager.insert(entity, rows.slice(i, i + CHUNK));
}

/**
 * The demo alliance's own data, a pure function of the options (DESIGN 2): registry,
 * qualifications, catalogue, master patient index from `generatePeople` (so it joins the
 * hospitals' charts), referrals in every state, dispatches, trainings and recognition
 * decisions, so every dashboard figure is non-zero for the default window.
 */
export async function seedAllianceDatabase(dataSource: DataSource, options: AllianceSeedOptions): Promise<Record<string, number>> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const roster = allianceRoster(options.hospitalCount);
  const people = generatePeople({ patients: options.patients, hospitals: roster });
  const random = new SeededRandom(`alliance:${options.hospitalCount}:${options.patients}`);
  const { hospitals, events: membership } = seedHospitals(roster, options.anchor);
  const qualifications = seedQualifications(roster, options.anchor, timeZone);
  const catalogue = seedCatalogue();
  const mpi = seedMasterPatientIndex(people, options.anchor);
  const results = attachableResults(
    options,
    roster.map((h) => h.id),
  );
  const referralCount = Math.max(40, Math.min(2000, Math.round(options.patients * 0.6)));
  const { referrals, events } = seedReferrals({ random, roster, people, anchor: options.anchor, count: referralCount, attachable: results.attachable });
  const dispatches = seedDispatches(random, roster, options.anchor, Math.max(12, Math.round(referralCount / 4)));
  const trainings = seedTrainings(random, roster, options.anchor, Math.max(12, Math.round(referralCount / 4)), timeZone);
  const decisions = seedDecisions(random, referrals, results.loincOf, demoCatalogue());

  await dataSource.transaction(async (manager) => {
    await insertAll(manager, HospitalEntity, hospitals);
    await insertAll(manager, MembershipEventEntity, membership);
    await insertAll(manager, LabQualificationEntity, qualifications);
    await insertAll(manager, RecognitionItemEntity, catalogue);
    await insertAll(manager, MpiPatientEntity, mpi.patients);
    await insertAll(manager, MpiRecordEntity, mpi.records);
    await insertAll(manager, ReferralEntity, referrals);
    await insertAll(manager, ReferralEventEntity, events);
    await insertAll(manager, ExpertDispatchEntity, dispatches);
    await insertAll(manager, TrainingEntity, trainings);
    await insertAll(manager, RecognitionDecisionEntity, decisions);
  });
  return {
    hospitals: hospitals.length,
    qualifications: qualifications.length,
    catalogue: catalogue.length,
    patients: mpi.patients.length,
    records: mpi.records.length,
    referrals: referrals.length,
    dispatches: dispatches.length,
    trainings: trainings.length,
    decisions: decisions.length,
  };
}
