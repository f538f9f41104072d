/** A patient an audited write concerns: by master index id or by chart. Never names or values. */
export interface PatientRef {
  mpiId?: string;
  hospitalId?: string;
  mrn?: string;
}
