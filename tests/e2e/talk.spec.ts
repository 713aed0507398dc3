// Talk mode: full-screen 16:9 slides written from the loaded data (here the MATH500 demo), moved
// with ←/→ and left with Esc; every slide is saved as a screenshot to be looked at.
import * as fs from 'node:fs';
import type { Download } from '@playwright/test';
import { test, expect, expectReady, screenshotOf } from './fixtures';

test.use({ viewport: { width: 1920, height: 1080 } });

const TITLES = [
  /^At k = 1, .* is ahead$/,
  'Grow k: the base model catches up at k* = 15',
  'At k = 128: what only RL solves ≈ 3',
  'As k grows, the base model solves more',
  'Problem by problem: sharpening',
  'Δ_SE = 18.3 points',
  'Every benchmark, every model: the base catches up in 1 of 1',
  'Sharpening alone draws the same picture',
];

test('talk mode steps through eight slides of the loaded data with the arrow keys', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('talk-mode').click();
  const slide = page.getByTestId('talk-slide');
  for (let i = 0; i < TITLES.length; i++) {
    await expect(slide).toHaveAttribute('data-slide', String(i));
    await expect(slide.locator('h2')).toHaveText(TITLES[i]);
    const box = (await slide.boundingBox())!;
    expect(Math.abs(box.width / box.height - 16 / 9)).toBeLessThan(0.02);
    await page.waitForTimeout(150);
    await screenshotOf(slide, `talk-slide-${i}`);
    await page.keyboard.press('ArrowRight');
  }
  // The last slide stays the last; ← goes back.
  await expect(slide).toHaveAttribute('data-slide', '7');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slide).toHaveAttribute('data-slide', '5');
  await expect(slide.locator('.takeaway')).toContainText('pass@128(base) − pass@1(');

  // A slide's chart exports like the page's.
  const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), slide.getByTestId('export-png').click()]);
  const png = fs.readFileSync(await file.path());
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);

  await page.keyboard.press('Escape');
  await expect(slide).toHaveCount(0);
  await expect(page.getByTestId('chart-passk')).toBeVisible();
});
