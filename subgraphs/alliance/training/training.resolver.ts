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
import { TrainingStatus } from './training-enums';
import { completionStatus } from './training-transitions';
import { TrainingEntity } from './training.entity';
import { EnrollTrainingInput, Training, TrainingConnection, TrainingFilter } from './training.type';
import { findInTransaction, requireActiveMember, requireRegisteredHospital } from '../registry/require-member';

@Resolver(() => Training)
export class TrainingResolver {
  @Query(() => TrainingConnection, { description: 'Newest start first.' })
  async trainings(
    @Ctx() ctx: AllianceContext,
    @Arg('filter', () => TrainingFilter, { nullable: true }) filter?: TrainingFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<TrainingEntity>> {
    const f = filter ?? {};
    const find = (id: string) => ctx.loaders.hospital.load(id);
    for (const argument of ['traineeHospitalId', 'hostHospitalId', 'hospitalId'] as const) await requireRegisteredHospital(find, f[argument], `filter.${argument}`);
    const q = ctx.dataSource.getRepository(TrainingEntity).createQueryBuilder('t');
    if (f.status) q.andWhere('t.status = :status', { status: f.status });
    if (f.traineeHospitalId) q.andWhere('t.traineeHospitalId = :trainee', { trainee: f.traineeHospitalId });
    if (f.hostHospitalId) q.andWhere('t.hostHospitalId = :host', { host: f.hostHospitalId });
    if (f.hospitalId) q.andWhere('(t.traineeHospitalId = :either OR t.hostHospitalId = :either)', { either: f.hospitalId });
    if (f.from) q.andWhere('t.end >= :from', { from: f.from });
    if (f.to) q.andWhere('t.start < :to', { to: f.to });
    return paginate(q, { first, after }, { kind: 'Training', sortColumn: 't.start', idColumn: 't.id', sortIsDate: false, sortValueOf: (t) => t.start });
  }

  @Mutation(() => Training, { description: "Admin, or a clinician of the trainee's or the host hospital. Idempotent." })
  enrollTraining(@Ctx() ctx: AllianceContext, @Arg('input', () => EnrollTrainingInput) input: EnrollTrainingInput): Promise<TrainingEntity> {
    return auditedWrite(ctx, 'enrollTraining', async (manager, note) => {
      const caller = callerOf(ctx);
      requireAllowed(
        mayManageCooperation(caller, [input.traineeHospitalId, input.hostHospitalId]),
        'Only the alliance admin or a clinician of a hospital involved enrols a trainee.',
      );
      const repo = manager.getRepository(TrainingEntity);
      return runIdempotent(
        manager,
        { operation: 'enrollTraining', key: input.idempotencyKey, input: { ...input, idempotencyKey: undefined } },
        async () => {
          if (input.end < input.start) throw new BadUserInputError('end must not be before start.', { argument: 'end' });
          if (input.traineeHospitalId === input.hostHospitalId)
            throw new BadUserInputError("Training is hosted by another member than the trainee's own hospital.", { argument: 'hostHospitalId' });
          const program = input.program.trim();
          if (!program || program.length > 200) throw new BadUserInputError('program must be 1 to 200 characters.', { argument: 'program' });
          if (!input.traineeId.trim() || input.traineeId.length > 64) throw new BadUserInputError('traineeId must be 1 to 64 characters.', { argument: 'traineeId' });
          for (const [argument, id] of [
            ['traineeHospitalId', input.traineeHospitalId],
            ['hostHospitalId', input.hostHospitalId],
          ] as const) {
            await requireActiveMember(findInTransaction(manager), id, argument);
          }
          const row: TrainingEntity = {
            id: `trn-${randomUUID()}`,
            traineeHospitalId: input.traineeHospitalId,
            traineeId: input.traineeId,
            hostHospitalId: input.hostHospitalId,
            hostDepartmentId: input.hostDepartmentId ?? null,
            program,
            start: input.start,
            end: input.end,
            status: TrainingStatus.ENROLLED,
            completedAt: null,
          };
          await repo.insert(row);
          note.targetId = row.id;
          return row.id;
        },
        (id) => repo.findOneByOrFail({ id }),
      );
    });
  }

  @Mutation(() => Training, { description: 'Ends an ENROLLED or IN_PROGRESS training: passed → COMPLETED, otherwise FAILED.' })
  completeTraining(@Ctx() ctx: AllianceContext, @Arg('id', () => ID) id: string, @Arg('passed') passed: boolean): Promise<TrainingEntity> {
    return auditedWrite(ctx, 'completeTraining', async (manager, note) => {
      note.targetId = id.slice(0, 64);
      const caller = callerOf(ctx);
      const repo = manager.getRepository(TrainingEntity);
      const training = await repo.findOneBy({ id });
      if (!training) throw new NotFoundError('Training', { argument: 'id' });
      requireAllowed(mayManageCooperation(caller, [training.hostHospitalId]), 'Only the alliance admin or a clinician of the host hospital completes a training.');
      const update = { status: completionStatus(training.status as TrainingStatus, passed), completedAt: new Date() };
      // racing completions: one wins, the others find it no longer open
      if (!(await updateIfStatus(manager, TrainingEntity, id, training.status, update)))
        throw new InvalidTransitionError('This training was completed meanwhile.', { status: training.status });
      return { ...training, ...update };
    });
  }

  // Nullable (DESIGN 8): the staff member's own hospital fills in the rest; if it is down only this is null.
  @FieldResolver(() => Staff, { nullable: true })
  trainee(@Root() training: TrainingEntity): Staff {
    return { hospitalId: training.traineeHospitalId, id: training.traineeId };
  }

  @FieldResolver(() => Hospital)
  async hostHospital(@Root() training: TrainingEntity, @Ctx() ctx: AllianceContext): Promise<HospitalEntity> {
    return (await ctx.loaders.hospital.load(training.hostHospitalId))!;
  }

  @FieldResolver(() => Department, { nullable: true })
  hostDepartment(@Root() training: TrainingEntity): Department | null {
    return departmentRef(training.hostHospitalId, training.hostDepartmentId);
  }
}
