// The command line's outputs are the page's exports, byte for byte: the same files loaded in
// the page and given to `passk-lens` (target/debug/passk-lens, built by `cargo test`, which
// `make test` runs before this suite) give the same passk.csv, metrics.csv, coverage.csv, problems.csv and steps.csv.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, expectReady, download, shared, MATH500_BASE, MATH500_RL } from './fixtures';

const BIN = path.resolve(__dirname, '../../target/debug/passk-lens');

function cli(...args: string[]): string {
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: build it with \`cargo build -p passk-lens-cli\``);
  return execFileSync(BIN, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
}

test('the MATH500 pair: passk.csv, coverage.csv and problems.csv as the command line writes them', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  expect((await download(page, 'export-passk-csv')).text).toBe(cli('curves', '-q', MATH500_BASE, MATH500_RL));
  expect((await download(page, 'export-metrics-csv')).text).toBe(cli('metrics', '-q', MATH500_BASE, MATH500_RL));
  expect((await download(page, 'export-coverage-csv')).text).toBe(cli('coverage', '-q', MATH500_BASE, MATH500_RL));
  await page.getByTestId('k-select').fill('16');
  await page.getByTestId('k-select').dispatchEvent('change');
  expect((await download(page, 'export-coverage-csv')).text).toBe(cli('coverage', '--k', '16', '-q', MATH500_BASE, MATH500_RL));
  expect((await download(page, 'export-problems-csv')).text).toBe(cli('problems', '--k', '16', '-q', MATH500_BASE, MATH500_RL));
});

test('real tools’ files of several formats at once give the same bytes', async ({ page }) => {
  const files = [
    'real-formats/inspect/popularity-set2_gpt-5_5epochs.eval',
    'real-formats/inspect/popularity-set2_claude-sonnet-4_5epochs.eval',
    'real-formats/evalplus/llama3-exp_root_samples_eval_results.json',
    'real-formats/human-eval/uneven-n_samples_new1.jsonl_results.jsonl',
    'real-formats/qwen-math-eval/1.5B-to_pi1_aime25x8_t0.6.jsonl',
  ].map(shared);
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await expectReady(page);
  expect((await download(page, 'export-passk-csv')).text).toBe(cli('curves', '-q', ...files));
  expect((await download(page, 'export-problems-csv')).text).toBe(cli('problems', '-q', ...files));
  // With Qwen2.5-Math's extracted answers: maj@k rows too.
  const metrics = (await download(page, 'export-metrics-csv')).text;
  expect(metrics).toContain(',maj@k,8,');
  expect(metrics).toBe(cli('metrics', '-q', ...files));
});

test('a folder of checkpoints: the page’s folder input and the command line name runs alike', async ({ page }) => {
  const root = path.join(os.tmpdir(), 'passk-lens-e2e', 'cli-runs');
  fs.rmSync(root, { recursive: true, force: true });
  for (const step of [0, 50, 100]) {
    const dir = path.join(root, 'ppo-run');
    fs.mkdirSync(dir, { recursive: true });
    const lines = [];
    for (let p = 0; p < 20; p++) {
      for (let s = 0; s < 8; s++) {
        const score = (p * 7 + s * 3 + step) % 5 < 2 ? 1 : 0;
        // DAPO's reward writes each sample's extracted answer as `pred`.
        lines.push(JSON.stringify({ input: `problem ${p}`, output: `try ${s}`, gts: '1', score, pred: score ? '1' : String(s % 3 + 2), step }));
      }
    }
    fs.writeFileSync(path.join(dir, `${step}.jsonl`), lines.join('\n') + '\n');
  }
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('folder-input').setInputFiles(root);
  await expectReady(page);
  await expect(page.getByTestId('file-report')).toHaveCount(3);
  const csv = (await download(page, 'export-passk-csv')).text;
  expect(csv).toContain('\nall,ppo-run@50,1,');
  expect(csv).toBe(cli('curves', '-q', root));
  expect((await download(page, 'export-metrics-csv')).text).toBe(cli('metrics', '-q', root));
  const steps = (await download(page, 'export-steps-csv')).text;
  expect(steps.split('\n').filter((l) => l.startsWith('all,ppo-run,'))).toHaveLength(6);
  expect(steps).toBe(cli('steps', '-q', root));
});
