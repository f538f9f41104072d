import { recognise, type CatalogueEntry, type QualificationEntry, type RecognitionInput } from './rules';
import { RecognitionCategory, RecognitionScope, RecognitionStatus } from './recognition-enums';

const WBC: CatalogueEntry = { loinc: '6690-2', name: 'WBC', category: RecognitionCategory.LAB, scope: RecognitionScope.NATIONAL, mark: '全国HR', validityDays: 7, priceYuan: 12 };
const QUALIFIED: QualificationEntry = { loinc: '6690-2', passed: true, validFrom: '2026-01-01', validUntil: '2026-12-31' };
// 2026-03-01T08:00+08:00
const COLLECTED = new Date('2026-03-01T00:00:00.000Z');
const EXPIRY = new Date('2026-03-08T00:00:00.000Z');

type Overrides = Partial<Omit<RecognitionInput, 'result'>> & { result?: Partial<RecognitionInput['result']> };

function input(overrides: Overrides = {}): RecognitionInput {
  return {
    atHospitalId: 'dh-lead',
    asOf: new Date('2026-03-02T00:00:00Z'),
    item: WBC,
    issuerStatus: 'ACTIVE',
    qualifications: [QUALIFIED],
    timeZone: 'Asia/Shanghai',
    ...overrides,
    result: { hospitalId: 'dh-district', loinc: '6690-2', status: 'FINAL', collectedAt: COLLECTED, ...overrides.result },
  };
}

describe('recognise (DESIGN 6 precedence)', () => {
  it.each<[string, RecognitionInput, RecognitionStatus]>([
    ['recognised: final, in catalogue, active qualified issuer, within validity', input(), RecognitionStatus.RECOGNIZED],
    ['amended counts as final', input({ result: { status: 'AMENDED' } }), RecognitionStatus.RECOGNIZED],
    ['own result', input({ atHospitalId: 'dh-district' }), RecognitionStatus.OWN_RESULT],
    [
      'own result wins over every other failure',
      input({ atHospitalId: 'dh-district', item: undefined, issuerStatus: 'LEFT', result: { status: 'PRELIMINARY' } }),
      RecognitionStatus.OWN_RESULT,
    ],
    ['preliminary is not final', input({ result: { status: 'PRELIMINARY' } }), RecognitionStatus.NOT_FINAL],
    ['registered is not final', input({ result: { status: 'REGISTERED' } }), RecognitionStatus.NOT_FINAL],
    ['cancelled is not final', input({ result: { status: 'CANCELLED' } }), RecognitionStatus.NOT_FINAL],
    ['not final wins over not in catalogue', input({ result: { status: 'PRELIMINARY' }, item: undefined }), RecognitionStatus.NOT_FINAL],
    ['not in catalogue', input({ item: undefined, result: { loinc: '1988-5' } }), RecognitionStatus.NOT_IN_CATALOG],
    ['not in catalogue wins over inactive issuer', input({ item: undefined, issuerStatus: 'SUSPENDED' }), RecognitionStatus.NOT_IN_CATALOG],
    ['suspended issuer', input({ issuerStatus: 'SUSPENDED' }), RecognitionStatus.ISSUER_NOT_ACTIVE],
    ['issuer that left', input({ issuerStatus: 'LEFT' }), RecognitionStatus.ISSUER_NOT_ACTIVE],
    ['unknown issuer', input({ issuerStatus: undefined }), RecognitionStatus.ISSUER_NOT_ACTIVE],
    ['inactive issuer wins over unqualified lab', input({ issuerStatus: 'SUSPENDED', qualifications: [] }), RecognitionStatus.ISSUER_NOT_ACTIVE],
    ['no qualification at all', input({ qualifications: [] }), RecognitionStatus.LAB_NOT_QUALIFIED],
    ['qualification failed', input({ qualifications: [{ ...QUALIFIED, passed: false }] }), RecognitionStatus.LAB_NOT_QUALIFIED],
    ['qualification for another code', input({ qualifications: [{ ...QUALIFIED, loinc: '718-7' }] }), RecognitionStatus.LAB_NOT_QUALIFIED],
    ['qualification starts on the collection date (inclusive)', input({ qualifications: [{ ...QUALIFIED, validFrom: '2026-03-01' }] }), RecognitionStatus.RECOGNIZED],
    ['qualification starts the day after collection', input({ qualifications: [{ ...QUALIFIED, validFrom: '2026-03-02' }] }), RecognitionStatus.LAB_NOT_QUALIFIED],
    ['qualification ends on the collection date (inclusive)', input({ qualifications: [{ ...QUALIFIED, validUntil: '2026-03-01' }] }), RecognitionStatus.RECOGNIZED],
    ['qualification ended the day before collection', input({ qualifications: [{ ...QUALIFIED, validUntil: '2026-02-28' }] }), RecognitionStatus.LAB_NOT_QUALIFIED],
    // 2026-02-28T16:30Z is 2026-03-01 00:30 in Shanghai: the Shanghai date decides.
    [
      'collected just after Shanghai midnight: the Shanghai date counts',
      input({ result: { collectedAt: new Date('2026-02-28T16:30:00Z') }, qualifications: [{ ...QUALIFIED, validFrom: '2026-03-01' }] }),
      RecognitionStatus.RECOGNIZED,
    ],
    [
      'collected just before Shanghai midnight: still the previous day',
      input({ result: { collectedAt: new Date('2026-02-28T15:59:59.999Z') }, qualifications: [{ ...QUALIFIED, validFrom: '2026-03-01' }] }),
      RecognitionStatus.LAB_NOT_QUALIFIED,
    ],
    [
      'the same instant in UTC would be the previous day',
      input({ timeZone: 'UTC', result: { collectedAt: new Date('2026-02-28T16:30:00Z') }, qualifications: [{ ...QUALIFIED, validFrom: '2026-03-01' }] }),
      RecognitionStatus.LAB_NOT_QUALIFIED,
    ],
    ['unqualified lab wins over expiry', input({ qualifications: [], asOf: new Date('2026-06-01T00:00:00Z') }), RecognitionStatus.LAB_NOT_QUALIFIED],
    ['at the expiry instant it is still valid', input({ asOf: EXPIRY }), RecognitionStatus.RECOGNIZED],
    ['one millisecond after the expiry instant', input({ asOf: new Date(EXPIRY.getTime() + 1) }), RecognitionStatus.EXPIRED],
    ['long expired', input({ asOf: new Date('2026-05-01T00:00:00Z') }), RecognitionStatus.EXPIRED],
  ])('%s', (_name, given, expected) => {
    expect(recognise(given).status).toBe(expected);
  });

  it('returns validUntil whenever the item is in the catalogue, and the mark only when recognised', () => {
    const recognised = recognise(input());
    expect(recognised).toMatchObject({ mark: '全国HR', validUntil: EXPIRY, item: WBC });
    const expired = recognise(input({ asOf: new Date('2026-05-01T00:00:00Z') }));
    expect(expired).toMatchObject({ mark: null, validUntil: EXPIRY });
    const own = recognise(input({ atHospitalId: 'dh-district' }));
    expect(own.validUntil).toEqual(EXPIRY);
    const outside = recognise(input({ item: undefined }));
    expect(outside).toMatchObject({ validUntil: null, item: null, mark: null });
  });

  it('gives a plain-words reason for every status', () => {
    for (const given of [input(), input({ item: undefined }), input({ qualifications: [] }), input({ asOf: new Date('2026-05-01T00:00:00Z') })]) {
      expect(recognise(given).reason).toMatch(/^[A-Z][^\n]+\.$/);
    }
  });
});
