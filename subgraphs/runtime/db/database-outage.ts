import { GraphQLError } from 'graphql';
import { MedAllianceError, type ErrorCode } from '../../../common/errors';
import { isUnreachableDatabaseError } from './unreachable-database-error';

export type UnavailableCode = Extract<ErrorCode, 'MEMBER_UNAVAILABLE' | 'ALLIANCE_UNAVAILABLE'>;

/**
 * A resolver whose database went away (after the first connect) fails with a driver
 * error; unmapped it would be INTERNAL_SERVER_ERROR with socket text. Mapped here it is
 * the service's own "unavailable" code, which the gateway recognises, and a plain message.
 */
export function databaseOutage(error: unknown, code: UnavailableCode): MedAllianceError | undefined {
  let current = error;
  for (let i = 0; i < 5 && current instanceof GraphQLError && current.originalError; i += 1) current = current.originalError;
  if (!isUnreachableDatabaseError(current)) return undefined;
  return new MedAllianceError(code, 'This service cannot reach its database right now; retry shortly.');
}
