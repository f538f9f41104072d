import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError, InvalidTransitionError, NotFoundError } from '../../../common/errors';
import { updateIfStatus } from '../../runtime/db/update-if-status';
import { runIdempotent } from '../../runtime/idempotency/run-idempotent';
import { callerOf, mayManageCooperation, requireAllowed } from '../access/access-rules';
import { auditedWrite } from '../audit/audited-write';
import { paginate } from '../connection/paginate';
import type { Page } from '../connection/page-info.type';
import type { AllianceContext } from '../context';
import { Department, departmentRef, Staff } from '../member-refs/member-refs.type';
import { HospitalEntity } from '../registry/hospital.entity';
import { Hospital } from '../registry/hospital.type';
import { DispatchStatus } from './dispatch-enums';
import { checkDispatchUpdate } from './dispatch-transitions';
import { ExpertDispatchEntity } from './dispatch.entity';
import { DispatchFilter, ExpertDispatch, ExpertDispatchConnection, ScheduleDispatchInput } from './dispatch.type';
import { findInTransaction, requireActiveMember, requireRegisteredHospital } from '../registry/require-member';

const MAX_DISPATCH_DAYS = 366;

@Resolver(() => ExpertDispatch)
export class DispatchResolver {
  @Query(() => ExpertDispatchConnection, { description: 'Newest start first.' })
  async expertDispatches(
    @Ctx() ctx: AllianceContext,
    @Arg('filter', () => DispatchFilter, { nullable: true }) filter?: DispatchFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<ExpertDispatchEntity>> {
    const f = filter ?? {};
    const find = (id: string) => ctx.loaders.hospital.load(id);
    for (const argument of ['expertHospitalId', 'toHospitalId', 'hospitalId'] as const) await requireRegisteredHospital(find, f[argument], `filter.${argument}`);
    const q = ctx.dataSource.getRepository(ExpertDispatchEntity).createQueryBuilder('d');
    if (f.status) q.andWhere('d.status = :status', { status: f.status });
    if (f.purpose) q.andWhere('d.purpose = :purpose', { purpose: f.purpose });
    if (f.expertHospitalId) q.andWhere('d.expertHospitalId = :expertHospitalId', { expertHospitalId: f.expertHospitalId });
    if (f.toHospitalId) q.andWhere('d.toHospitalId = :toHospitalId', { toHospitalId: f.toHospitalId });
    if (f.hospitalId) q.andWhere('(d.expertHospitalId = :either OR d.toHospitalId = :either)', { either: f.hospitalId });
    if (f.from) q.andWhere('d.end > :from', { from: f.from });
    if (f.to) q.andWhere('d.start < :to', { to: f.to });
    return paginate(q, { first, after }, { kind: 'ExpertDispatch', sortColumn: 'd.start', idColumn: 'd.id', sortIsDate: true, sortValueOf: (d) => d.start.toISOString() });
  }

  @Mutation(() => ExpertDispatch, { description: "Admin, or a clinician of the expert's or the receiving hospital. Idempotent." })
  scheduleExpertDispatch(@Ctx() ctx: AllianceContext, @Arg('input', () => ScheduleDispatchInput) input: ScheduleDispatchInput): Promise<ExpertDispatchEntity> {
    return auditedWrite(ctx, 'scheduleExpertDispatch', async (manager, note) => {
      const caller = callerOf(ctx);
      requireAllowed(
        mayManageCooperation(caller, [input.expertHospitalId, input.toHospitalId]),
        'Only the alliance admin or a clinician of a hospital involved schedules a dispatch.',
      );
      const repo = manager.getRepository(ExpertDispatchEntity);
      return runIdempotent(
        manager,
        { operation: 'scheduleExpertDispatch', key: input.idempotencyKey, input: { ...input, idempotencyKey: undefined } },
        async () => {
          if (input.end.getTime() <= input.start.getTime()) throw new BadUserInputError('end must be after start.', { argument: 'end' });
          if (input.end.getTime() - input.start.getTime() > MAX_DISPATCH_DAYS * 86_400_000)
            throw new BadUserInputError(`A dispatch lasts at most ${MAX_DISPATCH_DAYS} days.`, { argument: 'end' });
          if (input.expertHospitalId === input.toHospitalId)
            throw new BadUserInputError('An expert is dispatched to another hospital than their own.', { argument: 'toHospitalId' });
          if (!input.expertId.trim() || input.expertId.length > 64) throw new BadUserInputError('expertId must be 1 to 64 characters.', { argument: 'expertId' });
          for (const [argument, id] of [
            ['expertHospitalId', input.expertHospitalId],
            ['toHospitalId', input.toHospitalId],
          ] as const) {
            await requireActiveMember(findInTransaction(manager), id, argument);
          }
          const row: ExpertDispatchEntity = {
            id: `dsp-${randomUUID()}`,
            expertHospitalId: input.expertHospitalId,
            expertId: input.expertId,
            toHospitalId: input.toHospitalId,
            toDepartmentId: input.toDepartmentId ?? null,
            purpose: input.purpose,
            start: input.start,
            end: input.end,
            status: DispatchStatus.PLANNED,
            patientsSeen: 0,
            proceduresPerformed: 0,
          };
          await repo.insert(row);
          note.targetId = row.id;
          return row.id;
        },
        (id) => repo.findOneByOrFail({ id }),
      );
    });
  }

  @Mutation(() => ExpertDispatch, { description: 'PLANNED → ACTIVE | CANCELLED, ACTIVE → COMPLETED | CANCELLED; the same status updates the counts.' })
  updateExpertDispatch(
    @Ctx() ctx: AllianceContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => DispatchStatus) status: DispatchStatus,
    @Arg('patientsSeen', () => Int, { nullable: true }) patientsSeen?: number,
    @Arg('proceduresPerformed', () => Int, { nullable: true }) proceduresPerformed?: number,
  ): Promise<ExpertDispatchEntity> {
    return auditedWrite(ctx, 'updateExpertDispatch', async (manager, note) => {
      note.targetId = id.slice(0, 64);
      const caller = callerOf(ctx);
      const repo = manager.getRepository(ExpertDispatchEntity);
      const dispatch = await repo.findOneBy({ id });
      if (!dispatch) throw new NotFoundError('Expert dispatch', { argument: 'id' });
      requireAllowed(
        mayManageCooperation(caller, [dispatch.expertHospitalId, dispatch.toHospitalId]),
        'Only the alliance admin or a clinician of a hospital involved updates a dispatch.',
      );
      checkDispatchUpdate(dispatch.status, { status, patientsSeen, proceduresPerformed });
      const update: Partial<ExpertDispatchEntity> = { status };
      if (patientsSeen != null) update.patientsSeen = patientsSeen;
      if (proceduresPerformed != null) update.proceduresPerformed = proceduresPerformed;
      if (status === dispatch.status) await repo.update({ id }, update);
      // a status change that callers race for happens once; the others get INVALID_TRANSITION
      else if (!(await updateIfStatus(manager, ExpertDispatchEntity, id, dispatch.status, update)))
        throw new InvalidTransitionError('This dispatch changed status meanwhile.', { status: dispatch.status });
      return { ...dispatch, ...update };
    });
  }

  // Nullable (DESIGN 8): the staff member's own hospital fills in the rest; if it is down only this is null.
  @FieldResolver(() => Staff, { nullable: true })
  expert(@Root() dispatch: ExpertDispatchEntity): Staff {
    return { hospitalId: dispatch.expertHospitalId, id: dispatch.expertId };
  }

  @FieldResolver(() => Hospital)
  async toHospital(@Root() dispatch: ExpertDispatchEntity, @Ctx() ctx: AllianceContext): Promise<HospitalEntity> {
    return (await ctx.loaders.hospital.load(dispatch.toHospitalId))!;
  }

  @FieldResolver(() => Hospital, { description: "The expert's own hospital." })
  async fromHospital(@Root() dispatch: ExpertDispatchEntity, @Ctx() ctx: AllianceContext): Promise<HospitalEntity> {
    return (await ctx.loaders.hospital.load(dispatch.expertHospitalId))!;
  }

  @FieldResolver(() => Department, { nullable: true })
  toDepartment(@Root() dispatch: ExpertDispatchEntity): Department | null {
    return departmentRef(dispatch.toHospitalId, dispatch.toDepartmentId);
  }
}
