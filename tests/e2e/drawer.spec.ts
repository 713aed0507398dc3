// The problem drawer: from the coverage table's "only the base model" row, two clicks open a
// problem RL lost, every model's counts side by side; problem-search opens a problem of the
// RLVR paper's file, whose extracted answers are counted exactly as the file gives them; answers
// that look like HTML are shown as text.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, expect, expectReady, countDialogs, screenshotOf, MATH500_BASE, MATH500_RL, RLVR_EXAMPLE } from './fixtures';

const BASE = 'qwen2.5-7b-base';
const RL = 'qwen2.5-7b-simplerl-zoo';

test('two clicks from the coverage table open a problem the RL model lost', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await page.getByTestId('k-select').fill('128');
  await page.getByTestId('k-select').dispatchEvent('change');
  await expectReady(page);
  const row = page.locator(`[data-testid="coverage-region"][data-region="${BASE}"]`);
  await expect(row).toHaveAttribute('data-value', '19');
  await row.getByRole('button').click();
  const first = row.locator('button.id').first();
  const id = (await first.getAttribute('data-problem'))!;
  await first.click();
  const drawer = page.getByTestId('problem-drawer');
  await expect(drawer).toHaveAttribute('data-problem', id);
  await expect(drawer).toHaveAttribute('data-benchmark', 'all');
  await expect(drawer).toBeInViewport();
  // Side by side: the base model solved it at least once in 128 samples, the RL model never.
  const columns = drawer.locator('.drawer-model');
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(0)).toContainText(BASE);
  await expect(columns.nth(1)).toContainText(`0 of 128 samples correct`);
  await expect(columns.nth(0)).not.toContainText(' 0 of 128');
  // Counts-only files have no extracted answers, and the drawer says so.
  await expect(drawer.getByTestId('answer-count')).toHaveCount(0);
  await expect(columns.nth(1)).toContainText('No extracted answers');
  await page.getByTestId('problem-close').click();
  await expect(drawer).toHaveCount(0);
});

/** Extracted answers of problem `idx` of a paper-format file, as (answer, count, all correct). */
function answersOf(file: string, idx: number): Map<string, [number, boolean]> {
  const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => l && JSON.parse(l).idx === idx)!;
  const rec = JSON.parse(line);
  const out = new Map<string, [number, boolean]>();
  rec.pred.forEach((p: string, i: number) => {
    const [n, ok] = out.get(p) ?? [0, true];
    out.set(p, [n + 1, ok && rec.score[i] === true]);
  });
  return out;
}

for (const dark of [false, true]) {
  test(`problem-search opens a problem with the file's own answer counts${dark ? ' (dark)' : ''}`, async ({ page }) => {
    await page.goto('./');
    await expectReady(page);
    if (dark) await page.getByTestId('theme-toggle').click();
    await page.getByTestId('file-input').setInputFiles([RLVR_EXAMPLE]);
    await expectReady(page);
    // A problem whose 8 samples disagree: the first such line of the file.
    const lines = fs.readFileSync(RLVR_EXAMPLE, 'utf8').split('\n').filter((l) => l);
    const idx = lines.map((l) => JSON.parse(l)).find((r) => new Set(r.pred).size >= 3).idx as number;
    const search = page.getByTestId('problem-search');
    await search.fill(String(idx));
    await search.press('Enter');
    const drawer = page.getByTestId('problem-drawer');
    await expect(drawer).toHaveAttribute('data-problem', String(idx));
    const want = answersOf(RLVR_EXAMPLE, idx);
    const counts = drawer.getByTestId('answer-count');
    await expect(counts).toHaveCount(want.size);
    const shown = await counts.evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-model'), e.getAttribute('data-answer'), Number(e.getAttribute('data-count')), e.getAttribute('data-correct')]),
    );
    expect(shown.every((r) => r[0] === 'math_cot_100')).toBe(true);
    expect(new Map(shown.map((r) => [r[1] as string, [r[2] as number, r[3] === 'true']]))).toEqual(want);
    // Most frequent first.
    const sizes = shown.map((r) => r[2] as number);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    await screenshotOf(page.locator('#problem-section'), dark ? 'problem-drawer-dark' : 'problem-drawer');
    // A query that names nothing says so.
    await search.fill('no such problem');
    await search.press('Enter');
    await expect(page.getByTestId('problem-missing')).toContainText('no such problem');
  });
}

test('answers that look like HTML are text, and nothing runs', async ({ page }) => {
  const dir = path.join(os.tmpdir(), 'passk-lens-e2e', 'drawer');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'hostile-answers.jsonl');
  const hostile = ['<img src=x onerror="window.pwned=1">', '<script>window.pwned=2</script>', '\u202Eevil\u200B'];
  fs.writeFileSync(file, JSON.stringify({ idx: 0, pred: [...hostile, hostile[0]], score: [true, false, false, true] }) + '\n');
  const dialogs = countDialogs(page);
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([file]);
  await expectReady(page);
  await page.getByTestId('problem-search').fill('0');
  await page.getByTestId('problem-search').press('Enter');
  const counts = page.getByTestId('answer-count');
  await expect(counts).toHaveCount(3);
  await expect(counts.first()).toHaveAttribute('data-count', '2');
  await expect(counts.first().locator('code')).toHaveText(hostile[0]);
  await expect(counts.nth(1).locator('code')).toHaveText(hostile[1]);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  expect(await page.locator('#problem-section img, #problem-section script').count()).toBe(0);
  expect(dialogs()).toBe(0);
});

test('a share link reopens the open problem (its id, never its answers)', async ({ page, browser }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await page.getByTestId('problem-search').fill('137');
  await page.getByTestId('problem-search').press('Enter');
  await expect(page.getByTestId('problem-drawer')).toHaveAttribute('data-problem', '137');
  await page.getByTestId('share-link').click();
  const url = await page.getByTestId('share-url').inputValue();
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto(url);
  await expectReady(fresh);
  const drawer = fresh.getByTestId('problem-drawer');
  await expect(drawer).toHaveAttribute('data-problem', '137');
  await expect(drawer.locator('.drawer-model')).toHaveCount(2);
});

test('a click on a dot of the per-problem scatter opens its problem', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  const canvas = page.getByTestId('chart-problems');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const drawer = page.getByTestId('problem-drawer');
  // Along the diagonal, where the problems both models solve as often lie, until a dot is hit.
  for (let t = 0.98; t > 0.1 && (await drawer.count()) === 0; t -= 0.02) {
    await canvas.click({ position: { x: box.width * 0.9 * t, y: box.height * (1 - 0.85 * t) } });
  }
  await expect(drawer).toHaveCount(1);
  const id = await drawer.getAttribute('data-problem');
  expect(Number(id)).toBeGreaterThanOrEqual(0);
  await expect(drawer.locator('.drawer-model')).toHaveCount(2);
});
