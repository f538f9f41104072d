import { ceilingSentence, listOf, nodeEnvSentence, percentPhrase, rankPhrase } from './sentences';

describe('report sentences', () => {
  it.each<[number, number[], string]>([
    [0.3, [0.9, 1.4, 1.3], 'the lowest of the four'],
    [1.0, [0.9, 1.4, 1.3], 'the second lowest of the four'],
    [1.35, [0.9, 1.4, 1.3], 'the third lowest of the four'],
    [1.5, [0.9, 1.4, 1.3], 'the highest of the four'],
    [0.9, [0.9, 1.4], 'tied lowest of the three'],
    [1.4, [0.9, 1.4], 'tied highest of the three'],
    [1, [NaN, 2], 'the lowest of the two'],
    [NaN, [1, 2], 'not measured'],
  ])('ranks %s among %j as "%s"', (value, others, phrase) => {
    expect(rankPhrase(value, others)).toBe(phrase);
  });

  it.each<[number, number, string]>([
    [0.75, 1, 'about 25 % below'],
    [1.1, 1, 'about 10 % above'],
    [1.004, 1, 'about the same as'],
    [1, 0, 'not comparable with'],
  ])('compares %s with %s as "%s"', (a, b, phrase) => {
    expect(percentPhrase(a, b)).toBe(phrase);
  });

  it.each<[number, number[], string]>([
    [1000, [900, 950], 'In this run no gateway reached the ceiling.'],
    [1000, [1000, 950], 'In this run a reached the ceiling.'],
    [1000, [1200, 1001], 'In this run a and b reached the ceiling.'],
    [NaN, [1, 2], 'No figure to compare with the ceiling in this run.'],
  ])('says which of %j reached %s', (ceiling, values, sentence) => {
    expect(
      ceilingSentence(
        ceiling,
        values.map((value, i) => ({ label: 'ab'[i], value })),
        'the ceiling',
      ),
    ).toBe(sentence);
  });

  it('lists items in prose', () => {
    expect(listOf(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it.each<[string | undefined, string]>([
    ['production', 'runs with `NODE_ENV=production`, as the image runs it'],
    [undefined, 'ran with NODE_ENV unset, not as the image runs it'],
    ['development', 'ran with NODE_ENV `development`, not as the image runs it'],
  ])('says which NODE_ENV the processes ran with (%s)', (nodeEnv, phrase) => {
    expect(nodeEnvSentence(nodeEnv)).toContain(phrase);
  });
});
