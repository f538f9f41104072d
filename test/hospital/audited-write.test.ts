import { createHash } from 'node:crypto';
import { verifyAuditChain } from '../../subgraphs/runtime/audit/audit-chain';
import { describeOn } from '../support/mysql';
import { CALLERS } from '../support/tokens';
import { errorCodes, post, queryOk } from './graphql-expect';
import { startTestHospital, type DatabaseKind, type StartedHospital } from './hospital-target';
import { mrnsAt } from './suite-context';

const PATIENTS = 20;
/** A 10 KB operation name: longer than the audit column, which a strict MySQL refuses instead of cutting. */
const LONG_NAME = `Book${'X'.repeat(10_240)}`;
const BOOK = `mutation ${LONG_NAME}($input: BookResourceInput!) { bookResource(input: $input) { id status } }`;
const CANCEL = `mutation ${LONG_NAME}($h: ID!, $b: ID!) { cancelBooking(hospitalId: $h, bookingId: $b) { id status } }`;

let keys = 0;
const key = () => `audited-${++keys}-${Date.now()}`;

interface AuditRow {
  seq: number;
  action: string;
  outcome: string;
  operation_name: string;
  patient_refs: string;
}

/**
 * DESIGN 5: a member's booking and its audit row commit in one transaction, or neither
 * does; whatever the caller sends fits the audit row; a refused write leaves its DENIED row.
 */
function auditedWriteSuite(kind: DatabaseKind) {
  describeOn(kind)(`a member's write and its audit row (${kind})`, () => {
    let hospital: StartedHospital | undefined;
    const clinician = () => hospital!.as(CALLERS.clinician('dh-lead'));
    const bookings = async () => Number((await hospital!.dataSource.query('SELECT COUNT(*) AS n FROM resource_booking'))[0].n);
    const auditRows = (): Promise<AuditRow[]> => hospital!.dataSource.query('SELECT seq, action, outcome, operation_name, patient_refs FROM audit_entry ORDER BY seq');

    async function freeSlot(resourceId: string, index: number): Promise<string> {
      const data = await queryOk(
        clinician(),
        'query ($r: [_Any!]!, $from: DateTime) { _entities(representations: $r) { ... on SharedResource { availableSlots(from: $from, days: 7, first: 100) { start } } } }',
        {
          r: [
            {
              __typename: 'SharedResource',
              hospitalId: 'dh-lead',
              id: resourceId,
            },
          ],
          from: new Date(Date.now() + 86_400_000).toISOString(),
        },
      );
      return data._entities[0].availableSlots[index].start;
    }

    beforeAll(async () => {
      hospital = await startTestHospital(kind, {
        patients: PATIENTS,
        hospitalId: 'dh-lead',
      });
      if (kind === 'mysql') {
        // the case at stake needs a strict server (MariaDB's default): proven, not assumed
        const [{ mode }] = await hospital.dataSource.query('SELECT @@SESSION.sql_mode AS mode');
        expect(String(mode)).toContain('STRICT_TRANS_TABLES');
      }
    });
    afterAll(async () => hospital?.stop());

    it('commits a booking named by a 10 KB operation together with its row, cut to the column with the full hash', async () => {
      const before = await bookings();
      const slot = await freeSlot('res-ct-1', 0);
      const [mrn] = mrnsAt('dh-lead', PATIENTS);
      const booked = await post(clinician(), BOOK, {
        input: {
          hospitalId: 'dh-lead',
          resourceId: 'res-ct-1',
          slotStart: slot,
          requestingHospitalId: 'dh-lead',
          patient: { hospitalId: 'dh-lead', mrn },
          idempotencyKey: key(),
        },
      });
      expect(booked.body.errors).toBeUndefined();
      expect(booked.body.data.bookResource.status).toBe('BOOKED');
      expect(await bookings()).toBe(before + 1);
      const row = (await auditRows()).at(-1)!;
      expect(row).toMatchObject({
        action: 'WRITE',
        outcome: 'OK',
        patient_refs: JSON.stringify([`dh-lead:${mrn}`]),
      });
      expect(row.operation_name).toHaveLength(200);
      expect(row.operation_name.endsWith(`…sha256:${createHash('sha256').update(LONG_NAME).digest('hex')}`)).toBe(true);

      const cancelled = await post(clinician(), CANCEL, {
        h: 'dh-lead',
        b: booked.body.data.bookResource.id,
      });
      expect(cancelled.body.data.cancelBooking.status).toBe('CANCELLED');
      expect((await auditRows()).at(-1)).toMatchObject({
        action: 'WRITE',
        outcome: 'OK',
        patient_refs: JSON.stringify([`dh-lead:${mrn}`]),
      });
      await expect(verifyAuditChain(hospital!.dataSource)).resolves.toMatchObject({ ok: true });
    });

    it('a refused cross-hospital booking writes nothing but its DENIED row', async () => {
      const before = {
        bookings: await bookings(),
        rows: (await auditRows()).length,
      };
      const slot = await freeSlot('res-ct-1', 1);
      const refused = await post(hospital!.as(CALLERS.clinician('dh-chc-lakeside')), BOOK, {
        input: {
          hospitalId: 'dh-lead',
          resourceId: 'res-ct-1',
          slotStart: slot,
          requestingHospitalId: 'dh-district',
          idempotencyKey: key(),
        },
      });
      expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
      expect(await bookings()).toBe(before.bookings);
      const rows = await auditRows();
      expect(rows).toHaveLength(before.rows + 1);
      expect(rows.at(-1)).toMatchObject({ action: 'WRITE', outcome: 'DENIED' });
      expect(rows.at(-1)!.operation_name).toHaveLength(200);
    });

    it('a booking whose audit row cannot be written is refused: neither the booking nor a row remains', async () => {
      const ds = hospital!.dataSource;
      const trigger =
        kind === 'mysql'
          ? "CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_entry FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit store refuses rows'"
          : "CREATE TRIGGER audit_refuses BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'audit store refuses rows'); END";
      const before = {
        bookings: await bookings(),
        rows: (await auditRows()).length,
      };
      const slot = await freeSlot('res-ct-1', 2);
      await ds.query(trigger);
      try {
        const failed = await post(clinician(), BOOK, {
          input: {
            hospitalId: 'dh-lead',
            resourceId: 'res-ct-1',
            slotStart: slot,
            requestingHospitalId: 'dh-lead',
            idempotencyKey: key(),
          },
        });
        expect(errorCodes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
      } finally {
        await ds.query('DROP TRIGGER audit_refuses');
      }
      expect(await bookings()).toBe(before.bookings);
      expect(await auditRows()).toHaveLength(before.rows);
      expect(await freeSlot('res-ct-1', 2)).toBe(slot);
    });
  });
}

auditedWriteSuite('embedded');
auditedWriteSuite('mysql');
