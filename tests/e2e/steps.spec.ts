// A training run over its steps: a verl validation folder of six checkpoints (written as
// verl's `_dump_generations` writes them) shows `chart-steps`, a row per checkpoint with exact
// pass@1 and pass@K, the problems gained and lost against step 0, steps.csv per the contract,
// and a step slider that walks the coverage and per-problem views through training.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, expectReady, download, parseCsv, screenshotOf, MATH500_BASE, MATH500_RL, type Page } from './fixtures';

const STEPS = [0, 50, 100, 150, 200, 250];
const N = 16;
const PROBLEMS = 40;
const RUN = 'grpo-math';

/** Correct samples of problem p at checkpoint i: RL sharpens. Easy problems (p < 24) go from
 *  a few correct towards all; hard ones (p ≥ 24, solved once in a while at step 0) are lost
 *  one by one; problem 39 is gained at step 150. */
function correct(p: number, i: number): number {
  if (p === 39) return i >= 3 ? 2 : 0;
  if (p < 24) return Math.min(N, 4 + (p % 5) + 2 * i);
  // Hard problem h = p − 24 (0 … 14): solved once until checkpoint ⌈h / 3⌉, then never.
  const h = p - 24;
  return i <= Math.floor(h / 3) ? 1 : 0;
}

/** The run's folder, written afresh under a name of the calling test's own (tests run in
 *  parallel: a shared folder would be rewritten under another test's load). */
function runFolder(): string {
  const root = path.join(os.tmpdir(), 'passk-lens-e2e', `steps-run-${test.info().testId}`);
  fs.rmSync(root, { recursive: true, force: true });
  const dir = path.join(root, RUN);
  fs.mkdirSync(dir, { recursive: true });
  STEPS.forEach((step, i) => {
    const lines: string[] = [];
    for (let p = 0; p < PROBLEMS; p++) {
      const c = correct(p, i);
      for (let s = 0; s < N; s++) {
        const ok = s < c;
        lines.push(JSON.stringify({ input: `problem ${p}`, output: `answer ${s}`, gts: '1', score: ok ? 1 : 0, step, reward: ok ? 1 : 0 }));
      }
    }
    fs.writeFileSync(path.join(dir, `${step}.jsonl`), lines.join('\n') + '\n');
  });
  return root;
}

/** pass@k of one problem: 1 − C(n − c, k) / C(n, k), as a product. */
function passAtK(n: number, c: number, k: number): number {
  if (n - c < k) return 1;
  let q = 1;
  for (let i = n - c + 1; i <= n; i++) q *= 1 - k / i;
  return 1 - q;
}

const mean = (i: number, k: number) => {
  let s = 0;
  for (let p = 0; p < PROBLEMS; p++) s += passAtK(N, correct(p, i), k);
  return s / PROBLEMS;
};

async function loadRun(page: Page) {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('folder-input').setInputFiles(runFolder());
  await expectReady(page);
}

test('a run of six checkpoints: rows, steps.csv, gained and lost', async ({ page }) => {
  await loadRun(page);
  const section = page.getByTestId('steps-section');
  await expect(section).toBeVisible();
  await expect(page.getByTestId('chart-steps')).toBeVisible();
  const rows = page.getByTestId('step-row');
  await expect(rows).toHaveCount(STEPS.length);
  for (const [i, step] of STEPS.entries()) {
    const row = page.locator(`[data-testid="step-row"][data-step="${step}"]`);
    await expect(row).toHaveAttribute('data-run', RUN);
    expect(Number(await row.getAttribute('data-pass-at-1'))).toBeCloseTo(mean(i, 1), 14);
    expect(Number(await row.getAttribute('data-pass-at-k'))).toBeCloseTo(mean(i, N), 14);
    expect(Number(await row.getAttribute('data-delta-se'))).toBeCloseTo(mean(0, N) - mean(i, 1), 14);
  }
  // pass@1 rises and pass@16 falls over training, as in the paper.
  expect(mean(5, 1)).toBeGreaterThan(mean(0, 1));
  expect(mean(5, N)).toBeLessThan(mean(0, N));

  // Step 250 lost every hard problem (15) and gained problem 39.
  const last = page.locator('[data-testid="step-row"][data-step="250"]');
  await expect(last.getByTestId('step-lost')).toHaveAttribute('data-value', '15');
  await expect(last.getByTestId('step-gained')).toHaveAttribute('data-value', '1');
  await last.getByTestId('step-lost').click();
  const list = page.getByTestId('step-problems');
  await expect(list).toContainText('15 problem(s) solved at step 0');
  for (let p = 24; p < 39; p++) await expect(list).toContainText(`problem ${p}`);
  await last.getByTestId('step-gained').click();
  await expect(list).toContainText('1 problem(s) never solved at step 0 and solved at step 250');
  await expect(list.locator('.ids')).toHaveText('problem 39');

  // steps.csv: k = 1 and k = 16 per step, steps ascending, the same numbers.
  const { name, text } = await download(page, 'export-steps-csv');
  expect(name).toBe('steps.csv');
  expect(text.split('\n')[0]).toBe('benchmark,run,step,k,pass_at_k,ci_low,ci_high,n_problems');
  const csv = parseCsv(text);
  expect(csv.map((r) => [r.run, r.step, r.k])).toEqual(STEPS.flatMap((s) => [[RUN, String(s), '1'], [RUN, String(s), '16']]));
  for (const [i, r] of csv.entries()) {
    const step = Math.floor(i / 2);
    expect(Number(r.pass_at_k)).toBeCloseTo(mean(step, r.k === '1' ? 1 : N), 14);
    expect(Number(r.ci_low)).toBeLessThanOrEqual(Number(r.pass_at_k));
    expect(Number(r.ci_high)).toBeGreaterThanOrEqual(Number(r.pass_at_k));
    expect(r.n_problems).toBe(String(PROBLEMS));
  }
  await screenshotOf(section, 'steps-run');
});

test('the step slider walks coverage, the pass@k legend and the per-problem view', async ({ page }) => {
  await loadRun(page);
  // Six models: the coverage views show them all (an UpSet plot) until a step is chosen.
  const slider = page.getByTestId('steps-slider');
  await slider.fill('3');
  await expectReady(page);
  await expect(slider).toHaveAttribute('data-step', '150');
  // Coverage at k = 16 of step 0 against step 150: exact sets.
  const region = (name: string) => page.locator(`[data-testid="coverage-region"][data-region="${name}"]`);
  await expect(page.getByTestId('coverage-region')).toHaveCount(4);
  await expect(region(`${RUN}@0`)).toHaveAttribute('data-value', '9');
  await expect(region(`${RUN}@150`)).toHaveAttribute('data-value', '1');
  await expect(region(`${RUN}@0+${RUN}@150`)).toHaveAttribute('data-value', '30');
  // The pass@k legend hides the other checkpoints; the per-problem view compares step 150.
  await expect(page.getByTestId('legend-toggle').and(page.locator(`[data-model="${RUN}@50"]`))).not.toBeChecked();
  await expect(page.getByTestId('legend-toggle').and(page.locator(`[data-model="${RUN}@150"]`))).toBeChecked();
  await expect(page.getByTestId('problems-model')).toHaveValue(`${RUN}@150`);
  await screenshotOf(page.getByTestId('steps-section'), 'steps-slider');
  // Back to every checkpoint.
  await page.getByTestId('steps-all').click();
  await expectReady(page);
  await expect(page.getByTestId('legend-toggle').and(page.locator(`[data-model="${RUN}@50"]`))).toBeChecked();
  await expect(page.getByTestId('coverage-region').first()).toBeVisible();
  expect(await page.getByTestId('coverage-region').count()).toBe(64);
});

test('steps assigned by hand: the MATH500 pair as steps 0 and 100 of one run', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await expect(page.getByTestId('steps-section')).toHaveCount(0);
  await page.locator('.assign-steps summary').click();
  const assign = (model: string) => page.locator(`[data-testid="step-assign"][data-model="${model}"]`);
  // Not a checkpoint name: said, nothing renamed.
  await assign('qwen2.5-7b-base').fill('zoo step 0');
  await assign('qwen2.5-7b-base').press('Enter');
  await expect(page.getByTestId('step-assign-problem')).toContainText('is not <run>@<step>');
  await assign('qwen2.5-7b-base').fill('zoo@0');
  await assign('qwen2.5-7b-base').press('Enter');
  await assign('qwen2.5-7b-simplerl-zoo').fill('zoo@100');
  await assign('qwen2.5-7b-simplerl-zoo').press('Enter');
  await expectReady(page);
  await expect(page.getByTestId('step-assign-problem')).toHaveCount(0);
  await expect(page.getByTestId('step-row')).toHaveCount(2);
  const rl = page.locator('[data-testid="step-row"][data-step="100"]');
  // The pair's own numbers: pass@1 of SimpleRL-Zoo, Δ_SE 0.962 − 0.779328125, 19 lost, 3 gained.
  expect(Number(await rl.getAttribute('data-pass-at-1'))).toBe(0.779328125);
  expect(Number(await rl.getAttribute('data-delta-se'))).toBeCloseTo(0.962 - 0.779328125, 12);
  await expect(rl.getByTestId('step-lost')).toHaveAttribute('data-value', '19');
  await expect(rl.getByTestId('step-gained')).toHaveAttribute('data-value', '3');
  // Every export names the checkpoints.
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect([...new Set(rows.map((r) => r.model))]).toEqual(['zoo@0', 'zoo@100']);
  // Clearing a name gives the model its own back.
  await assign('qwen2.5-7b-simplerl-zoo').fill('');
  await assign('qwen2.5-7b-simplerl-zoo').press('Enter');
  await expectReady(page);
  await expect(page.getByTestId('steps-section')).toHaveCount(0);
});
