import { AuditRecorder } from './audit-recorder';

describe('AuditRecorder', () => {
  it('is empty until something is noted', () => {
    expect(new AuditRecorder().isEmpty).toBe(true);
  });

  it('leaves to the request row only what no write recorded in its own transaction', () => {
    const audit = new AuditRecorder();
    audit.noteWrite();
    audit.notePatient('dh-a:M-1');
    audit.noteRecordedWrite(['dh-a:M-1']);
    expect(audit.isEmpty).toBe(true);

    audit.notePatient('dh-a:M-2');
    expect(audit.isEmpty).toBe(false);
    expect(audit.patientReferences()).toEqual(['dh-a:M-2']);
    expect(audit.action).toBe('READ');
  });

  it('still writes the request row for a second write that was not recorded, or a refusal', () => {
    const twoWrites = new AuditRecorder();
    twoWrites.noteWrite();
    twoWrites.noteWrite();
    twoWrites.noteRecordedWrite(['dh-a:M-1']);
    expect([twoWrites.isEmpty, twoWrites.action]).toEqual([false, 'WRITE']);

    const refused = new AuditRecorder();
    refused.noteWrite();
    refused.noteRecordedWrite([]);
    refused.noteDenied();
    expect([refused.isEmpty, refused.wasDenied]).toEqual([false, true]);
  });
});
