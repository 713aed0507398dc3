// maj@k from the samples' extracted answers: the RLVR paper's own eval output (`pred` beside
// `score`) and Qwen2.5-Math's repeated AMC23 set (grouped by question). The exact values are
// rationals from enumerating every subset of every problem's 8 samples (tests/majority.rs does
// the same enumeration natively): maj@8 = 37/40 and 23/40, maj@3 = 15389/16800.
import { test, expect, expectReady, download, parseCsv, screenshotOf, shared, RLVR_EXAMPLE, MATH500_BASE } from './fixtures';

const AMC = shared('real-formats/qwen-math-eval/1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6.jsonl');
const RLVR = 'math_cot_100';
const AMC_MODEL = '1.5B-math-cot-nobox-to-pi1_amc23x8_t0.6';

test('maj@k of two real files: drawn, read out, noted and exported exactly', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([RLVR_EXAMPLE, AMC, MATH500_BASE]);
  await expectReady(page);
  await page.getByTestId('metric-select').selectOption('maj@k');
  await expectReady(page);
  await expect(page.getByTestId('metric-select')).toHaveValue('maj@k');
  const note = page.getByTestId('maj-note');
  await expect(note).toContainText(`${RLVR} 100`);
  await expect(note).toContainText(`${AMC_MODEL} 40`);
  // The MATH500 file holds counts only: no curve, and the note says why.
  await expect(note).toContainText('No maj@k for qwen2.5-7b-base');
  // The read-out at the right end of the axis is k = 8, the full vote.
  const chart = page.getByTestId('chart-passk');
  const box = (await chart.boundingBox())!;
  await chart.hover({ position: { x: box.width - 30, y: box.height / 2 } });
  const tip = page.getByTestId('chart-tooltip');
  await expect(tip).toHaveAttribute('data-k', '8');
  await expect(tip).toContainText('92.5 %');
  await expect(tip).toContainText('57.5 %');
  await screenshotOf(page.locator('section.panel').filter({ has: chart }), 'metric-maj');

  const rows = parseCsv((await download(page, 'export-metrics-csv')).text);
  const maj = (model: string) => rows.filter((r) => r.model === model && r.metric === 'maj@k');
  expect(maj(RLVR)).toHaveLength(8);
  expect(maj('qwen2.5-7b-base')).toHaveLength(0);
  const close = (v: string, want: number) => expect(Math.abs(Number(v) - want)).toBeLessThan(1e-13);
  close(maj(RLVR)[0].value, 91 / 100);
  close(maj(RLVR)[1].value, 91 / 100);
  close(maj(RLVR)[2].value, 15389 / 16800);
  close(maj(RLVR)[7].value, 37 / 40);
  close(maj(AMC_MODEL)[3].value, 5879 / 11200);
  close(maj(AMC_MODEL)[7].value, 23 / 40);
  expect(maj(AMC_MODEL)[7].n_problems).toBe('40');
  expect(maj(RLVR)[0].ci_low).toBe('');

  // pass^k and maj@k exclude each other.
  await page.getByTestId('toggle-pass-hat').check();
  await expect(page.getByTestId('metric-select')).toHaveValue('pass^k');
  await expect(page.getByTestId('maj-note')).toHaveCount(0);
});

test('a costly maj@k is counted on other cores while the page goes on answering', async ({ page }) => {
  // Two models, 60 problems of 1024 samples each over 50 answers (a few frequent, many rare;
  // the correct one varies): more than a view counts at once, so the statistics worker hands
  // it to helper workers and answers other views meanwhile.
  const PROBLEMS = 60;
  const file = (name: string, salt: number) => {
    const lines: string[] = [];
    for (let i = 0; i < PROBLEMS; i++) {
      const answer = (j: number) => {
        const u = ((j * 7919 + i * 104729 + salt * 13) % 1024) / 1024;
        return Math.floor(50 * u * u);
      };
      // The base's correct answer is the most frequent one in a third of its problems, the
      // RL model's in three quarters.
      const right = salt === 0 ? i % 3 : Number(i % 4 === 3);
      const preds = Array.from({ length: 1024 }, (_, j) => `a${answer(j)}`);
      const scores = Array.from({ length: 1024 }, (_, j) => answer(j) === right);
      lines.push(JSON.stringify({ idx: i, pred: preds, score: scores }));
    }
    return { name, mimeType: 'application/json', buffer: Buffer.from(lines.join('\n') + '\n') };
  };
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([file('base.jsonl', 0), file('rl.jsonl', 1)]);
  await expectReady(page);
  await page.getByTestId('metric-select').selectOption('maj@k');
  const note = page.getByTestId('maj-note');
  await expect(note).toContainText('Counting the votes');
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'loading');
  // Meanwhile a problem opens in the drawer, its votes counted.
  await page.getByTestId('problem-search').fill('7');
  await page.getByTestId('problem-search').press('Enter');
  await expect(page.getByTestId('problem-drawer')).toHaveAttribute('data-problem', '7');
  await expect(page.getByTestId('answer-count').first()).toBeVisible();
  await expect(note).toContainText('Counting the votes');
  // Then the curves come, over every problem, equal to metrics.csv's (computed apart).
  await expectReady(page);
  await expect(note).toContainText(`base ${PROBLEMS}, rl ${PROBLEMS}`);
  const chart = page.getByTestId('chart-passk');
  const box = (await chart.boundingBox())!;
  await chart.hover({ position: { x: box.width - 30, y: box.height / 2 } });
  const tip = page.getByTestId('chart-tooltip');
  await expect(tip).toHaveAttribute('data-k', /^\d+$/);
  const k = await tip.getAttribute('data-k');
  const shown = await tip.textContent();
  await screenshotOf(page.locator('section.panel').filter({ has: chart }), 'metric-maj-costly');
  const rows = parseCsv((await download(page, 'export-metrics-csv')).text);
  const at = (model: string) => rows.find((r) => r.model === model && r.metric === 'maj@k' && r.k === k)!;
  for (const model of ['base', 'rl']) {
    expect(shown).toContain(`${(100 * Number(at(model).value)).toFixed(1)} %`);
  }
});
