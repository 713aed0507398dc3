// Slices: every view restricted to the problems in one bin of the base model's success rate
// (`slice-field` = base-rate; the hard frontier is base c = 0) or with one value of a field the
// files give (`level`); slices.csv as the command line writes it.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { test, expect, expectReady, download, parseCsv, passAt, screenshot, shared, MATH500_BASE, MATH500_RL, RLVR_EXAMPLE } from './fixtures';

const BASE = 'qwen2.5-7b-base';
const RL = 'qwen2.5-7b-simplerl-zoo';
const BIN = path.resolve(__dirname, '../../target/debug/passk-lens');

test('the hard frontier of the MATH500 pair: 19 problems, 3 of them solved by RL', async ({ page, browser }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await page.getByTestId('slice-field').selectOption('base-rate');
  await expectReady(page);
  await expect(page.getByTestId('slice-value')).toHaveValue('0');
  await expect(page.getByTestId('slice-note')).toHaveAttribute('data-count', '19');
  // Every view follows: passk.csv, Δ_SE (pass@128 of the base is 0 here), coverage at k = 128.
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(rows.every((r) => r.n_problems === '19')).toBe(true);
  expect(passAt(rows, BASE, 128)).toBe(0);
  expect(passAt(rows, RL, 128)).toBeCloseTo(3 / 19, 15);
  const region = (name: string) => page.locator(`[data-testid="coverage-region"][data-region="${name}"]`);
  await expect(region(RL)).toHaveAttribute('data-value', '3');
  await expect(region('none')).toHaveAttribute('data-value', '16');
  await screenshot(page, 'slice-hard-frontier');
  // A share link carries the slice: opened in a fresh context, the same 19 problems.
  await page.getByTestId('share-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(url);
  await expectReady(fresh);
  await expect(fresh.getByTestId('slice-value')).toHaveValue('0');
  await expect(fresh.getByTestId('slice-note')).toHaveAttribute('data-count', '19');
  await fresh.context().close();
  // slices.csv: every bin, of the whole data, byte for byte as the command line writes it.
  const slices = (await download(page, 'export-slices-csv')).text;
  expect(slices.split('\n')[0]).toBe('benchmark,slice_field,slice_value,model,k,pass_at_k,n_problems');
  expect(slices).toBe(execFileSync(BIN, ['slices', '-q', MATH500_BASE, MATH500_RL], { encoding: 'utf8' }));
  const byBin = parseCsv(slices).filter((r) => r.model === BASE && r.k === '1');
  expect(byBin.map((r) => r.slice_value)).toEqual(['0', '(0–1/4]', '(1/4–1/2]', '(1/2–3/4]', '(3/4–1)', '1']);
  expect(byBin.reduce((s, r) => s + Number(r.n_problems), 0)).toBe(500);
  // Another bin, then all problems again.
  await page.getByTestId('slice-value').selectOption('1');
  await expectReady(page);
  const always = Number(byBin.find((r) => r.slice_value === '1')!.n_problems);
  await expect(page.getByTestId('slice-note')).toHaveAttribute('data-count', String(always));
  await page.getByTestId('slice-field').selectOption('');
  await expectReady(page);
  await expect(page.getByTestId('slice-note')).toHaveCount(0);
  const all = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(all.every((r) => r.n_problems === '500')).toBe(true);
});

test('the RLVR paper file slices by its level field, as the command line does', async ({ page }) => {
  const text = fs.readFileSync(RLVR_EXAMPLE, 'utf8');
  const count = (level: string) => text.split('\n').filter((l) => l.includes(`"level": "${level}"`)).length;
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(RLVR_EXAMPLE);
  await expectReady(page);
  await expect(page.getByTestId('slice-field').locator('option[value="level"]')).toHaveCount(1);
  await page.getByTestId('slice-field').selectOption('level');
  await expectReady(page);
  await expect(page.getByTestId('slice-value')).toHaveValue('Level 1');
  await expect(page.getByTestId('slice-note')).toHaveAttribute('data-count', String(count('Level 1')));
  await page.getByTestId('slice-value').selectOption('Level 5');
  await expectReady(page);
  await expect(page.getByTestId('slice-note')).toHaveAttribute('data-count', String(count('Level 5')));
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(rows.every((r) => r.n_problems === String(count('Level 5')))).toBe(true);
  const slices = (await download(page, 'export-slices-csv')).text;
  expect(slices).toBe(execFileSync(BIN, ['slices', '--field', 'level', '-q', RLVR_EXAMPLE], { encoding: 'utf8' }));
  expect(parseCsv(slices).filter((r) => r.k === '1').map((r) => r.slice_value)).toEqual(['Level 1', 'Level 2', 'Level 3', 'Level 4', 'Level 5']);
});

test('an Inspect log of MATH slices by the level and subject in its samples\' metadata', async ({ page }) => {
  // The real log's sample as inspect_evals' MATH task writes samples: `level` ("1" … "5") and
  // `subject` in each sample's metadata; 6 problems of 2 epochs.
  const log = JSON.parse(fs.readFileSync(shared('real-formats/inspect/log_read_sample.json'), 'utf8'));
  const sample = log.samples[0];
  const levels = ['1', '1', '3', '5', '5', '5'];
  log.samples = levels.flatMap((level, i) =>
    [1, 2].map((epoch) => ({ ...sample, id: i + 1, epoch, metadata: { level, subject: i % 2 ? 'algebra' : 'geometry', solution: '$x$' } })),
  );
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'math.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(log)) });
  await expectReady(page);
  await expect(page.getByTestId('slice-field').locator('option[value="level"]')).toHaveCount(1);
  await expect(page.getByTestId('slice-field').locator('option[value="subject"]')).toHaveCount(1);
  await page.getByTestId('slice-field').selectOption('level');
  await expectReady(page);
  await expect(page.getByTestId('slice-value')).toHaveValue('1');
  await expect(page.getByTestId('slice-note')).toHaveAttribute('data-count', '2');
  await page.getByTestId('slice-value').selectOption('5');
  await expectReady(page);
  await expect(page.getByTestId('slice-note')).toHaveAttribute('data-count', '3');
});
