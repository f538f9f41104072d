import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../common/errors';
import { callerLabel } from '../../runtime/auth/caller';
import { auditedWrite } from '../audit/audited-write';
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
  @Mutation(() => Hospital, { description: 'ADMIN. The gateway has checked the member against the contract; the member is live on the next registry poll.' })
  registerHospital(@Ctx() ctx: AllianceContext, @Arg('input', () => RegisterHospitalInput) input: RegisterHospitalInput): Promise<HospitalEntity> {
    return auditedWrite(ctx, 'registerHospital', async (manager, note) => {
      note.targetId = input.id.slice(0, 64);
      validateRegistration(input);
      const repo = manager.getRepository(HospitalEntity);
      if (await repo.findOneBy({ id: input.id })) throw new ConflictError(`Hospital ${input.id} is already registered.`, { argument: 'id' });
      const now = new Date();
      const hospital: HospitalEntity = {
        id: input.id,
        name: input.name.trim(),
        level: input.level,
        role: HospitalRole.MEMBER,
        region: input.region.trim(),
        status: MembershipStatus.ACTIVE,
        joinedAt: now,
        recognitionMark: input.recognitionMark?.trim() ?? null,
        subgraphUrl: input.subgraphUrl,
      };
      await repo.insert(hospital);
      await manager.insert(MembershipEventEntity, { id: randomUUID(), hospitalId: input.id, fromStatus: null, toStatus: MembershipStatus.ACTIVE, reason: 'registered', at: now, by: callerLabel(ctx.caller!) });
      return hospital;
    });
  }

  @Mutation(() => Hospital, { description: 'ADMIN. Suspend, readmit or record the departure of a member; the reason is kept in its history.' })
  setMembershipStatus(
    @Ctx() ctx: AllianceContext,
    @Arg('id', () => ID) id: string,
    @Arg('status', () => MembershipStatus) status: MembershipStatus,
    @Arg('reason') reason: string,
  ): Promise<HospitalEntity> {
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
      await manager.insert(MembershipEventEntity, { id: randomUUID(), hospitalId: id, fromStatus: hospital.status, toStatus: status, reason: why, at: new Date(), by: callerLabel(ctx.caller!) });
      hospital.status = status;
      await repo.update({ id }, { status });
      return hospital;
    });
  }
}
