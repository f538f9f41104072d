import { matchPatient, type MatchDecision, type MatchFacts } from './match-patient';

const link = (mpiId: string, nationalIdHash: string | null = null) => ({ mpiId, nationalIdHash });

describe('matchPatient', () => {
  it.each<[string, MatchFacts, MatchDecision]>([
    ['no national id, chart unknown: a new person', { existingLink: null, nationalIdHash: null, personWithNationalId: null }, { match: 'NEW_PERSON' }],
    ['a national id nobody holds: a new person', { existingLink: null, nationalIdHash: 'h1', personWithNationalId: null }, { match: 'NEW_PERSON' }],
    ['a national id another chart holds: that person', { existingLink: null, nationalIdHash: 'h1', personWithNationalId: 'MPI-1' }, { match: 'NATIONAL_ID', mpiId: 'MPI-1' }],
    [
      'the same chart again without a national id',
      { existingLink: link('MPI-2', 'h1'), nationalIdHash: null, personWithNationalId: null },
      { match: 'ALREADY_LINKED', mpiId: 'MPI-2', recordNationalId: false },
    ],
    [
      'the same chart again with the same national id',
      { existingLink: link('MPI-2', 'h1'), nationalIdHash: 'h1', personWithNationalId: 'MPI-2' },
      { match: 'ALREADY_LINKED', mpiId: 'MPI-2', recordNationalId: false },
    ],
    [
      'the same chart, its national id learnt now',
      { existingLink: link('MPI-2'), nationalIdHash: 'h1', personWithNationalId: null },
      { match: 'ALREADY_LINKED', mpiId: 'MPI-2', recordNationalId: true },
    ],
    [
      'the same chart with a different national id',
      { existingLink: link('MPI-2', 'h1'), nationalIdHash: 'h2', personWithNationalId: null },
      { refused: 'This chart is already linked with a different national id; an admin unlinks it first.' },
    ],
    [
      'the same chart, its national id learnt now, held by another person',
      { existingLink: link('MPI-2'), nationalIdHash: 'h1', personWithNationalId: 'MPI-3' },
      { refused: 'This national id belongs to another person in the index; an admin merges the two first.' },
    ],
  ])('%s', (_name, facts, decision) => {
    expect(matchPatient(facts)).toEqual(decision);
  });
});
