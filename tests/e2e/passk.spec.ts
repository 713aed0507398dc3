import {
  test, expect, expectReady, download, parseCsv, passAt, screenshot,
  MATH500_BASE, MATH500_RL, RLVR_EXAMPLE,
} from './fixtures';

test('opens on the MATH500 demo, with its source named', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await expect(page.getByTestId('demo-badge')).toContainText('MATH500');
  await expect(page.getByTestId('demo-badge')).toContainText('cc1107yss');
  const rows = page.getByTestId('passk-table').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Qwen2.5-7B');
  await expect(rows.nth(1)).toContainText('SimpleRL-Zoo-7B');
  const csv = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(passAt(csv, 'Qwen2.5-7B', 1)).toBeCloseTo(0.613921875, 12);
  await screenshot(page, 'demo');
});

test('the MATH500 pair reproduces the published pass@1 and pass@128', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
  await expectReady(page);
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);

  const reports = page.getByTestId('file-report');
  await expect(reports).toHaveCount(2);
  for (const [i, name] of ['qwen2.5-7b-base.jsonl', 'qwen2.5-7b-simplerl-zoo.jsonl'].entries()) {
    await expect(reports.nth(i)).toHaveAttribute('data-file', name);
    await expect(reports.nth(i)).toHaveAttribute('data-lines', '500');
    await expect(reports.nth(i)).toHaveAttribute('data-used', '500');
    await expect(reports.nth(i)).toHaveAttribute('data-skipped', '0');
  }

  const { name, text } = await download(page, 'export-passk-csv');
  expect(name).toBe('passk.csv');
  expect(text.split('\n')[0].startsWith('benchmark,model,k,pass_at_k,ci_low,ci_high,n_problems')).toBe(true);
  const rows = parseCsv(text);
  expect(rows).toHaveLength(256);
  const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12);
  close(passAt(rows, 'qwen2.5-7b-base', 1), 0.613921875);
  close(passAt(rows, 'qwen2.5-7b-simplerl-zoo', 1), 0.779328125);
  close(passAt(rows, 'qwen2.5-7b-base', 128), 0.962);
  close(passAt(rows, 'qwen2.5-7b-simplerl-zoo', 128), 0.93);
  expect(rows.every((r) => r.benchmark === 'all' && r.n_problems === '500')).toBe(true);
  await screenshot(page, 'math500-pair');
});

test('the RLVR paper example output gives pass@1 = 0.91 and pass@8 = 0.96', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(RLVR_EXAMPLE);
  await expectReady(page);
  await expect(page.getByTestId('file-report')).toHaveAttribute('data-used', '100');
  const rows = parseCsv((await download(page, 'export-passk-csv')).text);
  expect(rows).toHaveLength(8);
  expect(Math.abs(passAt(rows, 'math_cot_100', 1) - 0.91)).toBeLessThanOrEqual(1e-12);
  expect(Math.abs(passAt(rows, 'math_cot_100', 8) - 0.96)).toBeLessThanOrEqual(1e-12);
});

test('later files add to what is loaded; clear forgets everything', async ({ page }) => {
  await page.goto('./');
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(MATH500_BASE);
  await expectReady(page);
  await page.getByTestId('file-input').setInputFiles(RLVR_EXAMPLE);
  await expectReady(page);
  await expect(page.getByTestId('file-report')).toHaveCount(2);
  await expect(page.getByTestId('passk-table').locator('tbody tr')).toHaveCount(2);

  await page.getByTestId('clear-data').click();
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('file-report')).toHaveCount(0);
  await expect(page.getByTestId('export-passk-csv')).toBeDisabled();
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
});

test('the chart is drawn at devicePixelRatio and redrawn when its box resizes', async ({ browser }) => {
  const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 1280, height: 800 } });
  await page.goto('./');
  await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', 'ready');
  const canvas = page.getByTestId('chart-passk');
  const size = () => canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.clientWidth]);
  await expect.poll(size).toEqual([expect.any(Number), expect.any(Number)]);
  let [backing, css] = await size();
  expect(backing).toBe(css * 2);
  // Coloured pixels of both models' curves are on the canvas.
  const colours = await canvas.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const near = (i: number, rgb: number[]) => rgb.every((v, j) => Math.abs(data[i + j] - v) <= 8);
    let blue = 0, vermillion = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (near(i, [0x00, 0x72, 0xb2])) blue++;
      if (near(i, [0xd5, 0x5e, 0x00])) vermillion++;
    }
    return { blue, vermillion };
  });
  expect(colours.blue).toBeGreaterThan(1000);
  expect(colours.vermillion).toBeGreaterThan(1000);
  await page.setViewportSize({ width: 900, height: 800 });
  await expect.poll(async () => (await size())[0]).not.toBe(backing);
  [backing, css] = await size();
  expect(backing).toBe(css * 2);
  await page.close();
});
