import { BadUserInputError } from '../../../common/errors';
import { validateReason, validateRegistration, type RegistrationFields } from './validate-registration';

const ok: RegistrationFields = { id: 'dh-member-05', name: '成员单位', region: '湖北省', recognitionMark: '鄂HR', subgraphUrl: 'http://127.0.0.1:4105/graphql' };

describe('validateRegistration', () => {
  it.each<[string, Partial<RegistrationFields>, string | null]>([
    ['valid', {}, null],
    ['https', { subgraphUrl: 'https://member.example/graphql' }, null],
    ['no mark', { recognitionMark: null }, null],
    ['upper-case id', { id: 'DH-5' }, 'id'],
    ['id with a slash', { id: 'dh/5' }, 'id'],
    ['id ending in a hyphen', { id: 'dh-5-' }, 'id'],
    ['too short id', { id: 'd' }, 'id'],
    ['blank name', { name: '  ' }, 'name'],
    ['blank region', { region: '' }, 'region'],
    ['ftp url', { subgraphUrl: 'ftp://member.example/graphql' }, 'subgraphUrl'],
    ['file url', { subgraphUrl: 'file:///etc/passwd' }, 'subgraphUrl'],
    ['relative url', { subgraphUrl: '/graphql' }, 'subgraphUrl'],
    ['url with credentials', { subgraphUrl: 'http://u:p@member.example/graphql' }, 'subgraphUrl'],
  ])('%s', (_name, change, argument) => {
    const run = () => validateRegistration({ ...ok, ...change });
    if (argument === null) return expect(run).not.toThrow();
    try {
      run();
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(BadUserInputError);
      expect((error as BadUserInputError).details.argument).toBe(argument);
    }
  });

  it.each([[''], ['   ']])('reason %p is refused', (reason) => expect(() => validateReason(reason)).toThrow(BadUserInputError));
  it('reason is trimmed', () => expect(validateReason(' audit ')).toBe('audit'));
});
