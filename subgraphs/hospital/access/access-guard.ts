import { getNamedType, getNullableType, isCompositeType, isLeafType, isListType, isNonNullType, responsePathAsArray } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { ForbiddenError } from '../../../common/errors';
import type { HospitalContext } from '../context';
import { isOutsideMembership } from '../../runtime/auth/access-rules';
import { CAPABILITY_DENIED, MEMBERSHIP_DENIED, mayUse, type HospitalCapability } from './hospital-access';
import { patientRefsOf } from './patient-refs';
import { refusedPatientRefs } from './refused-patient-refs';
import { capabilityOfType } from './type-capabilities';
import type { PlainFieldPass } from '../../runtime/schema/plain-fields';

/** Throws FORBIDDEN unless the caller has the capability; a refused PHI access or write is audited. */
export function requireCapability(ctx: HospitalContext, capability: HospitalCapability, isWrite = false): void {
  if (mayUse(ctx.caller, capability)) return;
  if (capability === 'phi' || isWrite) ctx.audit.noteDenied();
  throw new ForbiddenError(deniedMessage(ctx, capability));
}

function deniedMessage(ctx: HospitalContext, capability: HospitalCapability): string {
  return isOutsideMembership(ctx.caller) ? MEMBERSHIP_DENIED : CAPABILITY_DENIED[capability];
}

/** Records the patients a PHI value released. */
export function notePhiReleased(ctx: HospitalContext, typeName: string, value: unknown): void {
  ctx.audit.notePatients(patientRefsOf(typeName, value, ctx.hospitalId));
}

/**
 * Global type-graphql middleware: every field is checked by the type it returns (see
 * `type-capabilities.ts`). The denied field answers FORBIDDEN on its path and the rest
 * of the query is answered; a denied non-null root list answers `[]` with the error
 * added by `deniedRootListsPlugin`, so that it cannot null the whole answer. Every mutation is audited as a write, allowed or not; the
 * write rules themselves (who books for whom) are in the booking resolver.
 */
export const accessGuard: MiddlewareFn<HospitalContext> = async ({ context, info, root, args }, next) => {
  const isWrite = info.parentType.name === 'Mutation';
  if (isWrite) context.audit.noteWrite();
  const namedType = getNamedType(info.returnType);
  const typeName = namedType.name;
  const capability = capabilityOfType(typeName);
  if (!capability) {
    // fail closed: an object type nobody classified is not released
    if (isCompositeType(namedType)) throw new ForbiddenError('This type has no access rule yet.');
    const value: unknown = await next();
    return value;
  }
  if (info.parentType.name === 'Query' && isNonNullType(info.returnType) && isListType(getNullableType(info.returnType)) && !mayUse(context.caller, capability)) {
    if (capability === 'phi') context.audit.noteDenied();
    context.deniedRootLists.push({ message: deniedMessage(context, capability), path: responsePathAsArray(info.path) });
    return [];
  }
  if (!mayUse(context.caller, capability) && (capability === 'phi' || isWrite)) {
    context.audit.notePatients(refusedPatientRefs(info.parentType.name, root, args, context.hospitalId));
  }
  requireCapability(context, capability, isWrite);
  const value: unknown = await next();
  if (capability === 'phi') notePhiReleased(context, typeName, value);
  return value;
};

const ALWAYS = () => true;

/**
 * The fields on which `accessGuard` only calls `next()`, whoever asks: a scalar or enum
 * (no capability of its own) outside Mutation. Such a field is released with its parent
 * object, whose own field or reference was checked (and noted for the audit) by type.
 */
export const accessGuardPasses: PlainFieldPass<HospitalContext> = (typeName, _fieldName, returnType) =>
  typeName !== 'Mutation' && isLeafType(returnType) && !capabilityOfType(returnType.name) ? ALWAYS : undefined;

type ReferenceResolver<R, T> = (reference: R, ctx: HospitalContext) => Promise<T | null> | T | null;

/**
 * The same check for `_entities`, which federation resolves outside type-graphql. The
 * wrapper is async so that a refusal fails only its own representation.
 */
export function guardReference<R, T>(typeName: string, resolve: ReferenceResolver<R, T>): (reference: R, ctx: HospitalContext) => Promise<T | null> {
  const capability = capabilityOfType(typeName);
  if (!capability) throw new Error(`no capability declared for entity type ${typeName}`);
  return async (reference, ctx) => {
    if (capability === 'phi' && !mayUse(ctx.caller, capability)) ctx.audit.notePatients(await representationRefs(typeName, reference, ctx));
    requireCapability(ctx, capability);
    const value = await resolve(reference, ctx);
    if (capability === 'phi') notePhiReleased(ctx, typeName, value);
    return value;
  };
}

/** The patient a refused representation names: a chart by its key, a result by its chart (looked up, never released). */
async function representationRefs(typeName: string, reference: unknown, ctx: HospitalContext): Promise<string[]> {
  const ref = reference as { hospitalId?: unknown; id?: unknown; mrn?: unknown };
  if (typeName === 'PatientRecord') return patientRefsOf(typeName, ref, ctx.hospitalId);
  if (typeName === 'LabResult' && typeof ref.id === 'string' && ref.hospitalId === ctx.hospitalId) {
    const result = await ctx.loaders.labResultById.load(ref.id);
    return result ? patientRefsOf(typeName, result, ctx.hospitalId) : [];
  }
  return [];
}
