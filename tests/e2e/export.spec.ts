// Figure export: every chart downloads as a 1920×1080 PNG, a 3840×2160 PNG and a 1920×1080 SVG
// that parses, all drawn by the chart's own drawing code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Download } from '@playwright/test';
import { test, expect, expectReady, MATH500_BASE, MATH500_RL } from './fixtures';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

for (const chart of ['chart-passk', 'chart-coverage', 'chart-coverage-k', 'chart-problems']) {
  test(`${chart} exports as PNG (1920×1080 and 2×) and as SVG`, async ({ page }) => {
    await page.goto('./');
    await expectReady(page);
    await page.getByTestId('file-input').setInputFiles([MATH500_BASE, MATH500_RL]);
    await expectReady(page);
    const box = page.getByTestId(chart).locator('xpath=..');
    const save = async (testId: string) => {
      const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), box.getByTestId(testId).click()]);
      return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
    };
    const png = await save('export-png');
    expect(png.name).toMatch(/\.png$/);
    expect(pngSize(png.bytes)).toEqual([1920, 1080]);
    expect(png.bytes.length).toBeGreaterThan(20_000);
    fs.writeFileSync(path.resolve(__dirname, 'screenshots', `export-${png.name}`), png.bytes);
    const big = await save('export-png-2x');
    expect(pngSize(big.bytes)).toEqual([3840, 2160]);
    const svg = await save('export-svg');
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: root.nodeName,
        width: root.getAttribute('width'),
        height: root.getAttribute('height'),
        texts: Array.from(doc.getElementsByTagName('text')).map((n) => n.textContent),
      };
    }, text);
    expect(parsed).toMatchObject({ error: 0, root: 'svg', width: '1920', height: '1080' });
    // The model names are written in the figure.
    expect(parsed.texts.join(' ')).toMatch(chart === 'chart-coverage' ? /481|465|462/ : /qwen2\.5-7b-base|qwen2\.5-7b-simplerl-zoo/);
  });
}
