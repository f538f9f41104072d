import type { SeedPerson } from '../../runtime/seed/people';
import type { MpiPatientEntity } from '../mpi/mpi-patient.entity';
import type { MpiRecordEntity } from '../mpi/mpi-record.entity';

/** The index from `generatePeople`, the same function the hospitals seed their charts from. */
export function seedMasterPatientIndex(people: SeedPerson[], anchor: Date): { patients: MpiPatientEntity[]; records: MpiRecordEntity[] } {
  return {
    patients: people.map((p) => ({ mpiId: p.mpiId, createdAt: anchor })),
    records: people.flatMap((p) => p.records.map((r) => ({ hospitalId: r.hospitalId, mrn: r.mrn, mpiId: p.mpiId }))),
  };
}
