// The paper's grid and the algorithm comparison: one pass@k panel per (benchmark, non-base
// model) with its crossover, exported as one PNG (1920 × 1080 and 3840 × 2160) and SVG, and
// Δ_SE of every model as a sorted dot plot with paired intervals.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Download } from '@playwright/test';
import { test, expect, expectReady, screenshotOf, MATH500_BASE, MATH500_RL, type Page } from './fixtures';

/** The text of every `<text>` element of an SVG, trimmed. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim());

/** Two benchmarks × a base model and three RL algorithms, as counts. */
function algorithms(): string {
  const file = path.join(os.tmpdir(), 'passk-lens-e2e', 'algorithms.jsonl');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lines: string[] = [];
  for (const [benchmark, shift] of [['MATH500', 0], ['AIME24', 4]] as const) {
    for (let p = 0; p < 60; p++) {
      const base = (p * 7 + shift) % 33; // 0 … 32 of 32
      // Each algorithm solves the problems the base solves often, always, and loses the rest.
      const rl = (cut: number) => (base >= cut ? 32 : 0);
      for (const [model, c] of [['base', base], ['PPO', rl(8)], ['GRPO', rl(6)], ['DAPO', rl(4)]] as const) {
        lines.push(JSON.stringify({ benchmark, model, problem_id: `p${p}`, n: 32, c }));
      }
    }
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function load(page: Page, files: string[]) {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await expectReady(page);
}

async function exported(page: Page, box: ReturnType<Page['locator']>, testId: string) {
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), box.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

test('the MATH500 pair: one panel with its crossover, exported at two sizes and as SVG', async ({ page }) => {
  await load(page, [MATH500_BASE, MATH500_RL]);
  const grid = page.getByTestId('chart-grid');
  await expect(grid).toBeVisible();
  await screenshotOf(page.locator('section.panel').filter({ has: grid }), 'grid-math500');
  const box = page.locator('.chart-box').filter({ has: grid });
  const png = await exported(page, box, 'export-png');
  expect(png.name).toBe('passk-grid.png');
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([1920, 1080]);
  const big = await exported(page, box, 'export-png-2x');
  expect([big.bytes.readUInt32BE(16), big.bytes.readUInt32BE(20)]).toEqual([3840, 2160]);
  const svg = (await exported(page, box, 'export-svg')).bytes.toString('utf8');
  const crossover = await page.locator('[data-testid="crossover-k"]').getAttribute('data-value');
  expect(svg).toContain(`k* = ${crossover}`);
  expect(texts(svg)).toContain('qwen2.5-7b-simplerl-zoo (all)');
});

test('two benchmarks × three algorithms: six panels and six Δ_SE dots, sorted', async ({ page }) => {
  await load(page, [algorithms()]);
  await expect(page.getByTestId('delta-se')).toHaveCount(6);
  const grid = page.getByTestId('chart-grid');
  // Before any export: after a download headless Chromium's capture often never completes.
  await screenshotOf(page.locator('section.panel').filter({ has: grid }), 'grid-algorithms');
  const box = page.locator('.chart-box').filter({ has: grid });
  const svg = (await exported(page, box, 'export-svg')).bytes.toString('utf8');
  for (const name of ['MATH500', 'AIME24', 'PPO', 'GRPO', 'DAPO', 'base']) expect(texts(svg)).toContain(name);
  // Each panel marks its own crossover.
  const ks = await page.getByTestId('crossover-k').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-value')));
  expect(ks.every((k) => k !== '')).toBe(true);
  for (const k of new Set(ks)) expect(svg).toContain(`k* = ${k}`);
  expect(svg.match(/k\* = /g)).toHaveLength(6);
  // The dot plot: the algorithm that keeps least of the base's reach has the largest gap.
  const dots = page.getByTestId('chart-delta-se');
  const dotBox = page.locator('.chart-box').filter({ has: dots });
  const dotSvg = (await exported(page, dotBox, 'export-svg')).bytes.toString('utf8');
  const values = await page.getByTestId('delta-se').evaluateAll((cells) =>
    cells.map((c) => ({ label: `${c.getAttribute('data-model')} · ${c.getAttribute('data-benchmark')}`, v: Number(c.getAttribute('data-value')) })),
  );
  // Rows are drawn bottom up (smallest Δ_SE first): the labels' order in the SVG is the sort.
  const sorted = [...values].sort((a, b) => a.v - b.v).map((x) => x.label);
  const order = sorted.map((l) => texts(dotSvg).indexOf(l));
  expect(order.every((i) => i >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});
