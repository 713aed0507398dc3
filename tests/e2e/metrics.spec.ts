// The measures after pass@k on the MATH500 pair: the exact McNemar test (19 problems only the
// base solves, 3 only SimpleRL-Zoo: p ≈ 0.00086), the Bayesian pass@k drawn on request (dashed
// past n), cover@τ, and metrics.csv with exact values.
import { test, expect, expectReady, download, parseCsv, screenshotOf, MATH500_BASE, MATH500_RL } from './fixtures';

const BASE = 'qwen2.5-7b-base';
const RL = 'qwen2.5-7b-simplerl-zoo';

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
});

test('the exact McNemar test of the pair: 19 against 3, p = 2 · 1794 / 2^22', async ({ page }) => {
  const test = page.locator(`[data-testid="mcnemar"][data-model="${RL}"]`);
  await expect(test).toHaveAttribute('data-benchmark', 'all');
  await expect(test).toHaveAttribute('data-only-base', '19');
  await expect(test).toHaveAttribute('data-only-model', '3');
  expect(Math.abs(Number(await test.getAttribute('data-p')) - (2 * 1794) / 4194304)).toBeLessThan(1e-15);
  await expect(test).toContainText('p = 8.55e-4');
  // Swapping the base swaps the counts.
  await page.getByTestId('base-model').selectOption(RL);
  await expectReady(page);
  const swapped = page.locator(`[data-testid="mcnemar"][data-model="${BASE}"]`);
  await expect(swapped).toHaveAttribute('data-only-base', '3');
  await expect(swapped).toHaveAttribute('data-only-model', '19');
});

test('metrics.csv: pass@k as passk.csv, pass^k, and the Bayesian pass@k exactly', async ({ page }) => {
  const metrics = parseCsv((await download(page, 'export-metrics-csv')).text);
  const passk = parseCsv((await download(page, 'export-passk-csv')).text);
  const of = (model: string, metric: string) => metrics.filter((r) => r.model === model && r.metric === metric);
  expect(of(BASE, 'pass@k')).toHaveLength(128);
  expect(of(BASE, 'pass^k')).toHaveLength(128);
  expect(of(BASE, 'bayes-pass@k')).toHaveLength(128);
  expect(of(BASE, 'maj@k')).toHaveLength(0);
  for (const k of [1, 16, 128]) {
    const p = passk.find((r) => r.model === BASE && r.k === String(k))!;
    const m = of(BASE, 'pass@k')[k - 1];
    expect([m.value, m.ci_low, m.ci_high]).toEqual([p.pass_at_k, p.ci_low, p.ci_high]);
    expect(of(BASE, 'pass^k')[k - 1].value).toBe(p.pass_hat_k);
  }
  // Bayesian pass@1 = mean of (c + 1) / (n + 2): from the pass@1 of the pair's counts,
  // (c + 1) / 130 averaged = (128 · pass@1 + 1) / 130.
  const pass1 = Number(of(BASE, 'pass@k')[0].value);
  expect(Math.abs(Number(of(BASE, 'bayes-pass@k')[0].value) - (128 * pass1 + 1) / 130)).toBeLessThan(1e-12);
  expect(of(BASE, 'bayes-pass@k')[0].ci_low).toBe('');
  // It sits between pass@k's unbiased values and 1, approaching them as k grows.
  const at128 = Number(of(BASE, 'bayes-pass@k')[127].value);
  expect(at128).toBeGreaterThan(0.9);
  expect(at128).toBeLessThan(1);
});

test('the Bayesian pass@k is drawn past n, dashed, and read out as beyond n', async ({ page }) => {
  await page.getByTestId('metric-select').selectOption('bayes-pass@k');
  await expectReady(page);
  await expect(page.getByTestId('toggle-pass-hat')).not.toBeChecked();
  const chart = page.getByTestId('chart-passk');
  const box = (await chart.boundingBox())!;
  // The far right of the axis is k = 4n = 512, beyond the 128 samples.
  await chart.hover({ position: { x: box.width - 40, y: box.height / 2 } });
  const tip = page.getByTestId('chart-tooltip');
  await expect(tip).toContainText('(beyond n)');
  expect(Number(await tip.getAttribute('data-k'))).toBeGreaterThan(128);
  await screenshotOf(page.locator('section.panel').filter({ has: chart }), 'metric-bayes');
  // pass^k and the Bayesian curve exclude each other.
  await page.getByTestId('toggle-pass-hat').check();
  await expect(page.getByTestId('metric-select')).toHaveValue('pass^k');
  await page.getByTestId('metric-select').selectOption('pass@k');
  await expect(page.getByTestId('toggle-pass-hat')).not.toBeChecked();
});

test('cover@τ is drawn for both models', async ({ page }) => {
  const chart = page.getByTestId('chart-cover');
  await expect(chart).toBeVisible();
  await screenshotOf(page.locator('section.panel').filter({ has: chart }), 'cover-at-tau');
});

test('the accuracy histogram: a click on a bin lists its problems per model', async ({ page }) => {
  const chart = page.getByTestId('chart-accuracy');
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  // The plot spans most of the canvas; its first twelfth is the "never solved" bin. Find it by
  // walking right from the left edge until a bin opens.
  let opened = false;
  for (let x = 70; x < box.width / 6 && !opened; x += 8) {
    await chart.click({ position: { x, y: box.height / 2 } });
    opened = (await page.getByTestId('accuracy-problems').count()) > 0;
    if (opened && (await page.getByTestId('accuracy-problems').getAttribute('data-bin')) !== '0') {
      await chart.click({ position: { x, y: box.height / 2 } });
      opened = false;
    }
  }
  expect(opened).toBe(true);
  // Never solved in 128 samples: 19 problems for the base, 35 for SimpleRL-Zoo (481 and 465
  // solved at k = 128).
  const bin = (model: string) => page.locator(`[data-testid="accuracy-bin"][data-model="${model}"]`);
  await expect(bin(BASE)).toHaveAttribute('data-count', '19');
  await expect(bin(RL)).toHaveAttribute('data-count', '35');
  await screenshotOf(page.locator('section.panel').filter({ has: chart }), 'accuracy-histogram');
});
