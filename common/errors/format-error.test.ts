import { GraphQLError } from 'graphql';
import { formatError, stripLocations, withRequestId } from './format-error';
import { ConflictError, MemberUnavailableError } from './medalliance-error';

function format(error: unknown, maskInternal = true) {
  const graphQLError = error instanceof GraphQLError ? error : new GraphQLError('wrapped', { originalError: error as Error, path: ['a', 0] });
  const formatted = { message: graphQLError.message, path: graphQLError.path, extensions: graphQLError.extensions };
  return formatError(formatted, graphQLError, { maskInternal, requestId: 'req-9' });
}

describe('formatError, the one mapper to extensions.code', () => {
  it('keeps the code, message and safe details of a typed error', () => {
    expect(format(new MemberUnavailableError('dh-hill'))).toEqual({
      message: 'Member hospital dh-hill did not answer; its part of the answer is missing.',
      path: ['a', 0],
      extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-hill' },
    });
    expect(format(new ConflictError('slot taken')).extensions).toEqual({ code: 'CONFLICT' });
  });

  it('masks an unknown error in production with the request id', () => {
    expect(format(new Error('ECONNREFUSED 10.1.2.3:3306 select * from patient'))).toEqual({
      message: 'Internal error (request req-9).',
      path: ['a', 0],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-9' },
    });
  });

  it("masks a subgraph's own INTERNAL_SERVER_ERROR in production, not in development", () => {
    const upstream = new GraphQLError('TypeError: x is undefined at resolve (app.js:1:1)', { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'alliance' } });
    expect(format(upstream)).toEqual({ message: 'Internal error (request req-9).', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-9' } });
    expect(format(upstream, false).message).toBe('TypeError: x is undefined at resolve (app.js:1:1)');
  });

  it('adds the request id afterwards as it would have been added at once, and only to internal errors', () => {
    const graphQLError = (error: Error) => new GraphQLError('wrapped', { originalError: error, path: ['a', 0] });
    const later = (error: Error, maskInternal: boolean) => {
      const formatted = { message: graphQLError(error).message, path: graphQLError(error).path, extensions: graphQLError(error).extensions };
      return withRequestId(formatError(formatted, graphQLError(error), { maskInternal }), 'req-9', { maskInternal });
    };
    const unknown = new Error('ECONNREFUSED 10.1.2.3:3306');
    expect(later(unknown, true)).toEqual(format(unknown, true));
    expect(later(unknown, false)).toEqual(format(unknown, false));
    expect(later(new MemberUnavailableError('dh-hill'), true)).toEqual(format(new MemberUnavailableError('dh-hill'), true));
    // once only: an error that names its request keeps it
    const named = format(unknown, true);
    expect(withRequestId(named, 'req-other', { maskInternal: true })).toBe(named);
    // unmasked, a message that happens to read like the masked one is the error's own
    expect(withRequestId({ message: 'Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, 'req-9', { maskInternal: false })).toEqual({
      message: 'Internal error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-9' },
    });
  });

  it('maps framework codes to ours and drops unsafe extensions', () => {
    const validation = new GraphQLError('Cannot query field "x" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] } });
    expect(format(validation)).toEqual({ message: 'Cannot query field "x" on type "Query".', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('never lets a URL or host through, even unmasked', () => {
    const leaked = new GraphQLError('request to http://10.0.0.7:4102/graphql failed, reason: connect ECONNREFUSED 127.0.0.1:4102', {
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'hospitals', url: 'http://x' },
    });
    const out = format(leaked, false);
    expect(out.message).toBe('request to <internal> failed, reason: connect ECONNREFUSED <internal>');
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it.each([
    ['https://member.example.org/graphql', '<internal>'],
    ['localhost:4101', '<internal>'],
    ['[::1]:4000', '<internal>'],
    ['no location here', 'no location here'],
  ])('stripLocations(%s)', (input, expected) => {
    expect(stripLocations(input)).toBe(expected);
  });
});
