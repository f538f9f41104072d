import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError, NotFoundError } from '../../../common/errors';
import { callerLabel } from '../../../common/auth/caller';
import { runIdempotent } from '../../runtime/idempotency/run-idempotent';
import { callerOf, mayWritePhiFor, requireAllowed } from '../access/access-rules';
import { auditedWrite, refusedWrite } from '../audit/audited-write';
import type { AllianceContext } from '../context';
import { RecognitionCategory } from './recognition-enums';
import { RecognitionDecisionEntity } from './recognition-decision.entity';
import { RecognitionItemEntity } from './recognition-item.entity';
import { LabResult, RecognitionDecision, RecognitionDecisionInput, RecognitionItem } from './recognition.type';
import { toCatalogueEntry } from './catalogue';
import { savedYuan, validateDecision } from './validate-decision';
import { findInTransaction, requireActiveMember } from '../registry/require-member';
import { verifyDecidedResult } from '../integrity/verify-results';

@Resolver(() => RecognitionDecision)
export class RecognitionResolver {
  @Query(() => [RecognitionItem], { description: 'The mutual-recognition catalogue, by category then LOINC code.' })
  async recognitionCatalog(
    @Ctx() ctx: AllianceContext,
    @Arg('category', () => RecognitionCategory, { nullable: true }) category?: RecognitionCategory,
  ): Promise<RecognitionItem[]> {
    const rows = await ctx.dataSource.manager.find(RecognitionItemEntity, { where: category ? { category } : {}, order: { category: 'ASC', loinc: 'ASC' } });
    return rows.map(toCatalogueEntry);
  }

  @Mutation(() => RecognitionDecision, { description: 'Records that a result was reused or retested (with one of the six reasons). Idempotent.' })
  async recordRecognitionDecision(@Ctx() ctx: AllianceContext, @Arg('input', () => RecognitionDecisionInput) input: RecognitionDecisionInput): Promise<RecognitionDecisionEntity> {
    // DESIGN 5: only a decision on a result its member confirms is recorded (and saves money);
    // asked before the transaction opens. A caller the write rules refuse is refused below, unasked.
    let patientMpiId: string | undefined;
    if (mayWritePhiFor(callerOf(ctx), input.atHospitalId) && input.result.hospitalId !== input.atHospitalId) {
      try {
        patientMpiId = await verifyDecidedResult(ctx, callerOf(ctx), input.result, input.loinc);
      } catch (error) {
        return refusedWrite(ctx, 'recordRecognitionDecision', error);
      }
    }
    return auditedWrite(ctx, 'recordRecognitionDecision', async (manager, note) => {
      if (patientMpiId) note.patientRefs = [patientMpiId];
      const caller = callerOf(ctx);
      // a decision is about a patient's result: a PHI write, for the caller's own hospital only
      requireAllowed(
        mayWritePhiFor(caller, input.atHospitalId),
        "A clinician with a purpose of use records decisions for their own hospital only (atHospitalId must be the caller's hospital).",
        { argument: 'atHospitalId' },
      );
      validateDecision({
        decision: input.decision,
        retestReason: input.retestReason,
        note: input.note,
        resultHospitalId: input.result.hospitalId,
        atHospitalId: input.atHospitalId,
      });
      const decisions = manager.getRepository(RecognitionDecisionEntity);
      return runIdempotent(
        manager,
        { operation: 'recordRecognitionDecision', key: input.idempotencyKey, input: { ...input, idempotencyKey: undefined } },
        async () => {
          const item = await manager.findOneBy(RecognitionItemEntity, { loinc: input.loinc });
          if (!item) throw new BadUserInputError(`LOINC ${input.loinc.slice(0, 32)} is not in the mutual-recognition catalogue.`, { argument: 'loinc' });
          await requireActiveMember(findInTransaction(manager), input.atHospitalId, 'atHospitalId');
          // the result is verified at the member that holds it, so that member must be one
          await requireActiveMember(findInTransaction(manager), input.result.hospitalId, 'result.hospitalId');
          const row: RecognitionDecisionEntity = {
            id: `dec-${randomUUID()}`,
            resultHospitalId: input.result.hospitalId,
            resultId: input.result.id,
            loinc: input.loinc,
            atHospitalId: input.atHospitalId,
            decision: input.decision,
            retestReason: input.retestReason ?? null,
            note: input.note?.trim() || null,
            decidedBy: callerLabel(caller),
            decidedAt: new Date(),
            savedYuan: savedYuan(input.decision, Number(item.priceYuan)),
          };
          await decisions.insert(row);
          note.targetId = row.id;
          return row.id;
        },
        async (id) => {
          const row = await decisions.findOneBy({ id });
          if (!row) throw new NotFoundError('Recognition decision');
          return row;
        },
      );
    });
  }

  @FieldResolver(() => LabResult)
  result(@Root() decision: RecognitionDecisionEntity): { hospitalId: string; id: string } {
    return { hospitalId: decision.resultHospitalId, id: decision.resultId };
  }
}
