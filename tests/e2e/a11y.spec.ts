// Accessibility: axe-core finds no serious or critical violation on the page with data, in both
// themes, with the mapping panel open; every control is reachable by keyboard with a visible
// focus ring.
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { test, expect, expectReady, shared, MATH500_BASE, MATH500_RL, RLVR_EXAMPLE } from './fixtures';

const axePath = createRequire(__filename).resolve('axe-core/axe.min.js');

// axe is injected as a script, which the page's own policy would (rightly) refuse.
test.use({ bypassCSP: true });

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => (window as any).axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
    .map((v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

test('axe finds no serious or critical violation, light and dark, with data and with the mapping panel', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('share-url')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('theme-toggle').click();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('file-input').setInputFiles(shared('tot-game24-gpt4/gpt-4_0.7_naive_cot_sample_100_start900_end1000.json'));
  await expect(page.getByTestId('mapping-panel')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('axe finds nothing serious with the problem drawer open on extracted answers, light and dark', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([RLVR_EXAMPLE]);
  await expectReady(page);
  await page.getByTestId('problem-search').fill('6');
  await page.getByTestId('problem-search').press('Enter');
  await expect(page.getByTestId('answer-count').first()).toBeVisible();
  // With the responses shown too.
  await expect(page.getByTestId('sample').first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('theme-toggle').click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('every control is reachable with Tab and shows where the focus is', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  const reached = new Set<string>();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      return { id: el.getAttribute('data-testid') ?? el.tagName.toLowerCase(), ring };
    });
    if (!focused) continue;
    expect(focused.ring, `focus ring on ${focused.id}`).toBe(true);
    reached.add(focused.id);
  }
  for (const id of ['share-link', 'talk-mode', 'theme-toggle', 'file-input', 'clear-data', 'benchmark-select', 'base-model', 'k-select', 'k-slider', 'toggle-log-x', 'export-png', 'export-svg', 'export-passk-csv', 'problems-model']) {
    expect(reached, `reached ${id} by keyboard`).toContain(id);
  }
  // The k input works from the keyboard.
  await page.getByTestId('k-select').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('k-select')).toHaveValue('127');
});
