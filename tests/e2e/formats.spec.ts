// Files that evaluation tools wrote themselves load with no mapping step, each recognised
// (`data-format`, `data-rule`) and with the numbers the tool published: Inspect .eval logs
// (deflate and zstd, several scorers), evalplus's old layout, human-eval's results, Qwen-Math's
// repeated sets, LiveCodeBench's summary file, a verl run folder and Parquet tables (lighteval
// details in their folders, a plain per-sample table, a codec that cannot be read).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, expectReady, download, parseCsv, passAt, screenshot, screenshotOf, shared, type Page } from './fixtures';

const real = (rel: string) => shared(`real-formats/${rel}`);
const fixture = (rel: string) => path.resolve(__dirname, '../fixtures/parquet', rel);

async function load(page: Page, files: string | string[]) {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await expectReady(page);
}

const report = (page: Page, file: string) => page.locator(`[data-testid="file-report"][data-file="${file}"]`);

test('an Inspect .eval log loads with its model, task and the log\'s own accuracy', async ({ page }) => {
  await load(page, real('inspect/popularity-set2_gpt-5_5epochs.eval'));
  const r = report(page, 'popularity-set2_gpt-5_5epochs.eval');
  await expect(r).toHaveAttribute('data-format', 'inspect');
  await expect(r).toHaveAttribute('data-rule', /scorer `match`: a sample is correct when its value is C/);
  await expect(r).toHaveAttribute('data-used', '50');
  await expect(r).toHaveAttribute('data-skipped', '0');
  await expect(r.getByTestId('stated')).toContainText('pass@1 = 0.6 (stated by the file, results.scores[match].metrics.accuracy) · ours 0.6 · agrees');
  await expect(page.getByTestId('mapping-panel')).toHaveCount(0);
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(rows.every((row) => row.benchmark === 'popularity' && row.model === 'openai/gpt-5')).toBe(true);
  expect(passAt(rows, 'openai/gpt-5', 1)).toBe(0.6);
  expect(passAt(rows, 'openai/gpt-5', 5)).toBe(0.6);
  await screenshotOf(r, 'format-inspect-report');
});

test('three Inspect models compare at k = 5 as the README counts them', async ({ page }) => {
  await load(page, [
    real('inspect/popularity-set2_gpt-5_5epochs.eval'),
    real('inspect/popularity-set2_claude-sonnet-4_5epochs.eval'),
    real('inspect/popularity-set2_gemini-2.5-pro_5epochs.eval'),
  ]);
  const coverage = parseCsv((await download(page, 'export-coverage-csv')).text);
  const count = (region: string) => Number(coverage.find((r) => r.region === region)!.expected_count);
  expect(coverage[0].k).toBe('5');
  expect(count('openai/gpt-5+anthropic/claude-sonnet-4-20250514+google/gemini-2.5-pro')).toBe(6);
  expect(count('anthropic/claude-sonnet-4-20250514+google/gemini-2.5-pro')).toBe(1);
  expect(count('none')).toBe(3);
  await screenshot(page, 'format-inspect-three-models');
});

test('a zstd .eval with two scorers offers the other scorer', async ({ page }) => {
  await load(page, real('inspect/a2ui-atom-baseline_zstd_two-scorers.eval'));
  const r = report(page, 'a2ui-atom-baseline_zstd_two-scorers.eval');
  const select = r.getByTestId('scorer-select');
  await expect(select).toHaveValue('a2ui_scorer');
  await expect(select.locator('option')).toHaveText(['a2ui_scorer', 'measured_model_graded_qa']);
  let rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(passAt(rows, 'google/gemini-3.5-flash', 1)).toBe(1);
  await select.selectOption('measured_model_graded_qa');
  await expect(report(page, 'a2ui-atom-baseline_zstd_two-scorers.eval').getByTestId('scorer-select')).toHaveValue('measured_model_graded_qa');
  await expectReady(page);
  rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(passAt(rows, 'google/gemini-3.5-flash', 1)).toBe(5 / 6);
  await screenshotOf(report(page, 'a2ui-atom-baseline_zstd_two-scorers.eval'), 'format-inspect-scorers');
});

test('evalplus before 2024, human-eval results and an Inspect .json load as their tools count', async ({ page }) => {
  await load(page, [
    real('evalplus/oldlayout_codet5_2b_samples_eval_results.json'),
    real('human-eval/gpt35_n10_hEvalTest35_1CPT_500Tkns_10SPT_Samples.jsonl_results.jsonl'),
    real('inspect/log_read_sample.json'),
  ]);
  await expect(report(page, 'oldlayout_codet5_2b_samples_eval_results.json')).toHaveAttribute('data-format', 'evalplus');
  await expect(report(page, 'gpt35_n10_hEvalTest35_1CPT_500Tkns_10SPT_Samples.jsonl_results.jsonl')).toHaveAttribute('data-format', 'human-eval');
  await expect(report(page, 'log_read_sample.json')).toHaveAttribute('data-format', 'inspect');
  await expect(page.getByTestId('mapping-panel')).toHaveCount(0);
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  // 36 of 164 pass the base and the plus tests (the old statuses "success" / "failed").
  expect(passAt(rows, 'oldlayout_codet5_2b_samples_eval_results', 1)).toBeCloseTo(36 / 164, 15);
  // The README: "pass@1: 65.7%, pass@10: 66.5%".
  const he = 'gpt35_n10_hEvalTest35_1CPT_500Tkns_10SPT_Samples.jsonl_results';
  expect(passAt(rows, he, 1)).toBeCloseTo(539 / 820, 15);
  expect(passAt(rows, he, 10)).toBeCloseTo(109 / 164, 15);
  expect(passAt(rows, 'ollama/gemma3', 1)).toBe(1);
});

test('Qwen-Math x8 sets are grouped by question, with the way back', async ({ page }) => {
  await load(page, real('qwen-math-eval/1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6.jsonl'));
  const name = '1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6.jsonl';
  await expect(report(page, name)).toHaveAttribute('data-format', 'qwen-math');
  await expect(report(page, name)).toContainText('grouped by question into 40 problems');
  let rows = parseCsv((await download(page, 'export-passk-csv')).text);
  const model = '1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6';
  expect(passAt(rows, model, 1)).toBe(0.45625);
  expect(passAt(rows, model, 8)).toBe(0.8);
  await report(page, name).getByTestId('group-questions').selectOption('line');
  await expect(report(page, name).getByTestId('group-questions')).toHaveValue('line');
  await expectReady(page);
  rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(rows.filter((r) => r.model === model).map((r) => r.k)).toEqual(['1']);
  expect(passAt(rows, model, 1)).toBe(0.45625);
});

test('LiveCodeBench: the per-problem file counts, its summary file explains', async ({ page }) => {
  await load(page, [
    real('livecodebench/Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval_all.json'),
    real('livecodebench/Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval.json'),
  ]);
  const all = report(page, 'Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval_all.json');
  await expect(all).toHaveAttribute('data-format', 'livecodebench');
  await expect(all.getByTestId('stated')).toContainText('agrees');
  const summary = report(page, 'Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval.json');
  await expect(summary).toHaveAttribute('data-format', 'livecodebench');
  await expect(summary).toContainText("LiveCodeBench's summary file (it states pass@1 = 0.23886255924170616)");
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(passAt(rows, 'Qwen2.5-Ins-7B_Scenario.codegeneration_1_0.2_eval_all', 1)).toBeCloseTo(252 / 1055, 15);
});

/** Two verl runs' validation dumps, in their folders (built from verl's `_dump_generations`). */
function verlRuns(): string {
  const root = path.join(os.tmpdir(), 'passk-lens-e2e', 'verl-runs');
  fs.rmSync(root, { recursive: true, force: true });
  // Run A is GRPO-like (rule: score > 0), run B DAPO (acc beside a ±1 score).
  const prompts = ['What is 2+2?', 'Name a prime.', 'Solve x+1=3.'];
  for (const [run, dapo] of [['grpo-run', false], ['dapo-run', true]] as const) {
    for (const step of [0, 100]) {
      const dir = path.join(root, run, 'val');
      fs.mkdirSync(dir, { recursive: true });
      const lines: string[] = [];
      prompts.forEach((input, p) => {
        for (let s = 0; s < 4; s++) {
          // At step 0 sample s of prompt p is correct when s <= p; at step 100 when s < 3.
          const ok = step === 0 ? s <= p : s < 3;
          const base = { input, output: `answer ${s}`, gts: '4', score: dapo ? (ok ? 1 : -1) : ok ? 1 : 0, step };
          lines.push(JSON.stringify(dapo ? { ...base, acc: ok, pred: String(s), reward: ok ? 1 : -1 } : base));
        }
      });
      fs.writeFileSync(path.join(dir, `${step}.jsonl`), lines.join('\n') + '\n');
    }
  }
  fs.writeFileSync(path.join(root, 'README.txt'), 'not a result file');
  return root;
}

test('a folder of verl runs loads as <run>@<step> checkpoints, runs never pooled', async ({ page }) => {
  const root = verlRuns();
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('folder-input').setInputFiles(root);
  await expectReady(page);
  await expect(page.getByTestId('file-report')).toHaveCount(4);
  for (const r of await page.getByTestId('file-report').all()) {
    await expect(r).toHaveAttribute('data-format', 'verl');
    await expect(r).toHaveAttribute('data-used', '12');
  }
  await expect(page.locator('[data-testid="file-report"][data-rule*="`acc` is true"]')).toHaveCount(2);
  await expect(page.getByTestId('load-notice')).toContainText('1 file(s) of other kinds');
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  const models = [...new Set(rows.map((r) => r.model))].sort();
  expect(models).toEqual(['dapo-run/val@0', 'dapo-run/val@100', 'grpo-run/val@0', 'grpo-run/val@100']);
  // Step 0: c = 1, 2, 3 of 4; step 100: c = 3 for every prompt.
  for (const run of ['grpo-run', 'dapo-run']) {
    expect(passAt(rows, `${run}/val@0`, 1)).toBe(6 / 12);
    expect(passAt(rows, `${run}/val@100`, 1)).toBe(9 / 12);
  }
  await screenshot(page, 'format-verl-run-folder');
});

test('Parquet: lighteval details in their folders, a plain table, and a codec named', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('folder-input').setInputFiles(fixture('details'));
  await expectReady(page);
  const reports = page.getByTestId('file-report');
  await expect(reports).toHaveCount(2);
  for (const r of await reports.all()) {
    await expect(r).toHaveAttribute('data-format', 'lighteval');
    await expect(r).toHaveAttribute('data-rule', /c = that mean × 4, recovered exactly/);
  }
  let rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect([...new Set(rows.map((r) => r.model))].sort()).toEqual(['Qwen/Qwen2.5-Math-7B', 'v0.9/org/old-model']);
  expect(rows.every((r) => r.benchmark === 'lighteval|math_500|0')).toBe(true);
  // c = 0, 1, 2, 3, 4, 4 of 4: pass@1 = 14/24, pass@4 = 5/6.
  expect(passAt(rows, 'Qwen/Qwen2.5-Math-7B', 1)).toBeCloseTo(14 / 24, 15);
  expect(passAt(rows, 'Qwen/Qwen2.5-Math-7B', 4)).toBeCloseTo(5 / 6, 15);
  await screenshot(page, 'format-parquet-lighteval');

  await page.getByTestId('clear-data').click();
  await page.getByTestId('file-input').setInputFiles([fixture('per-sample.parquet'), fixture('per-problem-zstd.parquet')]);
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  await expect(report(page, 'per-sample.parquet')).toHaveAttribute('data-format', 'parquet');
  await expect(report(page, 'per-sample.parquet')).toHaveAttribute('data-rule', /^a row is a correct sample when `correct` is true/);
  await expect(report(page, 'per-problem-zstd.parquet')).toContainText('compressed with ZSTD');
  rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(passAt(rows, 'qwen-rl', 1)).toBeCloseTo(14 / 24, 15);
});

test('a damaged Parquet file is a message, and the next Parquet file reads', async ({ page }) => {
  // Damaged pages that made the parquet crate's decoder panic (an input the fuzzer found; its
  // first byte is the fuzz target's control byte).
  const damaged = fs.readFileSync(path.resolve(__dirname, '../../fuzz/corpus/parquet/crash-dict-decoder-expect')).subarray(1);
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'damaged.parquet', mimeType: 'application/octet-stream', buffer: damaged });
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'error');
  await expect(report(page, 'damaged.parquet')).toContainText('is damaged');
  await page.getByTestId('file-input').setInputFiles(fixture('per-problem.parquet'));
  await expectReady(page);
  await expect(report(page, 'per-problem.parquet')).toHaveAttribute('data-used', '6');
});
