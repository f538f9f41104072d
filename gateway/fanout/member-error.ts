import { MedAllianceError } from '../../common/errors';
import type { MemberError } from './remap-error-paths';

/** A typed error as an entry of a subgraph response (code and safe details only). */
export function toMemberError(error: MedAllianceError, path?: readonly (string | number)[]): MemberError {
  return { message: error.message, ...(path ? { path } : {}), extensions: { ...error.details, code: error.code } };
}

/** Member failures become response errors; anything else is a bug and propagates. */
export function asMedAllianceError(error: unknown): MedAllianceError {
  if (error instanceof MedAllianceError) return error;
  throw error;
}
