// Deployment: the built site works from a sub-path (GitHub Pages serves it at /<repository>/):
// every asset, the demo and the loading worker are found relative to the page.
import { test, expect, expectReady, MATH500_BASE } from './fixtures';

test('the site works from a sub-path, worker and demo included', async ({ page }) => {
  const url = process.env.E2E_SUBPATH_URL!;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await expectReady(page);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await page.getByTestId('file-input').setInputFiles(MATH500_BASE);
  await expectReady(page);
  await expect(page.getByTestId('file-report')).toHaveAttribute('data-used', '500');
  const outside = requests.filter((r) => !r.startsWith(url) && !r.startsWith('data:') && !r.startsWith('blob:'));
  expect(outside, 'requests outside the sub-path').toEqual([]);
});
