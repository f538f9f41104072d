/**
 * Collects, while one request runs, what it touched that the audit must record: patient
 * references read, whether it wrote, whether a PHI access was denied. Resolvers call it;
 * `auditPlugin` writes one chained row per request at the end.
 */
export class AuditRecorder {
  private readonly patients = new Set<string>();
  private wrote = false;
  private denied = false;

  /** A PHI read or write concerning this patient reference (hospitalId:mrn or mpiId). */
  notePatient(reference: string): void {
    this.patients.add(reference);
  }

  notePatients(references: Iterable<string>): void {
    for (const reference of references) this.patients.add(reference);
  }

  noteWrite(): void {
    this.wrote = true;
  }

  noteDenied(): void {
    this.denied = true;
  }

  /**
   * What was noted so far is on record (a write's row, committed with the write): the
   * request's own row at the end covers only what is noted after this.
   */
  markRecorded(): void {
    this.patients.clear();
    this.wrote = false;
    this.denied = false;
  }

  get isEmpty(): boolean {
    return this.patients.size === 0 && !this.wrote && !this.denied;
  }

  get action(): 'READ' | 'WRITE' {
    return this.wrote ? 'WRITE' : 'READ';
  }

  get wasDenied(): boolean {
    return this.denied;
  }

  /** Sorted so that the row does not depend on resolver timing. */
  patientReferences(): string[] {
    return [...this.patients].sort();
  }
}

export function patientRef(hospitalId: string, mrn: string): string {
  return `${hospitalId}:${mrn}`;
}
