import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function calendarDateIsReal(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Parses an RFC 3339 date-time with an offset; rejects "2026-02-30T…" and bare dates. */
export function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw badInput('DateTime must be an RFC 3339 string such as 2026-01-31T08:00:00Z.');
  const match = RFC3339.exec(value);
  if (!match || !calendarDateIsReal(Number(match[1]), Number(match[2]), Number(match[3])) || Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 60) {
    throw badInput(`DateTime "${value.slice(0, 40)}" is not an RFC 3339 date-time such as 2026-01-31T08:00:00Z.`);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput('DateTime is not a valid date-time.');
  return date;
}

export function parseDateOnly(value: unknown): string {
  if (typeof value !== 'string') throw badInput('Date must be a string such as 2026-01-31.');
  const match = DATE_ONLY.exec(value);
  if (!match || !calendarDateIsReal(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw badInput(`Date "${value.slice(0, 20)}" is not a calendar date such as 2026-01-31.`);
  }
  return value;
}

function serializeDateTime(value: unknown): string {
  const date = value instanceof Date ? value : new Date(value as string);
  if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date.');
  return date.toISOString();
}

/** RFC 3339 date-time, always returned in UTC with milliseconds. Internally a JS Date. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An RFC 3339 date-time string, e.g. 2026-01-31T08:00:00Z; returned in UTC.',
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be a string.');
    return parseDateTime(ast.value);
  },
});

/** A calendar date (YYYY-MM-DD). Internally the same string. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, e.g. 2026-01-31.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDateOnly(value);
  },
  parseValue: parseDateOnly,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string.');
    return parseDateOnly(ast.value);
  },
});
