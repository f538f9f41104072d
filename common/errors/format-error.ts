import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { isErrorCode, type ErrorCode } from './codes';
import { MedAllianceError } from './medalliance-error';

/** Codes graphql-js and Apollo Server produce themselves, mapped onto ours. */
const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  [ApolloServerErrorCode.GRAPHQL_PARSE_FAILED]: 'BAD_USER_INPUT',
  [ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED]: 'BAD_USER_INPUT',
  [ApolloServerErrorCode.BAD_USER_INPUT]: 'BAD_USER_INPUT',
  [ApolloServerErrorCode.BAD_REQUEST]: 'BAD_USER_INPUT',
  [ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE]: 'BAD_USER_INPUT',
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND]: 'BAD_USER_INPUT',
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED]: 'BAD_USER_INPUT',
};

/** Extensions that are safe to pass on; anything else (stacktrace, serviceName, url …) is dropped. */
const SAFE_EXTENSION_KEYS = new Set([
  'hospitalId',
  'hospitalIds',
  'moreHospitals',
  'field',
  'argument',
  'max',
  'retryAfterSeconds',
  'requestId',
  'limit',
  'status',
  'path',
  'outcome',
]);

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"')]+/gi;
const HOST_PORT_PATTERN = /(?:\b\d{1,3}(?:\.\d{1,3}){3}\b|\blocalhost\b|\[[0-9a-f:]+\])(?::\d+)?/gi;

/** Removes URLs and host:port pairs: subgraph and driver errors quote them (DESIGN 8 pitfalls). */
export function stripLocations(message: string): string {
  return message.replace(URL_PATTERN, '<internal>').replace(HOST_PORT_PATTERN, '<internal>');
}

export interface FormatErrorOptions {
  /** Production: unknown errors become a generic message with the request id. */
  maskInternal: boolean;
  requestId?: string;
}

function findOriginal(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 5 && current instanceof GraphQLError && current.originalError; i += 1) {
    current = current.originalError;
  }
  return current;
}

/** What a caller reads of an internal error in production. */
function maskedMessage(requestId: string | undefined): string {
  return `Internal error${requestId ? ` (request ${requestId})` : ''}.`;
}

/**
 * An error `formatError` mapped without its request id (where the request was not at
 * hand), as it would have mapped it with the id: an INTERNAL_SERVER_ERROR gets
 * `extensions.requestId`, and its masked message names the request. Any other error is
 * returned as it is.
 */
export function withRequestId(formatted: GraphQLFormattedError, requestId: string, options: Pick<FormatErrorOptions, 'maskInternal'>): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  if (extensions.code !== 'INTERNAL_SERVER_ERROR' || extensions.requestId !== undefined) return formatted;
  const masked = options.maskInternal && formatted.message === maskedMessage(undefined);
  return { ...formatted, message: masked ? maskedMessage(requestId) : formatted.message, extensions: { ...extensions, requestId } };
}

/** Whether a GraphQL error (as formatted) already carries one of our codes. */
export function codeOf(formatted: GraphQLFormattedError): ErrorCode | undefined {
  const code = formatted.extensions?.code;
  if (isErrorCode(code)) return code;
  if (typeof code === 'string' && FRAMEWORK_CODES[code]) return FRAMEWORK_CODES[code];
  return undefined;
}

/**
 * The one mapper from any error to the response shape: typed errors keep their code and
 * message; framework errors get our code; everything else is INTERNAL_SERVER_ERROR, its
 * message masked in production. URLs and hosts are stripped from every message.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, options: FormatErrorOptions): GraphQLFormattedError {
  const original = findOriginal(error);
  const extensions: Record<string, unknown> = {};
  let code: ErrorCode;
  let message: string;

  if (original instanceof MedAllianceError) {
    code = original.code;
    message = original.message;
    for (const [key, value] of Object.entries(original.details)) extensions[key] = value;
  } else {
    const known = codeOf(formatted);
    // a subgraph's own INTERNAL_SERVER_ERROR is as unknown to the caller as ours: masked too
    if (known && !(known === 'INTERNAL_SERVER_ERROR' && options.maskInternal)) {
      code = known;
      message = formatted.message;
      for (const [key, value] of Object.entries(formatted.extensions ?? {})) {
        if (SAFE_EXTENSION_KEYS.has(key)) extensions[key] = value;
      }
    } else {
      code = 'INTERNAL_SERVER_ERROR';
      // which member failed is no secret, and the caller needs it to read a partial answer
      if (typeof formatted.extensions?.hospitalId === 'string') extensions.hospitalId = formatted.extensions.hospitalId;
      message = options.maskInternal ? maskedMessage(undefined) : formatted.message;
    }
  }
  extensions.code = code;
  const mapped = {
    message: stripLocations(message),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
  return options.requestId ? withRequestId(mapped, options.requestId, options) : mapped;
}
