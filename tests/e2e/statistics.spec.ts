import {
  test, expect, expectReady, download, parseCsv, passAt, screenshot, MATH500_BASE, MATH500_RL,
} from './fixtures';

const BASE = 'qwen2.5-7b-base';
const RL = 'qwen2.5-7b-simplerl-zoo';

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
});

test('coverage at k = 128 is the published sets, and follows k', async ({ page }) => {
  await expect(page.getByTestId('base-model')).toHaveValue(BASE);
  await expect(page.getByTestId('k-select')).toHaveValue('128');
  const region = (name: string) => page.locator(`[data-testid="coverage-region"][data-region="${name}"]`);
  await expect(region('none')).toHaveAttribute('data-value', '16');
  await expect(region(BASE)).toHaveAttribute('data-value', '19');
  await expect(region(RL)).toHaveAttribute('data-value', '3');
  await expect(region(`${BASE}+${RL}`)).toHaveAttribute('data-value', '462');
  // The three problems only the RL model solves are listed on request.
  await expect(region(RL).locator('.ids')).toHaveCount(0);
  await region(RL).getByRole('button').click();
  await expect(region(RL).locator('.ids button.id')).toHaveCount(3);

  const coverage = await download(page, 'export-coverage-csv');
  expect(coverage.name).toBe('coverage.csv');
  expect(coverage.text).toBe(
    'benchmark,k,region,expected_count\n' +
      `all,128,none,16\nall,128,${BASE},19\nall,128,${RL},3\nall,128,${BASE}+${RL},462\n`,
  );

  // At k = 1 the counts are expectations; they still add up to the 500 problems.
  await page.getByTestId('k-select').fill('1');
  await page.getByTestId('k-select').press('Enter');
  await expect(page.getByTestId('k-select')).toHaveValue('1');
  const rows = parseCsv((await download(page, 'export-coverage-csv')).text);
  expect(rows.map((r) => r.k)).toEqual(['1', '1', '1', '1']);
  const total = rows.reduce((s, r) => s + Number(r.expected_count), 0);
  expect(Math.abs(total - 500)).toBeLessThan(1e-9);
  // Each model's regions sum to its pass@1 × 500.
  const inBase = Number(rows[1].expected_count) + Number(rows[3].expected_count);
  expect(Math.abs(inBase - 0.613921875 * 500)).toBeLessThan(1e-9);

  const problems = await download(page, 'export-problems-csv');
  expect(problems.name).toBe('problems.csv');
  const prows = parseCsv(problems.text);
  expect(problems.text.startsWith('benchmark,problem_id,model,n,c,pass_at_k\n')).toBe(true);
  expect(prows).toHaveLength(1000);
  expect(prows[0]).toEqual({ benchmark: 'all', problem_id: '0', model: BASE, n: '128', c: '104', pass_at_k: String(104 / 128) });
});

test('Δ_SE, crossover and bands on the MATH500 pair', async ({ page }) => {
  const delta = page.locator(`[data-testid="delta-se"][data-model="${RL}"]`);
  await expect(delta).toHaveAttribute('data-benchmark', 'all');
  await expect(delta).toHaveAttribute('data-k', '128');
  expect(Math.abs(Number(await delta.getAttribute('data-value')) - (0.962 - 0.779328125))).toBeLessThanOrEqual(1e-12);
  const crossover = Number(await page.locator(`[data-testid="crossover-k"][data-model="${RL}"]`).getAttribute('data-value'));
  expect(crossover).toBeGreaterThan(8);
  expect(crossover).toBeLessThanOrEqual(16);

  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  for (const r of rows) {
    const [p, lo, hi] = [Number(r.pass_at_k), Number(r.ci_low), Number(r.ci_high)];
    expect(r.ci_low).not.toBe('');
    expect(lo).toBeLessThanOrEqual(p);
    expect(hi).toBeGreaterThanOrEqual(p);
  }
  expect(passAt(rows, RL, 1)).toBe(0.779328125);
  // pass^1 = pass@1; pass^128 counts only the problems solved every time.
  const last = rows.find((r) => r.model === BASE && r.k === '128')!;
  expect(Number(last.pass_hat_k)).toBeLessThan(Number(last.pass_at_k));
  await page.getByTestId('toggle-pass-hat').check();
  await expect(page.locator('.hat-row')).toHaveCount(2);
  await page.getByTestId('toggle-pass-hat').uncheck();
  await screenshot(page, 'summary-with-bands');
});

test('choosing the RL model as base swaps the comparison', async ({ page }) => {
  await page.getByTestId('base-model').selectOption(RL);
  const delta = page.locator('[data-testid="delta-se"]');
  await expect(delta).toHaveCount(1);
  await expect(delta).toHaveAttribute('data-model', BASE);
  expect(Math.abs(Number(await delta.getAttribute('data-value')) - (0.93 - 0.613921875))).toBeLessThanOrEqual(1e-12);
  // The base model starts behind the new "base", so there is no crossover to report.
  await expect(page.locator('[data-testid="crossover-k"]')).toHaveAttribute('data-value', '');
});

test('several benchmarks: a picker, results per benchmark, and K stated when n differs', async ({ page }) => {
  const lines: string[] = [];
  for (const [bench, model, n] of [['AIME24', 'base', 64], ['AIME24', 'rl', 64], ['MATH', 'base', 16], ['MATH', 'rl', 16]] as const) {
    for (let id = 0; id < 20; id++) {
      // The RL model is sharper: more correct on easy problems, none on the hard ones.
      const c = model === 'base' ? Math.round((n * id) / 19) : id < 6 ? 0 : n - (19 - id);
      lines.push(JSON.stringify({ benchmark: bench, model, problem_id: `p${id}`, n: id === 0 && bench === 'MATH' ? 8 : n, c: id === 0 && bench === 'MATH' ? 0 : c }));
    }
  }
  await page.getByTestId('file-input').setInputFiles({ name: 'two-benchmarks.jsonl', mimeType: 'application/json', buffer: Buffer.from(lines.join('\n')) });
  await expectReady(page);
  await expect(page.getByTestId('benchmark-select').locator('option')).toHaveText(['all', 'AIME24', 'MATH']);
  await expect(page.locator('[data-testid="delta-se"][data-benchmark="AIME24"][data-model="rl"]')).toHaveAttribute('data-k', '64');
  await expect(page.locator('[data-testid="delta-se"][data-benchmark="MATH"][data-model="rl"]')).toHaveAttribute('data-k', '8');
  // One MATH problem has only n = 8: the curves say where they stop.
  await expect(page.getByText('1 problem(s) have n = 8, so the curve stops at k = 8')).toHaveCount(2);
  await page.getByTestId('benchmark-select').selectOption('MATH');
  await expect(page.getByText('20 problems that every model has, k = 8 samples each')).toBeVisible();
  await expect(page.getByTestId('coverage-region')).toHaveCount(4);
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(new Set(rows.map((r) => `${r.benchmark}/${r.model}`))).toEqual(
    new Set(['all/qwen2.5-7b-base', 'all/qwen2.5-7b-simplerl-zoo', 'AIME24/base', 'AIME24/rl', 'MATH/base', 'MATH/rl']),
  );
});
