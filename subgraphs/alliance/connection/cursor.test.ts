import { BadUserInputError } from '../../../common/errors';
import { decodeCursor, encodeCursor } from './cursor';

describe('cursors', () => {
  it('round-trips', () => {
    expect(decodeCursor('Referral', encodeCursor('Referral', '2026-01-01T00:00:00.000Z', 'ref-1'))).toEqual({ sortValue: '2026-01-01T00:00:00.000Z', id: 'ref-1' });
    expect(decodeCursor('Audit', encodeCursor('Audit', 5, 5))).toEqual({ sortValue: 5, id: 5 });
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['valid base64, not JSON', Buffer.from('hello').toString('base64url')],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ["another list's cursor", encodeCursor('Training', 'x', 'y')],
    ['an object as value', Buffer.from(JSON.stringify(['Referral', {}, 'x'])).toString('base64url')],
    ['empty', ''],
  ])('%s → BAD_USER_INPUT', (_name, cursor) => {
    expect(() => decodeCursor('Referral', cursor)).toThrow(BadUserInputError);
  });
});
