import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { mayReadAudit, requireAllowed, requireCaller } from '../access/access-rules';
import { paginate } from '../connection/paginate';
import type { Page } from '../connection/page-info.type';
import type { AllianceContext } from '../context';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditConnection, AuditEntry, AuditFilter } from './audit.type';

function toEntry(row: AuditEntryEntity): AuditEntry {
  return {
    id: String(row.id),
    time: row.at,
    caller: row.subject,
    role: row.role,
    hospitalId: row.hospitalId,
    purpose: row.purpose,
    operation: row.operation,
    targetId: row.targetId,
    outcome: row.outcome,
    patients: row.patientRefs ?? [],
  };
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditConnection, { description: 'ADMIN. The alliance\'s own writes, newest first.' })
  async auditTrail(
    @Ctx() ctx: AllianceContext,
    @Arg('filter', () => AuditFilter, { nullable: true }) filter?: AuditFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<AuditEntry>> {
    requireAllowed(mayReadAudit(requireCaller(ctx.caller)), 'The audit trail is for the alliance admin only.');
    const q = ctx.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    const f = filter ?? {};
    if (f.operation) q.andWhere('a.operation = :operation', { operation: f.operation });
    if (f.hospitalId) q.andWhere('a.hospitalId = :hospitalId', { hospitalId: f.hospitalId });
    if (f.caller) q.andWhere('a.subject = :subject', { subject: f.caller });
    if (f.outcome) q.andWhere('a.outcome = :outcome', { outcome: f.outcome });
    if (f.from) q.andWhere('a.at >= :from', { from: f.from });
    if (f.to) q.andWhere('a.at < :to', { to: f.to });
    // The id is the order of the log: sort by it alone (the id doubles as tie-breaker).
    const page = await paginate(q, { first, after }, { kind: 'Audit', sortColumn: 'a.id', idColumn: 'a.id', sortIsDate: false, sortValueOf: (a) => a.id });
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toEntry(e.node) })) };
  }
}
