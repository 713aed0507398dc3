// The samples behind the numbers: the drawer reads each model's responses from the dropped files
// (just the bytes of that problem's records), and shows exactly the file's k-th response and
// verdict, side by side, as plain text, paged and filtered.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Page } from '@playwright/test';
import { test, expect, expectReady, countDialogs, screenshotOf, shared, RLVR_EXAMPLE } from './fixtures';

const TOT_COT = shared('tot-game24-gpt4/gpt-4_0.7_naive_cot_sample_100_start900_end1000.json');
const TOT_IO = shared('tot-game24-gpt4/gpt-4_0.7_naive_standard_sample_100_start900_end1000.json');
const COT = 'gpt-4_0.7_naive_cot_sample_100_start900_end1000';
const IO = 'gpt-4_0.7_naive_standard_sample_100_start900_end1000';

const tmp = (name: string) => {
  const dir = path.join(os.tmpdir(), 'passk-lens-e2e', 'samples');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
};

/** The shown samples of `model`: [index, correct, text]. */
async function shown(page: Page, model: string): Promise<[number, boolean, string][]> {
  return page
    .locator(`[data-testid="sample"][data-model="${model}"]`)
    .evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-index')), e.getAttribute('data-correct') === 'true', e.textContent ?? '']));
}

async function open(page: Page, id: string) {
  await page.getByTestId('problem-search').fill(id);
  await page.getByTestId('problem-search').press('Enter');
  await expect(page.getByTestId('problem-drawer')).toHaveAttribute('data-problem', id);
}

test("the RLVR paper's file: the drawer shows the file's own responses, verdicts, question and reference", async ({ page }) => {
  const records = fs.readFileSync(RLVR_EXAMPLE, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
  // A problem with both right and wrong samples, LaTeX in its text and its first right response.
  const rec = records.find(
    (r) => r.score.includes(true) && r.score.includes(false) && r.question.includes('$') && r.code[r.score.indexOf(true)].includes('$'),
  );
  const model = 'math_cot_100';
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([RLVR_EXAMPLE]);
  await expectReady(page);
  await open(page, String(rec.idx));
  // LaTeX is rendered as MathML: the first response's formulas are <math> elements.
  await expect(page.getByTestId('sample').first().locator('math').first()).toBeVisible();
  await screenshotOf(page.locator('#problem-section'), 'problem-samples-math');
  // As source: exactly the file's texts.
  await page.getByTestId('sample-math').uncheck();
  await expect(page.locator('#problem-section math')).toHaveCount(0);
  await expect(page.getByTestId('problem-text')).toHaveText(rec.question);
  await expect(page.getByTestId('problem-reference')).toHaveText(rec.gt);
  // The first page: samples 0–5, each the file's k-th `code` with its `score`.
  const want = rec.code.map((c: string, k: number) => [k, rec.score[k], c]);
  await expect(page.getByTestId('sample')).toHaveCount(6);
  expect(await shown(page, model)).toEqual(want.slice(0, 6));
  await page.getByTestId('samples-next').click();
  await expect(page.getByTestId('sample')).toHaveCount(2);
  expect(await shown(page, model)).toEqual(want.slice(6));
  // Only the wrong ones, in file order.
  await page.getByTestId('sample-filter').selectOption('wrong');
  const wrong = want.filter((w: [number, boolean, string]) => !w[1]);
  expect(await shown(page, model)).toEqual(wrong.slice(0, 6));
  // Talk mode's slide of the problem renders its LaTeX too, and keeps the texts' words.
  await page.getByTestId('talk-problem').check();
  await page.getByTestId('talk-mode').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('talk-problem-text').locator('math').first()).toBeVisible();
  await expect(page.getByTestId('talk-response').locator('math').first()).toBeVisible();
  const plain = (s: string) => s.replace(/\$[^$]*\$/g, '').replace(/\s+/g, ' ').trim().slice(0, 20);
  await expect(page.getByTestId('talk-problem-text')).toContainText(plain(rec.question).split(' ')[0]);
  await screenshotOf(page.locator('.talk'), 'talk-problem-math');
  await page.keyboard.press('Escape');
});

test('records pretty-printed one after another: the drawer shows each record\'s samples', async ({ page }) => {
  // Three of the RLVR paper's records as `json.dump(record, f, indent=2)` appended would write
  // them, CRLF line ends (Windows), and half a surrogate pair (a string cut inside an emoji) in
  // a field the reader skips and in a problem's text, where it shows as U+FFFD.
  const records = fs.readFileSync(RLVR_EXAMPLE, 'utf8').split('\n').filter((l) => l).slice(0, 3).map((l) => JSON.parse(l));
  const text = records
    .map((r, i) => JSON.stringify({ ...r, note: 'cut \ud83d', question: r.question + (i === 1 ? ' \ud83d' : '') }, null, 2))
    .join('\n')
    .replace(/\n/g, '\r\n');
  expect(text).toContain('\\ud83d');
  const file = tmp('pretty.json');
  fs.writeFileSync(file, text);
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([file]);
  await expectReady(page);
  await expect(page.getByTestId('file-report')).toHaveAttribute('data-used', '3');
  await expect(page.getByTestId('file-report').locator('.note')).toContainText(['4 escape(s) of half a surrogate pair']);
  const rec = records[1];
  await open(page, String(rec.idx));
  await page.getByTestId('sample-math').uncheck();
  await expect(page.getByTestId('problem-text')).toHaveText(rec.question + ' \ufffd');
  const want = rec.code.map((c: string, k: number) => [k, rec.score[k], c]);
  expect(await shown(page, 'pretty')).toEqual(want.slice(0, 6));
});

/** The entries of a zip whose local headers state their sizes (Inspect's `.eval`), inflated. */
function zipEntries(file: string): Map<string, Buffer> {
  const buf = fs.readFileSync(file);
  const out = new Map<string, Buffer>();
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const method = buf.readUInt16LE(at + 8);
    const size = buf.readUInt32LE(at + 18);
    const [nameLen, extraLen] = [buf.readUInt16LE(at + 26), buf.readUInt16LE(at + 28)];
    const name = buf.toString('utf8', at + 30, at + 30 + nameLen);
    const data = buf.subarray(at + 30 + nameLen + extraLen, at + 30 + nameLen + extraLen + size);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
    at += 30 + nameLen + extraLen + size;
  }
  return out;
}

test("Inspect logs: each model's epochs of a problem, read from their .eval entries, side by side", async ({ page }) => {
  const files = ['gpt-5', 'claude-sonnet-4', 'gemini-2.5-pro'].map((m) => shared(`real-formats/inspect/popularity-set2_${m}_5epochs.eval`));
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(files);
  await expectReady(page);
  // Problem 5: gpt-5 always wrong, Claude right in three epochs of five, Gemini always right.
  await open(page, '5');
  let mixed = 0;
  for (const file of files) {
    const entries = zipEntries(file);
    const model = JSON.parse(entries.get('header.json')!.toString()).eval.model;
    // In the log's order: its summaries'.
    const order = JSON.parse(entries.get('summaries.json')!.toString()).filter((s: { id: number }) => s.id === 5);
    const want = order.map((s: { epoch: number }, k: number) => {
      const sample = JSON.parse(entries.get(`samples/5_epoch_${s.epoch}.json`)!.toString());
      return [k, sample.scores.match.value === 'C', sample.output.completion];
    });
    expect(want).toHaveLength(5);
    await expect(page.locator(`[data-testid="sample"][data-model="${model}"]`)).toHaveCount(5);
    expect(await shown(page, model)).toEqual(want);
    const right = want.filter((w: [number, boolean, string]) => w[1]).length;
    if (right > 0 && right < 5) mixed += 1;
  }
  expect(mixed).toBe(1);
  await page.getByTestId('sample-filter').selectOption('first');
  await screenshotOf(page.locator('#problem-section'), 'problem-samples-inspect');
  await page.getByTestId('sample-filter').selectOption('all');
  const first = JSON.parse(zipEntries(files[0]).get('samples/5_epoch_1.json')!.toString());
  await expect(page.getByTestId('problem-text')).toHaveText(first.input);
  await expect(page.getByTestId('problem-reference')).toHaveText(first.target);
  // Words of another problem's statement find it (its first sample's input, inflated again).
  const ten = JSON.parse(zipEntries(files[0]).get('samples/10_epoch_1.json')!.toString());
  expect(ten.input).toContain('strive to be unpopular');
  await page.getByTestId('problem-search').fill('strive unpopular');
  await page.getByTestId('problem-search').press('Enter');
  await expect(page.getByTestId('problem-drawer')).toHaveAttribute('data-problem', '10');
  // A model renamed by hand keeps its texts under its new name.
  await page.locator('.assign-steps summary').click();
  const gpt5 = page.locator('[data-testid="step-assign"][data-model="openai/gpt-5"]');
  await gpt5.fill('gpt5@100');
  await gpt5.press('Enter');
  await expectReady(page);
  await open(page, '5');
  await expect(page.locator('[data-testid="sample"][data-model="gpt5@100"]')).toHaveCount(5);
  await expect(page.locator('[data-testid="sample"][data-model="openai/gpt-5"]')).toHaveCount(0);
});

test("evalplus results: a task's solution and its verdict by the base and plus tests", async ({ page }) => {
  const file = shared('real-formats/evalplus/llama3-exp_root_samples_eval_results.json');
  const tasks = JSON.parse(fs.readFileSync(file, 'utf8')).eval;
  // A task whose solution passes the base tests but not the plus tests.
  const id = Object.keys(tasks).find((t) => tasks[t][0].base_status === 'pass' && tasks[t][0].plus_status === 'fail')!;
  expect(id).toBeTruthy();
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(file);
  await expectReady(page);
  await open(page, id);
  const sample = page.getByTestId('sample');
  await expect(sample).toHaveCount(1);
  await expect(sample).toHaveText(tasks[id][0].solution);
  await expect(sample).toHaveAttribute('data-correct', 'false');
});

const parquet = (rel: string) => path.resolve(__dirname, '../fixtures/parquet', rel);

test("Parquet tables: a row's texts are read again by the Parquet reader; lighteval's verdicts are not made up", async ({ page }) => {
  // tests/fixtures/make_parquet.py: six problems of 4 samples, c = 0, 1, 2, 3, 4, 4; sample k of
  // problem i is correct when k < c.
  const C = [0, 1, 2, 3, 4, 4];
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(parquet('per-sample.parquet'));
  await expectReady(page);
  // Rows 8–11 (problem p2) span the first two row groups of 10 rows.
  await open(page, 'p2');
  await page.getByTestId('sample-math').uncheck();
  await expect(page.getByTestId('problem-text')).toHaveText('Problem 2: what is 2 + 2?');
  const want = [0, 1, 2, 3].map((k) => [k, k < C[2], `p2 sample ${k}: ${(k < C[2] ? 'right ' : 'wrong ').repeat(30)}`]);
  await expect(page.getByTestId('sample')).toHaveCount(4);
  expect(await shown(page, 'qwen-rl')).toEqual(want);
  // By words of the problem's text: the table's question column read once.
  await page.getByTestId('problem-search').fill('what is 4 + 4');
  await page.getByTestId('problem-search').press('Enter');
  await expect(page.getByTestId('problem-drawer')).toHaveAttribute('data-problem', 'p4');
  await expect(page.getByTestId('sample').first()).toHaveText(/^p4 sample 0: right/);

  // lighteval's details keep each document's mean only: responses and gold, no verdict each.
  await page.getByTestId('clear-data').click();
  await page.getByTestId('folder-input').setInputFiles(parquet('details'));
  await expectReady(page);
  await open(page, 'doc-3');
  await page.getByTestId('sample-math').uncheck();
  const model = 'Qwen/Qwen2.5-Math-7B';
  await expect(page.getByTestId('problem-text')).toHaveText('Problem 3: what is 3 + 3?');
  await expect(page.getByTestId('problem-reference')).toHaveText('6');
  const samples = page.locator(`[data-testid="sample"][data-model="${model}"]`);
  await expect(samples).toHaveCount(4);
  expect(await samples.evaluateAll((els) => els.map((e) => [e.getAttribute('data-correct'), e.textContent]))).toEqual(
    [0, 1, 2, 3].map((k) => ['unknown', `Sample ${k}: the answer is ${6 + (k >= C[3] ? 1 : 0)}`]),
  );
  const drawer = page.getByTestId('problem-drawer');
  await expect(drawer).toContainText('3 of these 4 samples are correct: the file records how many, not which.');
  await expect(drawer).toContainText('#0 verdict not recorded');
  // Neither "only correct" nor "only wrong" claims them.
  await page.getByTestId('sample-filter').selectOption('correct');
  await expect(samples).toHaveCount(0);
  await page.getByTestId('sample-filter').selectOption('all');
  await screenshotOf(page.locator('#problem-section'), 'problem-samples-lighteval');
});

test('problem-search finds a problem by words of its text', async ({ page }) => {
  const records = fs.readFileSync(RLVR_EXAMPLE, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
  // Words of one problem's question that no earlier problem holds all of.
  const holds = (q: string, words: string[]) => words.every((w) => q.toLowerCase().includes(w.toLowerCase()));
  const target = records[57];
  const words = (target.question as string).split(/\s+/).filter((w) => /^[A-Za-z]{5,}$/.test(w)).slice(0, 3);
  expect(words.length).toBeGreaterThan(0);
  const first = records.find((r) => holds(r.question, words));
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([RLVR_EXAMPLE]);
  await expectReady(page);
  await page.getByTestId('problem-search').fill(words.join(' '));
  await page.getByTestId('problem-search').press('Enter');
  await expect(page.getByTestId('problem-drawer')).toHaveAttribute('data-problem', String(first.idx));
  await page.getByTestId('sample-math').uncheck();
  await expect(page.getByTestId('problem-text')).toHaveText(first.question);
  // Words no problem holds: "searching…" while the texts are read, then "no problem matches".
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      const note = document.querySelector('[data-testid="problem-searching"]');
      if (note && !seen.includes(note.textContent ?? '')) seen.push(note.textContent ?? '');
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId('problem-search').fill('zebra quasar');
  await page.getByTestId('problem-search').press('Enter');
  await expect(page.getByTestId('problem-missing')).toContainText('zebra quasar');
  await expect(page.getByTestId('problem-searching')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toContain("Searching the problems' texts for “zebra quasar”…");
});

test('the mapping panel names where the responses, the problem text and the reference lie', async ({ page }) => {
  // A schema of its own: no usual name finds its ids, verdicts or texts.
  const records = [
    { pid: 7, res: [{ text: 'x = 4', ok: true }, { text: 'x = 5', ok: false }, { text: 'x = 4.0', ok: true }], prob: { en: 'Solve x - 2 = 2.' }, sol: 4 },
    { pid: 8, res: [{ text: 'no idea', ok: false }], prob: { en: 'Solve x + 1 = 3.' }, sol: 2 },
  ];
  const file = tmp('own-schema.jsonl');
  fs.writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(file);
  const panel = page.getByTestId('mapping-panel');
  await panel.getByTestId('mapping-id').selectOption('pid');
  await panel.getByTestId('mapping-correct').selectOption('res[].ok');
  await panel.getByTestId('mapping-response').selectOption('res[].text');
  await panel.getByTestId('mapping-question').selectOption('prob.en');
  await panel.getByTestId('mapping-reference').selectOption('sol');
  await panel.getByTestId('mapping-apply').click();
  await expectReady(page);
  await open(page, '7');
  await expect(page.getByTestId('problem-text')).toHaveText('Solve x - 2 = 2.');
  await expect(page.getByTestId('problem-reference')).toHaveText('4');
  expect(await shown(page, 'own-schema')).toEqual(records[0].res.map((r, k) => [k, r.ok, r.text]));
});

test('two clicks from the coverage table show a problem only the CoT prompt solves, side by side (ToT logs)', async ({ page }) => {
  const cot = JSON.parse(fs.readFileSync(TOT_COT, 'utf8'));
  const io = JSON.parse(fs.readFileSync(TOT_IO, 'utf8'));
  await page.goto('./');
  await expectReady(page);
  // The CoT log is read through the mapping panel (correctness in `infos[].r`), the IO log as it is.
  await page.getByTestId('file-input').setInputFiles(TOT_COT);
  const panel = page.getByTestId('mapping-panel');
  await panel.getByTestId('mapping-id').selectOption('idx');
  await panel.getByTestId('mapping-correct').selectOption('infos[].r');
  await panel.getByTestId('mapping-apply').click();
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(TOT_IO);
  await expectReady(page);
  await page.getByTestId('k-select').fill('100');
  await page.getByTestId('k-select').dispatchEvent('change');
  await expectReady(page);
  const row = page.locator(`[data-testid="coverage-region"][data-region="${COT}"]`);
  await row.getByRole('button').click();
  const first = row.locator('button.id').first();
  const id = (await first.getAttribute('data-problem'))!;
  await first.click();
  const drawer = page.getByTestId('problem-drawer');
  await expect(drawer).toHaveAttribute('data-problem', id);
  await expect(drawer.locator('.drawer-model')).toHaveCount(2);
  // The logs hold the responses, not the puzzles' text.
  await expect(drawer).toContainText('The files give no problem text.');
  await expect(page.getByTestId('problem-text')).toHaveCount(0);
  const c = cot.find((e: { idx: number }) => String(e.idx) === id);
  const o = io.find((e: { idx: number }) => String(e.idx) === id);
  // Only correct: the CoT log's right responses; the IO log has none.
  await page.getByTestId('sample-filter').selectOption('correct');
  const right = c.ys.map((y: string, k: number) => [k, c.infos[k].r === 1, y]).filter((s: [number, boolean, string]) => s[1]);
  expect(right.length).toBeGreaterThan(0);
  await expect(drawer.locator(`[data-testid="sample"][data-model="${COT}"]`)).toHaveCount(Math.min(6, right.length));
  expect(await shown(page, COT)).toEqual(right.slice(0, 6));
  expect(await shown(page, IO)).toEqual([]);
  // Only wrong: the IO log's responses, exactly its `ys`, all marked wrong in `accs`.
  await page.getByTestId('sample-filter').selectOption('wrong');
  const wrongIo = o.ys.map((y: string, k: number) => [k, o.accs[k] === 1, y]);
  expect(await shown(page, IO)).toEqual(wrongIo.slice(0, 6));
  // Correct first: the CoT log's right response beside the IO log's wrong ones.
  await page.getByTestId('sample-filter').selectOption('first');
  expect((await shown(page, COT))[0]).toEqual(right[0]);
  await screenshotOf(page.locator('#problem-section'), 'problem-samples');
  await page.getByTestId('theme-toggle').click();
  await screenshotOf(page.locator('#problem-section'), 'problem-samples-dark');
  await page.getByTestId('theme-toggle').click();

  // Talk mode has no problem slide unless the speaker puts one there (texts may be private).
  await page.getByTestId('talk-mode').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('talk-slide')).toHaveAttribute('data-slide', '7');
  await page.keyboard.press('Escape');
  await page.getByTestId('talk-problem').check();
  await page.getByTestId('talk-mode').click();
  await page.keyboard.press('End');
  const slide = page.getByTestId('talk-slide');
  await expect(slide).toHaveAttribute('data-slide', '8');
  await expect(slide.locator('h2')).toHaveText(`A problem RL lost: problem ${id}`);
  await expect(slide).toContainText(`${COT}: ${right.length} of 100 samples correct`);
  await expect(slide.getByTestId('talk-response')).toHaveText(right[0][2]);
  await screenshotOf(slide, 'talk-problem');
  await page.keyboard.press('Escape');
});

test('responses are text: hostile ones show literally, nothing runs; a 1 MB one is cut with "show all"', async ({ page }) => {
  const hostile = [
    '<img src=x onerror="window.pwned=1">',
    '<script>window.pwned=2</script>',
    '\u202Eevil\u200B and <b onmouseover="window.pwned=3">bold</b>',
    'x'.repeat(1_000_000) + 'END',
    // LaTeX that would carry markup or a link into the rendered MathML.
    '$\\text{<img src=x onerror="window.pwned=5">}$ and $\\color{red" onmouseover="window.pwned=6}{x}$ $\\href{javascript:window.pwned=7}{y}$',
  ];
  const file = tmp('hostile-responses.jsonl');
  fs.writeFileSync(
    file,
    JSON.stringify({ idx: 7, question: '<svg onload="window.pwned=4">', gt: '<i>4</i>', code: hostile, score: [true, false, false, true, false] }) + '\n',
  );
  const dialogs = countDialogs(page);
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([file]);
  await expectReady(page);
  await open(page, '7');
  await expect(page.getByTestId('problem-text')).toHaveText('<svg onload="window.pwned=4">');
  await expect(page.getByTestId('problem-reference')).toHaveText('<i>4</i>');
  const samples = page.getByTestId('sample');
  await expect(samples).toHaveCount(5);
  for (let k = 0; k < 3; k++) await expect(samples.nth(k)).toHaveText(hostile[k]);
  // The LaTeX one as MathML: its markup is text inside <mtext>, and no attribute but MathML's.
  await expect(samples.nth(4).locator('math').first()).toBeAttached();
  await expect(samples.nth(4)).toContainText('<img src=x onerror="window.pwned=5">');
  const attrs = await samples.nth(4).evaluate((e) => [...e.querySelectorAll('*')].flatMap((n) => [...n.attributes].map((a) => a.name)));
  expect(attrs.filter((a) => /^on|href|style|src/.test(a))).toEqual([]);
  await samples.nth(4).locator('math').first().hover();
  // The long one: its first 20 000 characters, then all of it on request.
  expect((await samples.nth(3).textContent())!.length).toBe(20_000);
  await page.getByRole('button', { name: /Show all 1000003 characters/ }).click();
  await expect(samples.nth(3)).toHaveText(hostile[3]);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(await page.locator('#problem-section img, #problem-section script, #problem-section svg, #problem-section b, #problem-section a').count()).toBe(0);
  expect(dialogs()).toBe(0);
});

test('a gzipped file is decompressed again up to the problem asked for', async ({ page }) => {
  const file = tmp('math_cot_100.jsonl.gz');
  fs.writeFileSync(file, zlib.gzipSync(fs.readFileSync(RLVR_EXAMPLE)));
  const records = fs.readFileSync(RLVR_EXAMPLE, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
  const rec = records[records.length - 1];
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([file]);
  await expectReady(page);
  await open(page, String(rec.idx));
  await page.getByTestId('sample-math').uncheck();
  await expect(page.getByTestId('problem-text')).toHaveText(rec.question);
  expect(await shown(page, 'math_cot_100')).toEqual(rec.code.slice(0, 6).map((c: string, k: number) => [k, rec.score[k], c]));
});

test('the demo (counts from a link) has no texts, and the drawer says where they are', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await open(page, '137');
  await expect(page.getByTestId('problem-drawer')).toContainText('The responses are in the files');
  await expect(page.getByTestId('sample')).toHaveCount(0);
});
