import { mergeRefusal } from './merge-patients';

describe('mergeRefusal', () => {
  it.each<[string, string[], string[], boolean]>([
    ['neither has a national id', [], [], false],
    ['only the survivor has one', ['h1'], [], false],
    ['only the merged entry has one', [], ['h1'], false],
    ['both have the same one', ['h1'], ['h1'], false],
    ['they differ', ['h1'], ['h2'], true],
    ['the merged entry has one more', ['h1'], ['h1', 'h2'], true],
  ])('%s', (_name, survivor, merged, refused) => {
    expect(mergeRefusal(new Set(survivor), new Set(merged)) !== null).toBe(refused);
  });
});
