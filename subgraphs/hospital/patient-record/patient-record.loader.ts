import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { byIdLoader } from '../../runtime/db/keyed-loaders';
import { PatientRecordEntity } from './patient-record.entity';

export interface PatientRecordLoaders {
  patientByMrn: DataLoader<string, PatientRecordEntity | null>;
}

export function createPatientRecordLoaders(dataSource: DataSource): PatientRecordLoaders {
  return { patientByMrn: byIdLoader(dataSource, PatientRecordEntity, 'mrn') };
}
