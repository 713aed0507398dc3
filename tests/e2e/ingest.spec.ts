// Loading at scale and in every shape: a big file streams through the worker with a progress bar
// while the page stays usable, and can be cancelled; a file whose schema is not recognised is
// read through the field-mapping panel (the real Tree-of-Thoughts CoT log); evalplus results
// with their base / plus choice; the decompression cap; every skipped line downloadable.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { test, expect, expectReady, download, parseCsv, passAt, screenshot, screenshotOf, shared } from './fixtures';

const TOT_COT = shared('tot-game24-gpt4/gpt-4_0.7_naive_cot_sample_100_start900_end1000.json');
const TOT_IO = shared('tot-game24-gpt4/gpt-4_0.7_naive_standard_sample_100_start900_end1000.json');

// Generated files are kept between runs (the big ones take seconds to write); tests may run in
// several worker processes, so none of them removes the directory.
const tmp = path.join(os.tmpdir(), 'passk-lens-e2e');
fs.mkdirSync(tmp, { recursive: true });

const samples = 64;
const code = `[${Array(samples).fill(JSON.stringify('Let me think step by step. '.repeat(36))).join(', ')}]`;

/** Line `idx` of a paper-format file: one problem, its responses and a score list. */
function paperLine(idx: number): string {
  const score = Array.from({ length: samples }, (_, i) => (i * 7 + idx) % 5 === 0);
  return `{"idx": ${idx}, "question": "q${idx}", "code": ${code}, "score": ${JSON.stringify(score)}}\n`;
}

/** A paper-format file of about `mb` MB. */
function paperFile(name: string, mb: number): string {
  const file = path.join(tmp, name);
  if (fs.existsSync(file)) return file;
  const partial = `${file}.${process.pid}.part`;
  const fd = fs.openSync(partial, 'w');
  let written = 0;
  for (let idx = 0; written < mb * 1e6; idx++) {
    written += fs.writeSync(fd, paperLine(idx));
  }
  fs.closeSync(fd);
  fs.renameSync(partial, file);
  return file;
}

/** The same, gzipped while written (`mb` MB decompressed, a few MB on disk). */
async function paperGz(name: string, mb: number): Promise<string> {
  const file = path.join(tmp, name);
  if (fs.existsSync(file)) return file;
  const partial = `${file}.${process.pid}.part`;
  const gzip = zlib.createGzip({ level: 1 });
  const written = pipeline(gzip, fs.createWriteStream(partial));
  let bytes = 0;
  for (let idx = 0; bytes < mb * 1e6; idx++) {
    const line = paperLine(idx);
    bytes += line.length;
    if (!gzip.write(line)) await once(gzip, 'drain');
  }
  gzip.end();
  await written;
  fs.renameSync(partial, file);
  return file;
}

test('a big file streams with a progress bar, the page stays usable, and cancel keeps the data', async ({ page }) => {
  // Gzipped, 3 GB when read: the load must outlast the steps before Cancel (a plain 700 MB
  // file now loads in about a second), and a .gz load is cancelled like any other.
  test.setTimeout(120_000);
  const big = await paperGz('big-paper-format-3gb.jsonl.gz', 3000);
  await page.goto('./');
  await expectReady(page);
  await expect(page.getByTestId('demo-badge')).toBeVisible();

  await page.getByTestId('file-input').setInputFiles(big);
  const progress = page.getByTestId('progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'loading');
  // The total starts as the file's size and becomes the size its gzip trailer records.
  await expect.poll(async () => Number(await progress.getAttribute('max'))).toBeGreaterThan(2.9e9);
  // Bytes arrive while the main thread keeps answering: the theme still toggles.
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('.progress-text')).toContainText(/of 3\d{3} MB · \d+ MB\/s · about \d+ s left/);
  await screenshotOf(page.locator('section.panel.load'), 'load-in-progress');

  await page.getByTestId('cancel-load').click();
  await expect(progress).toHaveCount(0);
  await expectReady(page);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('load-notice')).toContainText('Load cancelled');
  await expect(page.getByTestId('file-report')).toHaveCount(1);
});

test('a big file loads completely in the worker with every line accounted for', async ({ page }) => {
  const file = paperFile('medium-paper-format.jsonl', 120);
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).length;
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(file);
  await expectReady(page);
  const report = page.getByTestId('file-report');
  await expect(report).toHaveAttribute('data-lines', String(lines));
  await expect(report).toHaveAttribute('data-used', String(lines));
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  // Every problem has 64 samples of which those with (i·7 + idx) mod 5 = 0 are correct.
  let expected = 0;
  for (let idx = 0; idx < lines; idx++) {
    expected += Array.from({ length: 64 }, (_, i) => (i * 7 + idx) % 5 === 0).filter(Boolean).length / 64;
  }
  expect(passAt(rows, 'medium-paper-format', 1)).toBeCloseTo(expected / lines, 12);
});

test('a load takes the worker readied when the previous load ended, and leaves a new one', async ({ page }) => {
  // Loading workers only (the statistics worker runs for the page's whole life).
  const loading = (w: import('@playwright/test').Worker) => w.url().includes('ingest-worker.js') && !w.url().includes('role=stats');
  const started: import('@playwright/test').Worker[] = [];
  page.on('worker', (w) => loading(w) && started.push(w));
  const running = () => page.workers().filter(loading);
  await page.goto('./');
  await expectReady(page);
  // The demo opens without a loading worker (it is a built-in link); one spare then waits for
  // the next load.
  await expect.poll(() => started.length).toBe(1);
  await expect.poll(() => running().length).toBe(1);
  const spare = started[0];
  expect(running()[0]).toBe(spare);
  const closed = new Promise((resolve) => spare.on('close', resolve));
  await page.getByTestId('file-input').setInputFiles(paperFile('small-paper-format.jsonl', 2));
  await expectReady(page);
  await expect(page.getByTestId('file-report')).toHaveAttribute('data-used', /^[1-9]/);
  // The spare read the file (and was terminated); a fresh spare took its place.
  await closed;
  await expect.poll(() => running().length).toBe(1);
  expect(started).toHaveLength(2);
  expect(running()[0]).toBe(started[1]);
});

test('a spare worker that failed to start is replaced when a load needs it', async ({ page }) => {
  let requests = 0;
  // The first worker's script (the spare started once the demo shows) fails.
  await page.route('**/ingest-worker.js*', (route) => (++requests === 1 ? route.fulfill({ status: 404 }) : route.continue()));
  const failed = page.waitForResponse((r) => r.url().includes('ingest-worker.js') && r.status() === 404);
  await page.goto('./');
  await expectReady(page);
  await failed;
  // The worker's error event follows its script's 404 (nothing on the page shows it).
  await page.waitForTimeout(300);
  await page.getByTestId('file-input').setInputFiles(paperFile('small-paper-format.jsonl', 2));
  await expectReady(page);
  await expect(page.getByTestId('file-report')).toHaveAttribute('data-used', /^[1-9]/);
  expect(requests).toBeGreaterThanOrEqual(2);
});

test('the ToT CoT log is read through the field-mapping panel and gives the published numbers', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(TOT_COT);
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'error');
  const panel = page.getByTestId('mapping-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('"infos"');
  for (const id of ['mapping-id', 'mapping-correct', 'mapping-model', 'mapping-benchmark']) {
    await expect(panel.getByTestId(id).locator('option[value="infos[].r"]')).toHaveCount(1);
  }
  // The guess is already right; choose it explicitly as a user would.
  await expect(panel.getByTestId('mapping-correct')).toHaveValue('infos[].r');
  await panel.getByTestId('mapping-id').selectOption('idx');
  await panel.getByTestId('mapping-correct').selectOption('infos[].r');
  await screenshotOf(page.locator('section.panel.load'), 'mapping-panel');
  await panel.getByTestId('mapping-apply').click();
  await expectReady(page);
  await expect(page.getByTestId('mapping-panel')).toHaveCount(0);
  await expect(page.getByTestId('file-report')).toHaveAttribute('data-used', '100');

  // Add the IO log (recognised: `accs`). CoT is the first model, hence the base.
  await page.getByTestId('file-input').setInputFiles(TOT_IO);
  await expectReady(page);
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  const cot = 'gpt-4_0.7_naive_cot_sample_100_start900_end1000';
  const io = 'gpt-4_0.7_naive_standard_sample_100_start900_end1000';
  // Published (ToT paper, Table 2): CoT 4.0 % (0.0403) and IO 7.3 % (0.0734); best of 100: 49 % and 33 %.
  expect(passAt(rows, cot, 1)).toBeCloseTo(0.0403, 12);
  expect(passAt(rows, cot, 100)).toBeCloseTo(0.49, 12);
  expect(passAt(rows, io, 1)).toBeCloseTo(0.0734, 12);
  expect(passAt(rows, io, 100)).toBeCloseTo(0.33, 12);
  // The curves cross between k = 4 and k = 8.
  const k = Number(await page.getByTestId('crossover-k').getAttribute('data-value'));
  expect(k).toBeGreaterThan(4);
  expect(k).toBeLessThanOrEqual(8);
});

const EVALPLUS = {
  date: '2024-05-01 10:00',
  eval: {
    'HumanEval/0': [
      { task_id: 'HumanEval/0', solution: 'a', base_status: 'pass', plus_status: 'pass' },
      { task_id: 'HumanEval/0', solution: 'b', base_status: 'pass', plus_status: 'fail' },
    ],
    'HumanEval/1': [
      { task_id: 'HumanEval/1', solution: 'c', base_status: 'pass', plus_status: 'fail' },
      { task_id: 'HumanEval/1', solution: 'd', base_status: 'fail', plus_status: 'fail' },
    ],
  },
};

test('evalplus results are read with base + plus tests, or base tests on request', async ({ page }) => {
  const file = path.join(tmp, 'eval_results.json');
  fs.writeFileSync(file, JSON.stringify(EVALPLUS));
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(file);
  await expectReady(page);
  const report = page.getByTestId('file-report');
  await expect(report).toHaveAttribute('data-used', '2');
  await expect(report).toContainText('2 tasks');
  await expect(report.getByTestId('evalplus-tests')).toHaveValue('plus');
  let rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(passAt(rows, 'eval_results', 1)).toBe((0.5 + 0) / 2);
  await report.getByTestId('evalplus-tests').selectOption('base');
  await expect(page.getByTestId('file-report').getByTestId('evalplus-tests')).toHaveValue('base');
  await expectReady(page);
  rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(passAt(rows, 'eval_results', 1)).toBe((1 + 0.5) / 2);
});

test('a .gz stops at the decompression cap the user set, saying so', async ({ page }) => {
  const lines = Array.from({ length: 40000 }, (_, i) => JSON.stringify({ idx: i, score: [i % 2 === 0, true] }));
  const file = path.join(tmp, 'capped.jsonl.gz');
  fs.writeFileSync(file, zlib.gzipSync(lines.join('\n') + '\n'));
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('decompress-cap').fill('1');
  await page.getByTestId('decompress-cap').dispatchEvent('change');
  await page.getByTestId('file-input').setInputFiles(file);
  await expectReady(page);
  const report = page.getByTestId('file-report');
  await expect(report).toContainText('Stopped at the decompression cap');
  const used = Number(await report.getAttribute('data-used'));
  expect(used).toBeGreaterThan(1000);
  expect(used).toBeLessThan(40000);
});

test('the first 100 skipped lines are listed and all of them download with their numbers', async ({ page }) => {
  const lines = ['{"idx": 0, "score": [true]}', ...Array.from({ length: 150 }, (_, i) => `{"idx": ${i + 1}, "oops": ${i}}`)];
  const file = path.join(tmp, 'many-bad.jsonl');
  fs.writeFileSync(file, lines.join('\n'));
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(file);
  await expectReady(page);
  const report = page.getByTestId('file-report');
  await expect(report).toHaveAttribute('data-skipped', '150');
  // The first 100 are listed; consecutive lines with one reason share an entry.
  await expect(report.locator('ul.skips li')).toHaveCount(1);
  await expect(report.locator('ul.skips li')).toContainText('lines 2–101: no result');
  await expect(report).toContainText('… and 50 more skipped lines.');
  const csv = await download(page, 'download-skipped');
  expect(csv.name).toBe('many-bad-skipped.csv');
  const rows = parseCsv(csv.text);
  expect(rows).toHaveLength(150);
  expect(rows.map((r) => Number(r.line))).toEqual(Array.from({ length: 150 }, (_, i) => i + 2));
  // Reasons holding commas are quoted (RFC 4180).
  expect(rows[0].reason).toMatch(/^"no result \(expected a list/);
});
