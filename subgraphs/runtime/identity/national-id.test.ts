import { checkNationalId, nationalIdCheckCharacter } from './national-id';

describe('checkNationalId (GB 11643, ISO 7064 MOD 11-2)', () => {
  it.each([
    ['the standard example with X', '11010519491231002X', '11010519491231002X'],
    ['a lower-case x', '11010519491231002x', '11010519491231002X'],
    ['a digit check character', '440524188001010014', '440524188001010014'],
    ['surrounding blanks', ' 110101199003074477 ', '110101199003074477'],
  ])('accepts %s', (_name, raw, normalised) => {
    expect(checkNationalId(raw)).toEqual({ valid: true, nationalId: normalised });
  });

  it.each([
    ['a wrong check character', '110105194912310021', 'check character'],
    ['17 characters', '11010519491231002', '18 characters'],
    ['19 characters', '11010519491231002XX', '18 characters'],
    ['a letter inside', '1101051949123A002X', '17 digits'],
    ['a leading zero region', '01010519491231002X', '17 digits'],
    ['X before the end', '1101051949123100X2', '17 digits'],
    ['31 February', '110105194902310026', 'calendar date'],
    ['month 13', '110105194913010020', 'calendar date'],
    ['empty', '', '18 characters'],
  ])('refuses %s with a plain reason that does not repeat the number', (_name, raw, reason) => {
    const verdict = checkNationalId(raw);
    expect(verdict.valid).toBe(false);
    if (verdict.valid) return;
    expect(verdict.reason).toContain(reason);
    if (raw) expect(verdict.reason).not.toContain(raw.trim());
  });

  it('computes the check character from the 17 digits', () => {
    expect(nationalIdCheckCharacter('11010519491231002')).toBe('X');
    expect(nationalIdCheckCharacter('44052418800101001')).toBe('4');
  });
});
