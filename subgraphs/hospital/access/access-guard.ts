import { getNamedType, getNullableType, isCompositeType, isListType, isNonNullType, responsePathAsArray } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { ForbiddenError } from '../../../common/errors';
import type { HospitalContext } from '../context';
import { CAPABILITY_DENIED, mayUse, type HospitalCapability } from './hospital-access';
import { patientRefsOf } from './patient-refs';
import { capabilityOfType } from './type-capabilities';

/** Throws FORBIDDEN unless the caller has the capability; a refused PHI access or write is audited. */
export function requireCapability(ctx: HospitalContext, capability: HospitalCapability, isWrite = false): void {
  if (mayUse(ctx.caller, capability)) return;
  if (capability === 'phi' || isWrite) ctx.audit.noteDenied();
  throw new ForbiddenError(CAPABILITY_DENIED[capability]);
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
export const accessGuard: MiddlewareFn<HospitalContext> = async ({ context, info }, next) => {
  const isWrite = info.parentType.name === 'Mutation';
  if (isWrite) context.audit.noteWrite();
  const namedType = getNamedType(info.returnType);
  const typeName = namedType.name;
  const capability = capabilityOfType(typeName);
  if (!capability) {
    // fail closed: an object type nobody classified is not released
    if (isCompositeType(namedType)) throw new ForbiddenError('This type has no access rule yet.');
    return next();
  }
  if (info.parentType.name === 'Query' && isNonNullType(info.returnType) && isListType(getNullableType(info.returnType)) && !mayUse(context.caller, capability)) {
    if (capability === 'phi') context.audit.noteDenied();
    context.deniedRootLists.push({ message: CAPABILITY_DENIED[capability], path: responsePathAsArray(info.path) as (string | number)[] });
    return [];
  }
  requireCapability(context, capability, isWrite);
  const value: unknown = await next();
  if (capability === 'phi') notePhiReleased(context, typeName, value);
  return value;
};

type ReferenceResolver<R, T> = (reference: R, ctx: HospitalContext) => Promise<T | null> | T | null;

/**
 * The same check for `_entities`, which federation resolves outside type-graphql. The
 * wrapper is async so that a refusal fails only its own representation.
 */
export function guardReference<R, T>(typeName: string, resolve: ReferenceResolver<R, T>): (reference: R, ctx: HospitalContext) => Promise<T | null> {
  const capability = capabilityOfType(typeName);
  if (!capability) throw new Error(`no capability declared for entity type ${typeName}`);
  return async (reference, ctx) => {
    requireCapability(ctx, capability);
    const value = await resolve(reference, ctx);
    if (capability === 'phi') notePhiReleased(ctx, typeName, value);
    return value;
  };
}
