import type { MigrationInterface, QueryRunner } from 'typeorm';
import { hashAuditRow, GENESIS_HASH, type AuditFields } from '../../runtime/audit/audit-chain';
import { ALLIANCE_SERVED_BY, UNKNOWN_OPERATION_HASH, operationLabel, outcomeOfCode, splitOperationLabel } from '../audit/audit-labels';

const CHAINED_TABLE =
  'CREATE TABLE `audit_entry` (`seq` int NOT NULL AUTO_INCREMENT, `at` datetime(3) NOT NULL, `request_id` varchar(100) NOT NULL, `subject` varchar(200) NOT NULL, `role` varchar(20) NOT NULL, `caller_hospital_id` varchar(64) NULL, `served_by` varchar(64) NOT NULL, `purpose` varchar(20) NULL, `action` varchar(10) NOT NULL, `operation_name` varchar(200) NULL, `operation_hash` varchar(64) NOT NULL, `patient_refs` text NOT NULL, `outcome` varchar(20) NOT NULL, `prev_hash` varchar(64) NOT NULL, `hash` varchar(64) NOT NULL, INDEX `idx_audit_at` (`at`), UNIQUE INDEX `uq_audit_hash` (`hash`), PRIMARY KEY (`seq`)) ENGINE=InnoDB';

const UNCHAINED_TABLE =
  'CREATE TABLE `audit_entry_unchained` (`id` int NOT NULL AUTO_INCREMENT, `at` datetime(3) NOT NULL, `subject` varchar(200) NOT NULL, `role` varchar(16) NOT NULL, `hospital_id` varchar(64) NULL, `purpose` varchar(16) NULL, `operation` varchar(64) NOT NULL, `target_id` varchar(64) NULL, `outcome` varchar(32) NOT NULL, `patient_refs` text NOT NULL, INDEX `idx_audit_time` (`at`), PRIMARY KEY (`id`)) ENGINE=InnoDB';

const BATCH = 1000;

interface UnchainedRow {
  id: number;
  at: Date;
  subject: string;
  role: string;
  hospital_id: string | null;
  purpose: string | null;
  operation: string;
  target_id: string | null;
  outcome: string;
  patient_refs: string;
}

interface ChainedRow {
  seq: number;
  at: Date;
  subject: string;
  role: string;
  caller_hospital_id: string | null;
  purpose: string | null;
  action: string;
  operation_name: string | null;
  outcome: string;
  patient_refs: string;
}

/** The unchained log kept `{mpiId}` or `{hospitalId, mrn}` objects; the chain keeps `mpiId` or `hospitalId:mrn` strings. */
function refStrings(json: string): string[] {
  const refs = JSON.parse(json) as { mpiId?: string; hospitalId?: string; mrn?: string }[];
  return refs.flatMap((r) => (r.mpiId ? [r.mpiId] : r.hospitalId && r.mrn ? [`${r.hospitalId}:${r.mrn}`] : [])).sort();
}

/**
 * The alliance's audit log joins the hash chain the members keep (DESIGN 5): the table
 * becomes the runtime's `AuditEntry`, and the rows written before are carried over in
 * their order and chained (request id `unchained-<id>`, operation hash unknown). Down
 * puts the writes back into the unchained shape; the chain and the read rows are lost.
 */
export class AllianceChainedAudit1764500000000 implements MigrationInterface {
  name = 'AllianceChainedAudit1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('RENAME TABLE `audit_entry` TO `audit_entry_unchained`');
    await queryRunner.query(CHAINED_TABLE);
    let prevHash = GENESIS_HASH;
    for (let lastId = 0; ;) {
      const rows = (await queryRunner.query('SELECT * FROM `audit_entry_unchained` WHERE `id` > ? ORDER BY `id` LIMIT ?', [lastId, BATCH])) as UnchainedRow[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const fields: AuditFields = {
          at: new Date(row.at),
          requestId: `unchained-${row.id}`,
          subject: row.subject,
          role: row.role,
          callerHospitalId: row.hospital_id,
          servedBy: ALLIANCE_SERVED_BY,
          purpose: row.purpose,
          action: 'WRITE',
          operationName: operationLabel(row.operation, row.target_id),
          operationHash: UNKNOWN_OPERATION_HASH,
          patientRefs: JSON.stringify(refStrings(row.patient_refs)),
          outcome: outcomeOfCode(row.outcome),
        };
        const hash = hashAuditRow(fields, prevHash);
        await queryRunner.query(
          'INSERT INTO `audit_entry` (`at`, `request_id`, `subject`, `role`, `caller_hospital_id`, `served_by`, `purpose`, `action`, `operation_name`, `operation_hash`, `patient_refs`, `outcome`, `prev_hash`, `hash`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            fields.at,
            fields.requestId,
            fields.subject,
            fields.role,
            fields.callerHospitalId,
            fields.servedBy,
            fields.purpose,
            fields.action,
            fields.operationName,
            fields.operationHash,
            fields.patientRefs,
            fields.outcome,
            prevHash,
            hash,
          ],
        );
        prevHash = hash;
        lastId = row.id;
      }
    }
    await queryRunner.query('DROP TABLE `audit_entry_unchained`');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(UNCHAINED_TABLE);
    const legacyOutcome = { OK: 'SUCCESS', DENIED: 'FORBIDDEN', ERROR: 'INTERNAL_SERVER_ERROR' } as Record<string, string>;
    for (let lastSeq = 0; ;) {
      const rows = (await queryRunner.query("SELECT * FROM `audit_entry` WHERE `seq` > ? AND `action` = 'WRITE' ORDER BY `seq` LIMIT ?", [lastSeq, BATCH])) as ChainedRow[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const { operation, targetId } = splitOperationLabel(row.operation_name);
        const refs = (JSON.parse(row.patient_refs) as string[]).map((r) =>
          r.includes(':') ? { hospitalId: r.slice(0, r.indexOf(':')), mrn: r.slice(r.indexOf(':') + 1) } : { mpiId: r },
        );
        await queryRunner.query(
          'INSERT INTO `audit_entry_unchained` (`at`, `subject`, `role`, `hospital_id`, `purpose`, `operation`, `target_id`, `outcome`, `patient_refs`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            row.at,
            row.subject,
            row.role.slice(0, 16),
            row.caller_hospital_id,
            row.purpose?.slice(0, 16) ?? null,
            operation.slice(0, 64),
            targetId?.slice(0, 64) ?? null,
            legacyOutcome[row.outcome] ?? row.outcome,
            JSON.stringify(refs),
          ],
        );
        lastSeq = row.seq;
      }
    }
    await queryRunner.query('DROP TABLE `audit_entry`');
    await queryRunner.query('RENAME TABLE `audit_entry_unchained` TO `audit_entry`');
  }
}
