/**
 * Collects, while one request runs, what it touched that the audit must record: patient
 * references read, whether it wrote, whether a PHI access was denied. Resolvers call it;
 * `auditPlugin` writes one chained row per request at the end.
 */
export class AuditRecorder {
  private readonly patients = new Set<string>();
  private writes = 0;
  private denied = false;
  /** Writes (and the patients they concern) already on the chain in their own transaction. */
  private readonly recordedPatients = new Set<string>();
  private recordedWrites = 0;

  /** A PHI read or write concerning this patient reference (hospitalId:mrn or mpiId). */
  notePatient(reference: string): void {
    this.patients.add(reference);
  }

  notePatients(references: Iterable<string>): void {
    for (const reference of references) this.patients.add(reference);
  }

  noteWrite(): void {
    this.writes += 1;
  }

  /**
   * A write whose audit row committed in the write's own transaction: the request's row
   * at the end no longer needs to carry it (nor, when nothing else happened, be written).
   */
  noteRecordedWrite(references: Iterable<string>): void {
    this.recordedWrites += 1;
    for (const reference of references) this.recordedPatients.add(reference);
  }

  private get unrecordedPatients(): string[] {
    return [...this.patients].filter((p) => !this.recordedPatients.has(p));
  }

  noteDenied(): void {
    this.denied = true;
  }

  /**
   * What was noted so far is on record (a write's row, committed with the write): the
   * request's own row at the end covers only what is noted after this.
   */
  markRecorded(): void {
    this.noteRecordedWrite(this.patients);
    this.recordedWrites = this.writes;
    this.denied = false;
  }

  get isEmpty(): boolean {
    return this.unrecordedPatients.length === 0 && this.writes <= this.recordedWrites && !this.denied;
  }

  get action(): 'READ' | 'WRITE' {
    return this.writes > this.recordedWrites ? 'WRITE' : 'READ';
  }

  get wasDenied(): boolean {
    return this.denied;
  }

  /** Sorted so that the row does not depend on resolver timing. */
  patientReferences(): string[] {
    return this.unrecordedPatients.sort();
  }
}

export function patientRef(hospitalId: string, mrn: string): string {
  return `${hospitalId}:${mrn}`;
}
