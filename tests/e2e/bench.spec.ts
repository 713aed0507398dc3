// Performance figures for `make bench` (skipped by `make test`): the longest main-thread task
// while the k slider is dragged, with 8 models × 1000 problems × n = 1024 loaded. Prints; asserts
// nothing about time.
import { test, expect, expectReady } from './fixtures';

test.skip(!process.env.BENCH, 'run by make bench');

/** Deterministic counts: 8 models × 1000 problems × n = 1024, U-shaped success rates. */
function synthetic(): Buffer {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines: string[] = [];
  for (let m = 0; m < 8; m++) {
    for (let p = 0; p < 1000; p++) {
      const u = rand();
      const rate = u < 0.3 ? 0 : u > 0.7 ? 1 : (u - 0.3) / 0.4;
      const c = Math.min(1024, Math.max(0, Math.round(rate * 1024 + (rand() - 0.5) * 40)));
      lines.push(JSON.stringify({ model: `model-${m}`, problem_id: String(p), n: 1024, c }));
    }
  }
  return Buffer.from(lines.join('\n'));
}

test('longest main-thread task while dragging k', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('./');
  await expectReady(page);
  await page.evaluate(() => {
    (window as any).longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as any).longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  const t0 = Date.now();
  await page.getByTestId('file-input').setInputFiles({ name: 'eight.jsonl', mimeType: 'application/json', buffer: synthetic() });
  await expectReady(page);
  await expect(page.getByTestId('passk-table').locator('tbody tr')).toHaveCount(8);
  const loadMs = Date.now() - t0;
  const atLoad: number[] = await page.evaluate(() => (window as any).longTasks.splice(0));
  const slider = page.getByTestId('k-slider');
  await slider.scrollIntoViewIfNeeded();
  for (const k of [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024]) {
    await slider.fill(String(k));
  }
  await expect(page.getByTestId('k-select')).toHaveValue('1024');
  await page.waitForTimeout(500);
  const dragging: number[] = await page.evaluate(() => (window as any).longTasks);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  console.log(`BENCH e2e load of 8 models x 1000 problems (counts) to ready: ${loadMs} ms; longest task ${max(atLoad).toFixed(0)} ms`);
  console.log(`BENCH e2e dragging k over 20 values: ${dragging.length} tasks over 50 ms, longest ${max(dragging).toFixed(0)} ms`);
});
