import { MedAllianceError } from '../../../common/errors';
import { assignMrn, validateRegistration } from './register-patient';

const valid = { mrn: null, name: '张伟', birthDate: '1985-03-12', nationalId: '11010519491231002x' };
const TODAY = '2026-06-01';

describe('validateRegistration', () => {
  it('normalises what it accepts', () => {
    expect(validateRegistration({ ...valid, name: ' 张伟 ', mrn: ' A-1 ' }, TODAY)).toEqual({ mrn: 'A-1', name: '张伟', nationalId: '11010519491231002X' });
    expect(validateRegistration({ ...valid, nationalId: null, mrn: '' }, TODAY)).toEqual({ mrn: null, name: '张伟', nationalId: null });
    expect(validateRegistration({ ...valid, nationalId: '  ' }, TODAY).nationalId).toBeNull();
  });

  it.each([
    ['an empty name', { name: '  ' }, 'input.name'],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, 'input.name'],
    ['a chart number with a space', { mrn: 'A 1' }, 'input.mrn'],
    ['a birth date after today', { birthDate: '2026-06-02' }, 'input.birthDate'],
    ['a national id with a wrong check character', { nationalId: '110105194912310021' }, 'input.nationalId'],
    ['a national id of 15 characters (the old format)', { nationalId: '110105491231002' }, 'input.nationalId'],
  ])('refuses %s with BAD_USER_INPUT naming the argument', (_name, change, argument) => {
    let error: unknown;
    try {
      validateRegistration({ ...valid, ...change }, TODAY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MedAllianceError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', details: { argument } });
    expect((error as Error).message).not.toMatch(/1101054|A 1/);
  });
});

describe('assignMrn', () => {
  it("starts with the member's prefix and is different each time", () => {
    const a = assignMrn('dh-chc-lakeside');
    expect(a).toMatch(/^CHCLAK-R[0-9A-F]{10}$/);
    expect(assignMrn('dh-chc-lakeside')).not.toBe(a);
  });
});
