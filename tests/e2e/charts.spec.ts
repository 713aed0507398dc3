import * as fs from 'node:fs';
import * as path from 'node:path';
import { test, expect, expectReady, screenshot, MATH500_BASE, MATH500_RL, type Page } from './fixtures';

const CHARTS = ['chart-passk', 'chart-coverage', 'chart-coverage-k', 'chart-problems'];

/** A third model for the MATH500 problems: a "distilled" model that solves problems by its own pattern. */
const distilled = () => {
  const lines = Array.from({ length: 500 }, (_, id) => {
    const c = id % 7 === 0 ? 64 : id % 11 === 0 ? 0 : 100;
    return JSON.stringify({ idx: id, n: 128, c });
  });
  return { name: 'distilled-7b.jsonl', mimeType: 'application/json', buffer: Buffer.from(lines.join('\n')) };
};

/** How many pixels of a canvas differ from its top-left (background) pixel, and a cheap hash. */
async function inked(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0, hash = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) ink++;
      hash = (hash * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) | 0;
    }
    return { ink, hash, width: c.width, cssWidth: c.clientWidth };
  });
}

async function loadPair(page: Page, extra = false) {
  await page.goto('./');
  await expectReady(page);
  const asBuffer = (p: string) => ({ name: path.basename(p), mimeType: 'application/json', buffer: fs.readFileSync(p) });
  const files = [asBuffer(MATH500_BASE), asBuffer(MATH500_RL)];
  if (extra) files.push(distilled());
  await page.getByTestId('file-input').setInputFiles(files);
  await expectReady(page);
}

test('every chart is drawn at devicePixelRatio', async ({ browser }) => {
  const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 1280, height: 800 } });
  await loadPair(page);
  for (const id of CHARTS) {
    await page.getByTestId(id).scrollIntoViewIfNeeded();
    await expect.poll(async () => (await inked(page, id)).ink, { message: id }).toBeGreaterThan(5000);
    const { width, cssWidth } = await inked(page, id);
    expect(width, id).toBe(cssWidth * 2);
  }
  await page.close();
});

test('coverage charts follow k, and the slider animates it', async ({ page }) => {
  await loadPair(page);
  const before = await inked(page, 'chart-coverage');
  await page.getByTestId('k-select').fill('2');
  await page.getByTestId('k-select').press('Enter');
  await expect.poll(async () => (await inked(page, 'chart-coverage')).hash).not.toBe(before.hash);
  await page.getByTestId('k-animate').click();
  await expect(page.getByTestId('k-select')).toHaveValue('128', { timeout: 10_000 });
});

test('hovering the pass@k chart shows k and every visible model', async ({ page }) => {
  await loadPair(page);
  const canvas = page.getByTestId('chart-passk');
  await canvas.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-tooltip')).toHaveCount(0);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const tip = page.getByTestId('chart-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText(/k = \d+/);
  await expect(tip).toContainText('qwen2.5-7b-base');
  await expect(tip).toContainText('qwen2.5-7b-simplerl-zoo');
  // Hiding a model in the legend removes it from the read-out.
  await page.getByTestId('legend-toggle').nth(1).uncheck();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
  await expect(tip).not.toContainText('simplerl');
  await page.mouse.move(0, 0);
  await expect(page.getByTestId('chart-tooltip')).toHaveCount(0);
});

test('clicking the lens of the Euler diagram lists the problems both solve', async ({ page }) => {
  await loadPair(page);
  const canvas = page.getByTestId('chart-coverage');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  // The two circles overlap almost entirely (462 of 481 and 465): the middle is in both.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.52);
  const list = page.getByTestId('region-problems');
  await expect(list).toHaveAttribute('data-region', 'qwen2.5-7b-base+qwen2.5-7b-simplerl-zoo');
  await expect(list).toContainText('462 problem(s)');
});

for (const [w, h] of [[1280, 800], [1920, 1080]]) {
  for (const models of [2, 3]) {
    test(`screenshots at ${w}×${h} with ${models} models`, async ({ browser }) => {
      const page = await browser.newPage({ viewport: { width: w, height: h } });
      await loadPair(page, models === 3);
      await expect(page.getByTestId('coverage-region')).toHaveCount(2 ** models);
      for (const id of CHARTS) {
        await page.getByTestId(id).scrollIntoViewIfNeeded();
        await expect.poll(async () => (await inked(page, id)).ink).toBeGreaterThan(5000);
        await page.getByTestId(id).screenshot({ path: `tests/e2e/screenshots/${id}-${models}models-${w}x${h}.png` });
      }
      if (w === 1920 && models === 2) {
        await page.getByTestId('theme-toggle').click();
        await expect.poll(async () => (await inked(page, 'chart-passk')).hash).toBeDefined();
        await page.getByTestId('chart-passk').scrollIntoViewIfNeeded();
        await page.waitForTimeout(200);
        await page.getByTestId('chart-passk').screenshot({ path: `tests/e2e/screenshots/chart-passk-dark-${w}x${h}.png` });
        await screenshot(page, 'page-dark');
      }
      await page.close();
    });
  }
}

test('the per-problem view switches to the sorted view', async ({ page }) => {
  await loadPair(page);
  await page.getByTestId('chart-problems').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await inked(page, 'chart-problems')).ink).toBeGreaterThan(5000);
  const scatter = await inked(page, 'chart-problems');
  await page.getByTestId('problems-sorted').check();
  await expect.poll(async () => (await inked(page, 'chart-problems')).hash).not.toBe(scatter.hash);
  await page.getByTestId('chart-problems').screenshot({ path: 'tests/e2e/screenshots/chart-problems-sorted.png' });
});

test('a chart follows its container, not only the window', async ({ page }) => {
  await loadPair(page);
  const canvas = page.getByTestId('chart-passk');
  const before = await canvas.evaluate((c: HTMLCanvasElement) => c.width);
  await page.evaluate(() => { document.querySelector('main')!.style.maxWidth = '700px'; });
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.clientWidth])).toEqual([
    expect.any(Number),
    expect.any(Number),
  ]);
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width)).toBeLessThan(before);
  const [w, css] = await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.clientWidth]);
  expect(w).toBe(css);
});
