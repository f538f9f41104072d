import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startRealAlliance, type RealAlliance } from './support/real-alliance';

/**
 * GraphiQL as a new user meets it after `npm start`: the printed address carries the dev
 * token in its fragment, the page opens with the schema loaded and a first query that runs;
 * without a token it says what to do instead of showing a 401.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = path.resolve(__dirname, '../../test-output/graphiql');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Page functions run in the browser; the test program is compiled without the DOM library. */
declare const document: any;

let stack: RealAlliance;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install the "chromium" package (.ci/run does).`);
  fs.mkdirSync(OUTPUT, { recursive: true });
  stack = await startRealAlliance({ running: ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'], env: { MEDALLIANCE_INTROSPECTION: 'true' } });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'medalliance-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 900 } });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (r) => requests.push(r.url()));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await stack?.stop();
});

const resultText = () => page.evaluate(() => document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? '');

describe('GraphiQL for a new user', () => {
  it('opens ready to run from the printed address: token taken from the fragment, first query answers', async () => {
    const token = (await stack.headers('clinician', 'dh-lead')).authorization.replace(/^Bearer /, '');
    await page.goto(`${stack.base}/graphql#token=${token}`);
    // the schema loaded: the documentation explorer lists the root types
    await page.click('button[aria-label="Show Documentation Explorer"]');
    await page.waitForSelector('.graphiql-doc-explorer-root-type', { timeout: 30_000 });
    expect(page.url()).not.toContain('token=');
    // the token never travelled in an address
    expect(requests.some((u) => u.includes(token))).toBe(false);

    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => /"patient"/.test(document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? ''), undefined, {
      timeout: 30_000,
    });
    const answer = JSON.parse(await resultText());
    expect(answer.errors).toBeUndefined();
    expect(answer.data.patient.records.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer)).toMatch(/"status": ?"(RECOGNIZED|EXPIRED|NOT_IN_CATALOG|LAB_NOT_QUALIFIED|OWN_RESULT|NOT_FINAL)"/);
    await page.screenshot({ path: path.join(OUTPUT, 'graphiql.png') });
  });

  it('without a token says which header to fill and how to get a token, and sends nothing', async () => {
    const context2 = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'medalliance-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
    });
    try {
      const fresh = context2.pages()[0] ?? (await context2.newPage());
      const sent: string[] = [];
      fresh.on('request', (r) => {
        if (r.method() === 'POST') sent.push(r.url());
      });
      await fresh.goto(`${stack.base}/graphql`);
      await fresh.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
      await fresh.click('.graphiql-execute-button');
      await fresh.waitForFunction(() => /No token yet/.test(document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? ''), undefined, {
        timeout: 30_000,
      });
      const shown = await fresh.evaluate(() => document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue() as string);
      expect(shown).toContain('Headers');
      expect(shown).toContain('npx medalliance token');
      expect(sent).toEqual([]);
    } finally {
      await context2.close();
    }
  });
});
