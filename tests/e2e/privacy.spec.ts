// Privacy: the page declares a Content-Security-Policy that allows its own origin only, and a
// full session (the demo, the user's files, .gz, every chart and export, a share link made and
// opened) sends no request
// anywhere else and violates nothing in the policy.
import * as zlib from 'node:zlib';
import * as fs from 'node:fs';
import { test, expect, expectReady, download, MATH500_BASE, MATH500_RL } from './fixtures';

test('a full session requests nothing beyond the page’s own origin', async ({ page, baseURL, errors }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('worker', (w) => requests.push(`worker ${w.url()}`));
  await page.addInitScript(() => {
    (window as any).violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as any).violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto('./');
  await expectReady(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("default-src 'none'");

  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles({
    name: 'more.jsonl.gz',
    mimeType: 'application/gzip',
    buffer: zlib.gzipSync(fs.readFileSync(MATH500_RL)),
  });
  await expectReady(page);
  await page.getByTestId('k-select').fill('16');
  await page.getByTestId('k-select').dispatchEvent('change');
  await page.getByTestId('theme-toggle').click();
  for (const id of ['export-passk-csv', 'export-coverage-csv', 'export-problems-csv']) {
    expect((await download(page, id)).text.length).toBeGreaterThan(100);
  }
  await page.getByTestId('chart-passk').hover();
  // A share link is made and opened in the browser alone.
  await page.getByTestId('share-link').click();
  const link = await page.getByTestId('share-url').inputValue();
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);
  await page.goto(link);
  await expectReady(page);
  await expect(page.getByTestId('load-status')).toContainText('share link');

  const foreign = requests
    .map((r) => r.replace(/^worker /, ''))
    .filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign, 'requests that leave the origin').toEqual([]);
  expect(requests.some((r) => r.startsWith('worker '))).toBe(true);
  expect(await page.evaluate(() => (window as any).violations)).toEqual([]);

  // And the policy really stops a connection elsewhere.
  const blocked = await page.evaluate(() => fetch('https://example.com/x').then(() => 'sent', () => 'blocked'));
  expect(blocked).toBe('blocked');
  expect(await page.evaluate(() => (window as any).violations)).toEqual(['connect-src https://example.com/x']);
  // The browser logs that refusal as errors: expected here, and only here.
  const refused = errors.filter((e) => e.includes('https://example.com/x'));
  expect(refused.length).toBeGreaterThan(0);
  errors.splice(0, errors.length, ...errors.filter((e) => !refused.includes(e)));
});
