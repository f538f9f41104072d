import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { postGraphQL } from '../support/graphql-client';
import { startRealAlliance, type RealAlliance } from '../gateway/support/real-alliance';

/**
 * The regional dashboard in real headless Chromium against the real stack (alliance,
 * four members, gateway as processes): the figures on the page are the GraphQL answer's,
 * and a member that goes down is named in a banner while the rest still renders.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = path.resolve(__dirname, '../../test-output/dashboard');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const STATS_QUERY = `query ($from: DateTime, $to: DateTime) {
  allianceStats(from: $from, to: $to) {
    from to referralsUpward referralsDownward referralsLateral greenChannelReferrals medianResponseMinutes
    expertsDispatched dispatchDays staffTrained resultsReused retests estimatedSavingsYuan
    retestsByReason { reason count }
    series(bucket: MONTH) { referralsUpward referralsDownward }
    byHospital { hospital { id } referralsSent referralsReceived expertsReceived staffTrained resultsReused }
  }
  ct: sharedResources(kind: CT, availableOnly: true) { hospitalId id availableSlots(first: 200) { start } }
  mri: sharedResources(kind: MRI, availableOnly: true) { hospitalId id availableSlots(first: 200) { start } }
}`;

const FIGURES = [
  'referralsUpward',
  'referralsDownward',
  'referralsLateral',
  'greenChannelReferrals',
  'medianResponseMinutes',
  'expertsDispatched',
  'dispatchDays',
  'staffTrained',
  'resultsReused',
  'retests',
  'estimatedSavingsYuan',
];

/** Page functions run in the browser; the test program is compiled without the DOM library. */
declare const document: any;

let stack: RealAlliance;
let context: BrowserContext;
let page: Page;
let dashboardHeaders: Record<string, string>;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install the "chromium" package (.ci/run does).`);
  fs.mkdirSync(OUTPUT, { recursive: true });
  stack = await startRealAlliance({ running: ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'] });
  dashboardHeaders = await stack.headers('dashboard');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'medalliance-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1440, height: 1800 } });
  page = context.pages()[0] ?? (await context.newPage());
}, 120_000);

afterAll(async () => {
  await context?.close();
  await stack?.stop();
});

/** Waits for the page's own signal that the answer is rendered (or that it failed). */
async function openDashboard(): Promise<void> {
  const token = dashboardHeaders.authorization.replace(/^Bearer /, '');
  await page.goto(`${stack.base}/dashboard#token=${token}`);
  await page.waitForFunction(() => document.body.dataset.state === 'ready' || document.body.dataset.state === 'error', undefined, { timeout: 30_000 });
  expect(await page.evaluate(() => [document.body.dataset.state, document.getElementById('status')!.textContent])).toEqual(['ready', expect.any(String)]);
}

/** The same question the page asked, for the window the page shows. */
async function graphqlAnswer() {
  const from = await page.getAttribute('#window-from', 'data-iso');
  const to = await page.getAttribute('#window-to', 'data-iso');
  return (await postGraphQL(stack.gateway.url, STATS_QUERY, { from, to }, dashboardHeaders)).body as { data: any; errors?: any[] };
}

const figureOnPage = (name: string) =>
  page.evaluate((n) => {
    const el = document.querySelector(`[data-figure="${n}"]`);
    return { value: el.dataset.value ?? '', text: el.textContent ?? '' };
  }, name);

function freeSlots(resources: { availableSlots: unknown[] }[] | null | undefined): number {
  return (resources ?? []).reduce((n, r) => n + r.availableSlots.length, 0);
}

describe('regional dashboard in headless Chromium', () => {
  it('shows the figures of the GraphQL answer, charts drawn, and saves a screenshot', async () => {
    await openDashboard();
    const answer = await graphqlAnswer();
    expect(answer.errors).toBeUndefined();
    const stats = answer.data.allianceStats;
    expect(stats.referralsUpward + stats.referralsDownward).toBeGreaterThan(0);

    for (const name of FIGURES) {
      const shown = await figureOnPage(name);
      const expected = stats[name];
      expect({ name, value: shown.value === '' ? null : Number(shown.value) }).toEqual({ name, value: expected });
      if (expected !== null && name !== 'medianResponseMinutes') expect(Number(shown.text.replace(/,/g, ''))).toBeCloseTo(expected, 1);
    }
    expect(Number((await figureOnPage('freeCtSlots')).value)).toBe(freeSlots(answer.data.ct));
    expect(Number((await figureOnPage('freeMriSlots')).value)).toBe(freeSlots(answer.data.mri));
    expect(freeSlots(answer.data.ct) + freeSlots(answer.data.mri)).toBeGreaterThan(0);

    const rows = await page.$$eval('#hospital-table tbody tr', (trs) =>
      trs.map((tr) => ({
        id: (tr as any).dataset.hospitalId,
        ...Object.fromEntries(
          [...tr.querySelectorAll('td[data-field]')].map((td) => [(td as any).dataset.field, (td as any).dataset.value === '' ? null : Number((td as any).dataset.value)]),
        ),
      })),
    );
    expect(rows).toEqual(stats.byHospital.map(({ hospital, ...figures }: { hospital: { id: string } }) => ({ id: hospital.id, ...figures })));

    const slotRows = await page.$$eval('#slot-table tbody tr', (trs) => trs.map((tr) => `${(tr as any).dataset.hospitalId}/${(tr as any).dataset.resourceId}`));
    expect(slotRows.sort()).toEqual([...answer.data.ct, ...answer.data.mri].map((r: { hospitalId: string; id: string }) => `${r.hospitalId}/${r.id}`).sort());

    // every chart drew into its container
    const drawn = await page.$$eval('.chart', (els) => els.map((el) => el.querySelector('canvas') !== null));
    expect(drawn).toEqual([true, true, true, true, true, true]);
    expect(await page.locator('#errors').isHidden()).toBe(true);
    // the token left the address bar for sessionStorage
    expect(page.url()).not.toContain('token=');

    await page.screenshot({ path: path.join(OUTPUT, 'dashboard.png'), fullPage: true });
  });

  it('names a member that is down in a banner and renders the rest', async () => {
    await stack.hospitals.get('dh-chc-hill')!.stop();
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'ready' || document.body.dataset.state === 'error', undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('ready');

    const banner = page.locator('#errors');
    expect(await banner.isVisible()).toBe(true);
    const item = banner.locator('li[data-hospital-id="dh-chc-hill"]');
    expect(await item.getAttribute('data-code')).toBe('MEMBER_UNAVAILABLE');
    expect(await item.textContent()).toContain('青山镇卫生院');

    const answer = await graphqlAnswer();
    expect(answer.errors!.map((e: { extensions: { code: string; hospitalId: string } }) => [e.extensions.code, e.extensions.hospitalId])).toContainEqual([
      'MEMBER_UNAVAILABLE',
      'dh-chc-hill',
    ]);
    for (const name of FIGURES) expect((await figureOnPage(name)).value).toBe(answer.data.allianceStats[name] === null ? '' : String(answer.data.allianceStats[name]));
    expect(Number((await figureOnPage('freeCtSlots')).value)).toBe(freeSlots(answer.data.ct));
    expect(await page.$$eval('#slot-table tbody tr[data-resource-id]', (trs) => trs.filter((tr) => (tr as any).dataset.hospitalId === 'dh-chc-hill').length)).toBe(0);
    expect(await page.locator('#slot-table tr.missing[data-hospital-id="dh-chc-hill"]').count()).toBe(1);

    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-member-down.png'), fullPage: true });
  });

  it('refuses a token that is not valid, with a message instead of figures', async () => {
    await page.goto(`${stack.base}/dashboard#token=not-a-token`);
    await page.waitForFunction(() => document.body.dataset.state === 'error', undefined, { timeout: 30_000 });
    expect(await page.textContent('#status')).toContain('令牌无效');
  });

  it('speaks Chinese by default, in plain words, and English at the press of a button', async () => {
    await openDashboard();
    const label = (figure: string) => page.textContent(`.kpi:has([data-figure="${figure}"]) .label`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await label('referralsUpward')).toBe('上转患者（人次）');
    expect(await label('resultsReused')).toBe('检查检验结果互认（项）');
    expect(await page.textContent('#hospital-table thead')).toContain('转出（人次）');
    // the median is read as hours and minutes, not as a decimal number of minutes
    const median = await figureOnPage('medianResponseMinutes');
    if (median.value !== '') expect(median.text).toMatch(/^\d+ 小时 \d+ 分$|^\d+ 分钟$/);
    // no engineering words on the page
    expect(await page.textContent('main')).not.toMatch(/exclusive|Window|Median/);
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-zh.png'), fullPage: true });

    await page.click('#language');
    await page.waitForFunction(() => document.documentElement.lang === 'en' && document.body.dataset.state === 'ready', undefined, { timeout: 30_000 });
    expect(await label('referralsUpward')).toBe('Patients referred up');
    expect(await page.textContent('#language')).toBe('中文');
    await page.screenshot({ path: path.join(OUTPUT, 'dashboard-en.png'), fullPage: true });

    // the choice is kept for the next visit; switching back restores Chinese
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'ready', undefined, { timeout: 30_000 });
    expect(await label('referralsUpward')).toBe('Patients referred up');
    await page.click('#language');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN', undefined, { timeout: 30_000 });
    expect(await label('referralsUpward')).toBe('上转患者（人次）');
  });
});
