import { exactFigures, withholdSmallCells } from './deidentify-stats';

const privacy = { minCell: 10, timeZone: 'Asia/Shanghai' };

describe('withholding small cells of alliance figures', () => {
  it('nulls each figure from a small group and marks the object', () => {
    const figures = { referralsUpward: 167, referralsLateral: 3, medianResponseMinutes: 42.5, estimatedSavingsYuan: 478, other: 'kept' };
    expect(withholdSmallCells(figures, { referralsUpward: 167, referralsLateral: 3, medianResponseMinutes: 4, estimatedSavingsYuan: 12 }, privacy)).toEqual({
      referralsUpward: 167,
      referralsLateral: null,
      medianResponseMinutes: null,
      estimatedSavingsYuan: 478,
      other: 'kept',
      suppressed: true,
    });
  });

  it('shows zeros and large groups unmarked', () => {
    expect(withholdSmallCells({ retests: 0, resultsReused: 10 }, { retests: 0, resultsReused: 10 }, privacy)).toEqual({ retests: 0, resultsReused: 10, suppressed: false });
  });

  it('gives exact figures to callers who may see them', () => {
    expect(exactFigures({ referralsLateral: 3 })).toEqual({ referralsLateral: 3, suppressed: false });
  });
});
