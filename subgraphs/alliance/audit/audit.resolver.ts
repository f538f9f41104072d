import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../../../common/errors';
import { AuditEntry as AuditRow } from '../../runtime/audit/audit-entry.entity';
import { paginate } from '../connection/paginate';
import type { Page } from '../connection/page-info.type';
import type { AllianceContext } from '../context';
import { likeLiteral, outcomeFilter, parsePatientRef, splitOperationLabel } from './audit-labels';
import { AuditConnection, AuditEntry, AuditFilter } from './audit.type';

function patientsOf(row: AuditRow): AuditEntry['patients'] {
  try {
    const refs: unknown = JSON.parse(row.patientRefs);
    return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string').map(parsePatientRef) : [];
  } catch {
    // an edited row is the verifier's finding; the trail still lists it
    return [];
  }
}

function toEntry(row: AuditRow): AuditEntry {
  const { operation, targetId } = row.action === 'WRITE' ? splitOperationLabel(row.operationName) : { operation: row.operationName ?? '(anonymous)', targetId: null };
  return {
    id: String(row.seq),
    time: row.at,
    caller: row.subject,
    role: row.role,
    hospitalId: row.callerHospitalId,
    purpose: row.purpose,
    action: row.action,
    operation,
    operationHash: row.operationHash,
    requestId: row.requestId,
    targetId,
    outcome: row.outcome,
    patients: patientsOf(row),
  };
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditConnection, { description: "ADMIN. The alliance's hash-chained audit trail (its writes, PHI reads and refusals), newest first." })
  async auditTrail(
    @Ctx() ctx: AllianceContext,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<AuditEntry>> {
    const q = ctx.dataSource.getRepository(AuditRow).createQueryBuilder('a');
    const f = filter ?? {};
    if (f.operation) {
      // a write's operation name carries its target after a colon (audit-labels.ts)
      q.andWhere("(a.operationName = :operation OR a.operationName LIKE :operationPrefix ESCAPE '!')", {
        operation: f.operation,
        operationPrefix: `${likeLiteral(f.operation)}:%`,
      });
    }
    if (f.action) {
      if (f.action !== 'READ' && f.action !== 'WRITE') throw new BadUserInputError('action must be READ or WRITE.', { argument: 'filter.action' });
      q.andWhere('a.action = :action', { action: f.action });
    }
    if (f.hospitalId) q.andWhere('a.callerHospitalId = :hospitalId', { hospitalId: f.hospitalId });
    if (f.caller) q.andWhere('a.subject = :subject', { subject: f.caller });
    if (f.outcome) q.andWhere('a.outcome = :outcome', { outcome: outcomeFilter(f.outcome) });
    if (f.mpiId) q.andWhere("a.patientRefs LIKE :patient ESCAPE '!'", { patient: `%${likeLiteral(JSON.stringify(f.mpiId))}%` });
    if (f.from) q.andWhere('a.at >= :from', { from: f.from });
    if (f.to) q.andWhere('a.at < :to', { to: f.to });
    // seq is the order of the chain: sort by it alone (it doubles as tie-breaker)
    const page = await paginate(q, { first, after }, { kind: 'Audit', sortColumn: 'a.seq', idColumn: 'a.seq', sortIsDate: false, sortValueOf: (a) => a.seq });
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toEntry(e.node) })) };
  }
}
