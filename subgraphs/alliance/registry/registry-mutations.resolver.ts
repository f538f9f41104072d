import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../common/errors';
import { callerLabel } from '../../../common/auth/caller';
import { auditedWrite, refusedWrite } from '../audit/audited-write';
import type { AllianceContext } from '../context';
import { HospitalEntity } from './hospital.entity';
import { Hospital } from './hospital.type';
import { MembershipEventEntity } from './membership-event.entity';
import { HospitalLevel, HospitalRole, MembershipStatus } from './registry-enums';
import { validateReason, validateRegistration } from './validate-registration';

@InputType()
export class RegisterHospitalInput {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => HospitalLevel)
  level: HospitalLevel;

  @Field()
  region: string;

  @Field(() => String, { nullable: true })
  recognitionMark?: string | null;

  @Field()
  subgraphUrl: string;
}

@Resolver()
export class RegistryMutationsResolver {
  @Mutation(() => Hospital, {
    description:
      "ADMIN. The alliance checks the member's subgraph against the hospital contract: ACTIVE (live on the next registry poll) when it passes, else PENDING with the first problem in its membership history.",
  })
  async registerHospital(@Ctx() ctx: AllianceContext, @Arg('input', () => RegisterHospitalInput) input: RegisterHospitalInput): Promise<HospitalEntity> {
    // checked before the transaction opens: no database lock waits on the candidate's answer
    let problems: string[] | undefined;
    try {
      validateRegistration(input);
      if (!(await ctx.loaders.hospital.load(input.id))) problems = await ctx.checkMemberContract({ id: input.id, subgraphUrl: input.subgraphUrl });
    } catch (error) {
      return refusedWrite(ctx, 'registerHospital', error, { targetId: input.id.slice(0, 64) });
    }
    return auditedWrite(ctx, 'registerHospital', async (manager, note) => {
      note.targetId = input.id.slice(0, 64);
      const repo = manager.getRepository(HospitalEntity);
      if (!problems || (await repo.findOneBy({ id: input.id }))) throw new ConflictError(`Hospital ${input.id} is already registered.`, { argument: 'id' });
      const now = new Date();
      const hospital: HospitalEntity = {
        id: input.id,
        name: input.name.trim(),
        level: input.level,
        role: HospitalRole.MEMBER,
        region: input.region.trim(),
        status: problems.length === 0 ? MembershipStatus.ACTIVE : MembershipStatus.PENDING,
        joinedAt: now,
        recognitionMark: input.recognitionMark?.trim() ?? null,
        subgraphUrl: input.subgraphUrl,
      };
      await repo.insert(hospital);
      const by = callerLabel(ctx.caller!);
      await manager.insert(MembershipEventEntity, {
        id: randomUUID(),
        hospitalId: input.id,
        fromStatus: null,
        toStatus: MembershipStatus.PENDING,
        reason: `registered; ${contractVerdict(problems)}`.slice(0, 500),
        at: now,
        by,
      });
      if (hospital.status === MembershipStatus.ACTIVE) {
        await manager.insert(MembershipEventEntity, {
          id: randomUUID(),
          hospitalId: input.id,
          fromStatus: MembershipStatus.PENDING,
          toStatus: MembershipStatus.ACTIVE,
          reason: 'contract check passed',
          at: new Date(now.getTime() + 1),
          by,
        });
      }
      return hospital;
    });
  }

  @Mutation(() => Hospital, { description: 'ADMIN. Suspend, readmit or record the departure of a member; the reason is kept in its history.' })
  async setMembershipStatus(
    @Ctx() ctx: AllianceContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => MembershipStatus) status: MembershipStatus,
    @Arg('reason') reason: string,
  ): Promise<HospitalEntity> {
    // a member still PENDING goes live only once its subgraph passes the contract check
    let problems: string[] = [];
    try {
      if (status === MembershipStatus.PENDING) throw new BadUserInputError('PENDING is set by registerHospital only, until the contract check passes.', { argument: 'status' });
      const current = await ctx.loaders.hospital.load(id.slice(0, 64));
      if (current?.status === MembershipStatus.PENDING && status === MembershipStatus.ACTIVE) problems = await ctx.checkMemberContract(current);
      if (problems.length > 0)
        throw new BadUserInputError(`The member's subgraph does not serve the hospital contract: ${problems[0].slice(0, 300)}`, { argument: 'id', problems: problems.length });
    } catch (error) {
      return refusedWrite(ctx, 'setMembershipStatus', error, { targetId: id.slice(0, 64) });
    }
    return auditedWrite(ctx, 'setMembershipStatus', async (manager, note) => {
      note.targetId = id.slice(0, 64);
      const why = validateReason(reason);
      const repo = manager.getRepository(HospitalEntity);
      const hospital = await repo.findOneBy({ id });
      if (!hospital) throw new NotFoundError('Hospital', { argument: 'id' });
      if (hospital.role === HospitalRole.LEAD && status !== MembershipStatus.ACTIVE) {
        throw new BadUserInputError('The lead hospital runs the alliance and cannot be suspended or leave it.', { argument: 'id' });
      }
      // Setting the current status again changes nothing and adds no history.
      if (hospital.status === status) return hospital;
      await manager.insert(MembershipEventEntity, {
        id: randomUUID(),
        hospitalId: id,
        fromStatus: hospital.status,
        toStatus: status,
        reason: why,
        at: new Date(),
        by: callerLabel(ctx.caller!),
      });
      hospital.status = status;
      await repo.update({ id }, { status });
      return hospital;
    });
  }
}

/** The history line of a registration's contract check: passed, or the first problem (never the remote answer). */
function contractVerdict(problems: string[]): string {
  if (problems.length === 0) return 'contract check passed';
  return `contract check failed (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems[0]}`;
}
