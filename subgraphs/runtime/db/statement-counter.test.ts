import { countStatements, requestsBeingCounted, StatementCountingLogger, totalStatements } from './statement-counter';

const logger = new StatementCountingLogger();
const statement = () => logger.logQuery('SELECT 1');
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('countStatements', () => {
  it('counts the statements of its own work only, across awaits', async () => {
    const before = totalStatements();
    statement();
    const { tally, result } = countStatements(async () => {
      statement();
      await tick();
      statement();
      return 'done';
    });
    statement();
    await expect(result).resolves.toBe('done');
    expect(tally.count).toBe(2);
    expect(totalStatements() - before).toBe(4);
  });

  it('keeps counting a request after another counted request ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const long = countStatements(async () => {
      statement();
      await held;
      statement();
    });
    const short = countStatements(async () => statement());
    await short.result;
    expect(requestsBeingCounted()).toBe(1);
    release();
    await long.result;
    expect([short.tally.count, long.tally.count]).toEqual([1, 2]);
  });

  it('leaves nothing open once the last counted request ends, also when it fails', async () => {
    const failing = countStatements(async () => {
      statement();
      throw new Error('query failed');
    });
    await expect(failing.result).rejects.toThrow('query failed');
    expect(failing.tally.count).toBe(1);
    const thrown = countStatements(() => {
      throw new Error('before any promise');
    });
    expect(requestsBeingCounted()).toBe(1);
    await expect(thrown.result).rejects.toThrow('before any promise');
    expect(requestsBeingCounted()).toBe(0);
  });
});
