// The sharpening simulator works with no data loaded: sharpening makes the curves cross, no
// sharpening and no loss keeps them equal, and the loaded base model's rates can drive it.
import { test, expect, expectReady, screenshotOf, MATH500_BASE } from './fixtures';

/** Pixels of the simulator's canvas close to the palette's blue (the base model's curve). */
const bluePixels = (page: import('@playwright/test').Page) =>
  page.getByTestId('chart-simulator').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 0x00) < 10 && Math.abs(d[i + 1] - 0x72) < 10 && Math.abs(d[i + 2] - 0xb2) < 10) n++;
    return n;
  });

test('the simulator draws crossing curves with no data, and follows its sliders', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('clear-data').click();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'idle');
  const sim = page.getByTestId('simulator');
  await sim.scrollIntoViewIfNeeded();
  await expect.poll(() => bluePixels(page)).toBeGreaterThan(300);
  const summary = page.getByTestId('sim-summary');
  await expect(summary).toContainText('the base model catches up at k =');
  const k = Number(await summary.getAttribute('data-crossover'));
  expect(k).toBeGreaterThan(1);
  await screenshotOf(sim, 'simulator');

  // Stronger sharpening: RL is further ahead at k = 1, and the crossing moves.
  await page.getByTestId('sim-gamma').fill('6');
  await expect(summary).not.toHaveAttribute('data-crossover', String(k));
  // No sharpening, nothing lost: the same model twice.
  await page.getByTestId('sim-gamma').fill('1');
  await page.getByTestId('sim-lost').fill('0');
  await expect(summary).toContainText('they do not cross');
  await expect(summary).toContainText('Solvable with enough samples: base 100 %, RL 100 %');
});

test('the simulator can start from the loaded base model’s per-problem rates', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(MATH500_BASE);
  await expectReady(page);
  await page.getByTestId('sim-source').selectOption('data');
  await page.getByTestId('sim-lost').fill('0');
  // Qwen2.5-7B solves 481 of 500 MATH500 problems at least once in 128 samples.
  await expect(page.getByTestId('sim-summary')).toContainText('Solvable with enough samples: base 96 %, RL 96 %');
  await expect(page.getByTestId('sim-summary')).toContainText('base 61.4 %');
});
