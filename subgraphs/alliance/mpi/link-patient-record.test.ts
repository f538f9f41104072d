import type { LinkPatientRecordInput } from './patient-link.type';
import { validateLinkInput } from './link-patient-record';

const input: LinkPatientRecordInput = { hospitalId: 'dh-lead', mrn: 'L-1', name: '张伟', birthDate: '1985-03-12', idempotencyKey: 'k' };

describe('validateLinkInput', () => {
  it.each<[string, Partial<LinkPatientRecordInput>, string | null]>([
    ['no national id', {}, null],
    ['an empty national id', { nationalId: '' }, null],
    ['a valid one, normalised', { nationalId: ' 11010519491231002x' }, '11010519491231002X'],
  ])('accepts %s', (_name, change, nationalId) => {
    expect(validateLinkInput({ ...input, ...change }, '2026-06-01')).toEqual({ nationalId });
  });

  it.each<[string, Partial<LinkPatientRecordInput>, string]>([
    ['a wrong check character', { nationalId: '110105194912310021' }, 'input.nationalId'],
    ['a chart number with a slash', { mrn: 'a/b' }, 'input.mrn'],
    ['an empty name', { name: ' ' }, 'input.name'],
    ['a birth date in the future', { birthDate: '2027-01-01' }, 'input.birthDate'],
  ])('refuses %s', (_name, change, argument) => {
    expect(() => validateLinkInput({ ...input, ...change }, '2026-06-01')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argument } }));
  });
});
