// The page stays responsive: its statistics are computed in a worker (the demo's first view
// comes with the site; without the worker the page says so and shows no stale numbers),
// exports wait for the results of the latest choice, several files are read by a pool of
// loading workers with the numbers one worker gives, and a failure of the browser is said.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, expectReady, download, parseCsv, MATH500_BASE, MATH500_RL } from './fixtures';

const BASE = 'qwen2.5-7b-base';
const RL = 'qwen2.5-7b-simplerl-zoo';

/** The MATH500 pair's published Δ_SE (pass@128 of the base − pass@1 of SimpleRL-Zoo). */
async function expectPublishedDeltaSe(page: import('@playwright/test').Page) {
  const delta = page.locator(`[data-testid="delta-se"][data-model="${RL}"]`);
  await expect(delta).toHaveAttribute('data-k', '128');
  expect(Math.abs(Number(await delta.getAttribute('data-value')) - (0.962 - 0.779328125))).toBeLessThanOrEqual(1e-12);
}

test('the statistics are computed in a worker, and a change is of the change once ready', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('./');
  await expectReady(page);
  // One statistics worker (the workers' wasm in its `stats` role) for the page's whole life.
  expect(workers.filter((u) => u.includes('role=stats'))).toHaveLength(1);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await expectPublishedDeltaSe(page);
  // Swapping the base: the status leaves `ready` until the worker answers, then the comparison
  // is the other way round.
  await page.getByTestId('base-model').selectOption(RL);
  await expectReady(page);
  await expect(page.locator(`[data-testid="delta-se"][data-model="${BASE}"]`)).toHaveCount(1);
  await expect(page.getByTestId('computing')).toHaveText('');
  // An export asked for right after a change is of the change.
  await page.getByTestId('k-select').fill('4');
  await page.getByTestId('k-select').dispatchEvent('change');
  const rows = parseCsv((await download(page, 'export-coverage-csv')).text);
  expect(new Set(rows.map((r) => r.k))).toEqual(new Set(['4']));
});

test('the demo’s first view needs no worker; when the statistics worker cannot run, the page says so', async ({ page }) => {
  await page.route('**/ingest-worker.js*role=stats*', (route) => route.fulfill({ status: 404 }));
  await page.goto('./');
  await expectReady(page);
  // The demo's published numbers (the same pair under the names its counts file gives), from
  // the statistics computed when the site was built.
  const delta = page.locator('[data-testid="delta-se"][data-model="SimpleRL-Zoo-7B"]');
  await expect(delta).toHaveAttribute('data-k', '128');
  expect(Math.abs(Number(await delta.getAttribute('data-value')) - (0.962 - 0.779328125))).toBeLessThanOrEqual(1e-12);
  const region = (name: string) => page.locator(`[data-testid="coverage-region"][data-region="${name}"]`);
  await expect(region('Qwen2.5-7B')).toHaveAttribute('data-value', '19');
  await expect(region('SimpleRL-Zoo-7B')).toHaveAttribute('data-value', '3');
  await expect(page.getByTestId('page-notice')).toContainText('The statistics cannot be computed in this browser');
  // New files get no stale numbers: no results at all, and the notice says why.
  await page.getByTestId('file-input').setInputFiles([MATH500_RL]);
  await expectReady(page);
  await expect(page.locator('[data-testid="delta-se"]')).toHaveCount(0);
  await expect(page.getByTestId('passk-table').locator('tbody tr')).toHaveCount(0);
});

// Four small paper-format files (different models by name, each problem's samples correct when
// (i + model) mod 3 = 0).
const tmp = path.join(os.tmpdir(), 'passk-lens-e2e');
fs.mkdirSync(tmp, { recursive: true });
function modelFile(m: number): string {
  const file = path.join(tmp, `pool-model-${m}.jsonl`);
  const lines = Array.from({ length: 200 }, (_, idx) => {
    const score = Array.from({ length: 16 }, (_, i) => (i * (idx + 1) + m) % 3 === 0);
    return JSON.stringify({ idx, score });
  });
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('several files load on a pool of workers, with the numbers one worker gives', async ({ page, browser }) => {
  const files = [0, 1, 2, 3].map(modelFile);
  const loading: string[] = [];
  page.on('worker', (w) => w.url().includes('ingest-worker.js') && !w.url().includes('role=stats') && loading.push(w.url()));
  await page.goto('./');
  await expectReady(page);
  const cores: number = await page.evaluate(() => navigator.hardwareConcurrency);
  // One spare loading worker waits once the demo shows.
  await expect.poll(() => loading.length).toBe(1);
  await page.getByTestId('file-input').setInputFiles(files);
  await expectReady(page);
  // The spare and one new worker per further share (one per core, at most four), then a new
  // spare for the next load.
  const pool = Math.min(cores, 4);
  await expect.poll(() => loading.length).toBe(pool + 1);
  await expect(page.getByTestId('file-report')).toHaveCount(4);
  const pooled = (await download(page, 'export-passk-csv')).text;

  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const one = await context.newPage();
  await one.goto('./?workers=1');
  await expectReady(one);
  await one.getByTestId('file-input').setInputFiles(files);
  await expectReady(one);
  expect((await download(one, 'export-passk-csv')).text).toBe(pooled);
  await context.close();
  // Model 0's pass@1, by hand: the share of (problem, sample) pairs with i·(idx + 1) ≡ 0 mod 3.
  let correct = 0;
  for (let idx = 0; idx < 200; idx++) for (let i = 0; i < 16; i++) correct += (i * (idx + 1)) % 3 === 0 ? 1 : 0;
  const row = parseCsv(pooled).find((r) => r.model === 'pool-model-0' && r.k === '1')!;
  expect(Math.abs(Number(row.pass_at_k) - correct / 3200)).toBeLessThan(1e-12);
});

test('a failure of the browser edge is said on the page, not only in the console', async ({ page }) => {
  // A browser whose canvases give no image (as when memory runs out).
  await page.addInitScript(() => {
    HTMLCanvasElement.prototype.toBlob = function (callback: BlobCallback) {
      setTimeout(() => callback(null), 0);
    };
  });
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('./');
  await expectReady(page);
  await expect(page.getByTestId('page-notice')).toHaveCount(0);
  await page.getByTestId('chart-passk').locator('..').getByTestId('export-png').click();
  await expect(page.getByTestId('page-notice')).toHaveText(/^PNG export: the browser refused: the canvas gave no image\./);
  expect(warnings.some((w) => w.includes('the canvas gave no image'))).toBe(true);
  await page.getByTestId('page-notice').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('page-notice')).toHaveCount(0);
});
