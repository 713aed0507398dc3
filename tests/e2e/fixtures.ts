import { test as base, expect, type Page, type Download, type Locator } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The real data shared beside the repository. */
export const shared = (rel: string) => path.resolve(__dirname, '../../../shared/data', rel);
export const MATH500_BASE = shared('math500-qwen25-7b-vs-simplerl/qwen2.5-7b-base.jsonl');
export const MATH500_RL = shared('math500-qwen25-7b-vs-simplerl/qwen2.5-7b-simplerl-zoo.jsonl');
export const RLVR_EXAMPLE = shared('limit-of-rlvr-math-eval/math_cot_100.jsonl');

/** Screenshots the suite saves for people to look at. */
export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.resolve(__dirname, 'screenshots', `${name}.png`), fullPage: true });

/**
 * A screenshot of one element (a panel), for a close look: the page's region where the element
 * lies. It is a picture for people, not a check. After a download (an export's link clicked),
 * headless Chromium's capture often never completes (7 of 10 repeats after two SVG exports, 0
 * of 10 without; microsoft/playwright#9757 describes captures that wait on a load that does not
 * finish): take screenshots before exports; one that takes over 20 s is given up with a warning.
 */
export async function screenshotOf(locator: Locator, name: string) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${name}: the element is not shown`);
  const page = locator.page();
  const [x, y] = await page.evaluate(() => [window.scrollX, window.scrollY]);
  try {
    await page.screenshot({
      path: path.resolve(__dirname, 'screenshots', `${name}.png`),
      fullPage: true,
      clip: { x: box.x + x, y: box.y + y, width: box.width, height: box.height },
      timeout: 20_000,
    });
  } catch (e) {
    console.warn(`screenshot ${name} not taken: ${e}`);
  }
}

/** Every test fails on a console error or an uncaught page error: a panic is a bug. */
export const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
      await use(errors);
      expect(errors, 'console errors and page errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Waits until every chosen file is read and the results are computed. */
export async function expectReady(page: Page) {
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
}

/** A parsed CSV: header names → values per row. */
export type Row = Record<string, string>;

export function parseCsv(text: string): Row[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    // Fields never hold commas in these tests, so a plain split is exact.
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  });
}

/** Clicks an export button and returns the downloaded file's name and text. */
export async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

/** pass@k of (model, k) from passk.csv rows. */
export function passAt(rows: Row[], model: string, k: number): number {
  const row = rows.find((r) => r.model === model && r.k === String(k));
  if (!row) throw new Error(`no passk.csv row for ${model} at k = ${k}`);
  return Number(row.pass_at_k);
}

/** Counts the dialogs the page opens (each dismissed): hostile texts must open none. */
export function countDialogs(page: Page): () => number {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  return () => dialogs;
}
