import { isUnreachableDatabaseError } from './unreachable-database-error';

describe('isUnreachableDatabaseError', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), true],
    ['lost connection', Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST' }), true],
    ['wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: { code: 'ECONNRESET' } }), true],
    ['nested cause', new Error('outer', { cause: Object.assign(new Error('inner'), { code: 'ETIMEDOUT' }) }), true],
    ['bad password', Object.assign(new Error('denied'), { code: 'ER_ACCESS_DENIED_ERROR' }), false],
    ['bad SQL in a migration', Object.assign(new Error('syntax'), { driverError: { code: 'ER_PARSE_ERROR' } }), false],
    ['plain error', new Error('bug'), false],
    ['not an error', 'ECONNREFUSED', false],
  ])('%s', (_name, error, expected) => {
    expect(isUnreachableDatabaseError(error)).toBe(expected);
  });
});
