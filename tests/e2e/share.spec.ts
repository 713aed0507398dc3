// Share links: the view and the counts travel in the URL fragment (deflated, checksummed,
// versioned). Opened in a fresh browser context — no files, no storage — a link reproduces the
// same passk.csv and view; a hostile fragment is a clear message and loads nothing.
import * as zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import {
  test, expect, expectReady, download, screenshot, screenshotOf, MATH500_BASE, MATH500_RL,
} from './fixtures';

/** Loads the MATH500 pair and sets a view that differs from every default. */
async function setUpView(page: Page) {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await page.getByTestId('k-select').fill('16');
  await page.getByTestId('k-select').dispatchEvent('change');
  await page.getByTestId('base-model').selectOption('qwen2.5-7b-simplerl-zoo');
  await page.getByTestId('toggle-log-x').uncheck();
  await page.getByTestId('legend-toggle').nth(0).uncheck();
}

/** What a view shows: the controls a link must restore. */
async function viewOf(page: Page) {
  return {
    k: await page.getByTestId('k-select').inputValue(),
    base: await page.getByTestId('base-model').inputValue(),
    logX: await page.getByTestId('toggle-log-x').isChecked(),
    hat: await page.getByTestId('toggle-pass-hat').isChecked(),
    legend: await page.getByTestId('legend-toggle').evaluateAll((boxes) =>
      boxes.map((b) => (b as HTMLInputElement).checked)),
  };
}

test('a share link reopens the same view and passk.csv in a fresh browser', async ({ page, browser }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await setUpView(page);
  const view = await viewOf(page);
  expect(view).toEqual({ k: '16', base: 'qwen2.5-7b-simplerl-zoo', logX: false, hat: false, legend: [false, true] });
  const csv = (await download(page, 'export-passk-csv')).text;

  await page.getByTestId('share-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url.startsWith(page.url().split('#')[0] + '#1.')).toBe(true);
  const fragment = url.split('#')[1];
  // The MATH500 pair (2 models × 500 problems × 128 samples) fits in 4 KB.
  expect(fragment.length).toBeLessThanOrEqual(4096);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(page.locator('.share-box')).toContainText('Copied to the clipboard');
  await screenshotOf(page.locator('header'), 'share-link');

  // A fresh context: nothing of the first page (files, storage) is there.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  const requests: string[] = [];
  fresh.on('request', (r) => requests.push(r.url()));
  await fresh.goto(url);
  await expectReady(fresh);
  await expect(fresh.getByTestId('demo-badge')).toHaveCount(0);
  await expect(fresh.getByTestId('load-status')).toContainText('share link');
  expect(await viewOf(fresh)).toEqual(view);
  expect((await download(fresh, 'export-passk-csv')).text).toBe(csv);
  // Opening a link fetches no data: not the demo, nothing with the fragment.
  expect(requests.filter((r) => r.includes('demo/'))).toEqual([]);
  expect(requests.filter((r) => r.includes(fragment.slice(2, 40)))).toEqual([]);
  await screenshot(fresh, 'share-opened');

  // A second link pasted into the same tab (only the fragment changes) replaces the view.
  await fresh.getByTestId('toggle-pass-hat').check();
  await fresh.getByTestId('share-link').click();
  const second = await fresh.getByTestId('share-url').inputValue();
  expect(second).not.toBe(url);
  await page.evaluate((hash) => { location.hash = hash; }, second.split('#')[1]);
  await expect(page.getByTestId('toggle-pass-hat')).toBeChecked();
  await expect(page.getByTestId('load-status')).toContainText('share link');
  expect(errors).toEqual([]);
  await context.close();
});

/** FNV-1a 32 of bytes, as the page checks it. */
function fnv(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** A version-1 fragment around `payload`, made as the page makes it. */
function fragmentOf(payload: Buffer): string {
  return `1.${zlib.deflateRawSync(payload).toString('base64url')}.${fnv(payload)}`;
}

const GOOD = Buffer.from('passk-lens share 1\nview\t-\t-\t-\t0\t0\nb\tall\np\t0\t1\nm\tbase\t4\t1,2\n');

const HOSTILE: [string, string, RegExp][] = [
  ['truncated', fragmentOf(GOOD).slice(0, 30), /damaged|cut short/],
  ['random', 'q8Zr3-Lk_0aPzx7Yv1TnW2sEe', /not a passk-lens share link/],
  ['random data, valid shape', `1.${Buffer.from('random bytes that are not deflate at all').toString('base64url')}.00000000`, /damaged/],
  ['huge', `1.${'A'.repeat(2_000_000)}.00000000`, /damaged|checksum/],
  ['a deflate bomb', `1.${zlib.deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x61), { level: 9 }).toString('base64url')}.00000000`, /more than 16 MB/],
  ['wrong version', fragmentOf(GOOD).replace(/^1\./, '7.'), /another version/],
  ['script text', '<script>alert(1)</script>', /not a passk-lens share link/],
  ['script in the data', fragmentOf(Buffer.from('<script>alert(1)</script>')), /cannot be read/],
  ['checksum mismatch', fragmentOf(GOOD).replace(/.$/, (c) => (c === '0' ? '1' : '0')), /checksum/],
  ['c > n', fragmentOf(Buffer.from('passk-lens share 1\nview\t-\t-\t-\t0\t0\nb\tall\np\t0\nm\tbase\t4\t5\n')), /c = 5 of n = 4/],
];

for (const [what, fragment, message] of HOSTILE) {
  test(`a hostile fragment (${what}) is a clear message and loads nothing`, async ({ page }) => {
    page.on('dialog', (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
    await page.goto(`./#${fragment}`);
    await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'error');
    await expect(page.getByTestId('load-notice')).toContainText(message);
    await expect(page.getByTestId('load-status')).toContainText('Nothing loaded');
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    await expect(page.getByTestId('file-report')).toHaveCount(0);
    await expect(page.getByTestId('passk-table').locator('tbody tr')).toHaveCount(0);
    if (what === 'script text') await screenshotOf(page.locator('section.load'), 'share-hostile');
    // The page is alive: a good file still loads.
    await page.getByTestId('file-input').setInputFiles([MATH500_BASE]);
    await expectReady(page);
  });
}

test('the good fragment the hostile ones are made from opens', async ({ page }) => {
  await page.goto(`./#${fragmentOf(GOOD)}`);
  await expectReady(page);
  await expect(page.getByTestId('passk-table').locator('tbody tr')).toHaveCount(1);
});
