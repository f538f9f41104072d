import type { MiddlewareFn } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../../../common/errors';
import { isOutsideMembership } from '../../runtime/auth/access-rules';
import { refusedWrite } from '../audit/audited-write';
import type { AllianceContext } from '../context';
import { mayUseRule, RULE_DENIED, ruleOfField, type AllianceRule } from './alliance-rules';
import { refusedPatientRefs } from './refused-patient-refs';
import type { PlainFieldPass } from '../../runtime/schema/plain-fields';

export const MEMBERSHIP_DENIED = 'Your hospital is not an active member of the alliance.';
const NOT_COVERED = 'This field has no access rule yet.';

function refusal(ctx: AllianceContext, rule: AllianceRule): Error {
  if (!ctx.caller) return new UnauthenticatedError();
  return new ForbiddenError(isOutsideMembership(ctx.caller) ? MEMBERSHIP_DENIED : RULE_DENIED[rule]);
}

/**
 * Global type-graphql middleware, the alliance's one access check (default deny): every
 * field is looked up in `ALLIANCE_ACCESS` and refused when the table does not cover it or
 * the caller lacks its rule. A refused PHI read is noted for the request's audit row with
 * the patient it asked for; a refused write gets its own DENIED row under the mutation's
 * name, as `auditedWrite` records every other refused write.
 */
export const allianceGuard: MiddlewareFn<AllianceContext> = async ({ context, info, root, args }, next) => {
  const rule = ruleOfField(info.parentType.name, info.fieldName);
  if (!rule) throw new ForbiddenError(NOT_COVERED);
  if (mayUseRule(context.caller, rule)) {
    const value: unknown = await next();
    return value;
  }
  const patients = rule === 'phi' || info.parentType.name === 'Mutation' ? await refusedPatientRefs(context, root, args) : [];
  if (info.parentType.name === 'Mutation') {
    return refusedWrite(context, info.fieldName, refusal(context, rule), { patientRefs: patients, targetId: typeof args.id === 'string' ? args.id.slice(0, 64) : undefined });
  }
  if (rule === 'phi') {
    context.audit.noteDenied();
    context.audit.notePatients(patients);
  }
  throw refusal(context, rule);
};

/** Where `allianceGuard` only calls `next()`: a covered field whose rule the caller meets. */
export const allianceGuardPasses: PlainFieldPass<AllianceContext> = (typeName, fieldName) => {
  const rule = ruleOfField(typeName, fieldName);
  return rule ? (context) => mayUseRule(context.caller, rule) : undefined;
};

type ReferenceResolver<R, T> = (reference: R, ctx: AllianceContext) => Promise<T | null> | T | null;

/** The same check for `_entities`, which federation resolves outside type-graphql; a refusal fails only its own representation. */
export function guardAllianceReference<R extends object, T>(typeName: string, resolve: ReferenceResolver<R, T>): (reference: R, ctx: AllianceContext) => Promise<T | null> {
  // an entity is released under its type's rule
  const rule = ruleOfField(typeName, '__resolveReference');
  if (!rule) throw new Error(`no access rule for entity type ${typeName}`);
  return async (reference, ctx) => {
    if (!mayUseRule(ctx.caller, rule)) {
      if (rule === 'phi') {
        ctx.audit.noteDenied();
        ctx.audit.notePatients(await refusedPatientRefs(ctx, reference, reference as Record<string, unknown>));
      }
      throw refusal(ctx, rule);
    }
    return resolve(reference, ctx);
  };
}
