import { test, expect, expectReady, screenshot } from './fixtures';

const file = (name: string, text: string | Buffer) => ({
  name,
  mimeType: 'application/octet-stream',
  buffer: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'),
});

test('bad lines are listed with number and reason; the rest loads', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  const text = [
    '{"idx": 0, "score": [true, false]}',
    'not json at all',
    '',
    '{"idx": 1, "n": 3, "c": 5}',
    '{"idx": 2, "n": -4, "c": 1}',
    '{"score": [true]}',
    '{"idx": "<script>window.pwned = 1</script>", "score": [true, true]}',
    '{"idx": 3}',
  ].join('\n');
  await page.getByTestId('file-input').setInputFiles(file('<b>model</b>.jsonl', text));
  await expectReady(page);
  const report = page.getByTestId('file-report');
  await expect(report).toHaveAttribute('data-lines', '8');
  await expect(report).toHaveAttribute('data-used', '2');
  await expect(report).toHaveAttribute('data-skipped', '5');
  const items = report.locator('.skips li');
  await expect(items).toHaveCount(5);
  await expect(items.nth(0)).toHaveText(/^line 2: not valid JSON/);
  await expect(items.nth(1)).toHaveText('line 4: c = 5 is larger than n = 3');
  await expect(items.nth(2)).toHaveText('line 5: `n` must be a non-negative integer');
  await expect(items.nth(3)).toHaveText(/^line 6: no problem id/);
  await expect(items.nth(4)).toHaveText(/^line 8: no result/);
  // Names from files are text, never markup.
  await expect(page.getByTestId('passk-table')).toContainText('<b>model</b>');
  expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
  await screenshot(page, 'bad-lines');
});

test('a file with no usable line says what it found and what was expected', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  const samples = '{"task_id": "test/0", "completion": "    return 1"}\n'.repeat(3);
  await page.getByTestId('file-input').setInputFiles(file('samples.jsonl', samples));
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'error');
  const report = page.getByTestId('file-report');
  await expect(report).toHaveAttribute('data-used', '0');
  await expect(report).toContainText('Found fields completion, task_id');
  await expect(report).toContainText('Expected a problem id');
});

test('binary junk, a fake .gz and an empty file end with messages, not a crash', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256));
  await page.getByTestId('file-input').setInputFiles([
    file('junk.jsonl', junk),
    file('fake.jsonl.gz', '{"idx": 0, "score": [true]}\n'),
    file('empty.jsonl', ''),
  ]);
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'error');
  const reports = page.getByTestId('file-report');
  await expect(reports).toHaveCount(3);
  await expect(reports.nth(0)).toHaveAttribute('data-used', '0');
  await expect(reports.nth(1)).toContainText('not a readable gzip file');
  await expect(reports.nth(2)).toHaveAttribute('data-lines', '0');
  // The page is still alive: a good file loads after the bad ones.
  await page.getByTestId('file-input').setInputFiles(file('ok.jsonl', '{"problem_id": "a", "n": 4, "c": 1}\n'));
  await expectReady(page);
  await expect(page.getByTestId('passk-table').locator('tbody tr')).toHaveCount(1);
});

test('a JSON array file (Tree-of-Thoughts log) loads element by element', async ({ page }) => {
  const { shared } = await import('./fixtures');
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(shared('tot-game24-gpt4/gpt-4_0.7_naive_standard_sample_100_start900_end1000.json'));
  await expectReady(page);
  const report = page.getByTestId('file-report');
  await expect(report).toHaveAttribute('data-lines', '100');
  await expect(report).toHaveAttribute('data-used', '100');
  await expect(report).toContainText('100 elements: 100 used');
  // ToT paper, Table 2: IO prompt 7.3 % success (pass@1), best of 100: 33 %.
  const row = page.getByTestId('passk-table').locator('tbody tr').first();
  await expect(row.locator('td').nth(2)).toHaveText('7.3');
});
