// Hostile inputs: every load ends with a clear state, the page stays alive, nothing from a file
// is ever interpreted as markup, and no console or page error is raised (see fixtures.ts).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { test, expect, expectReady } from './fixtures';

type Hostile = { name: string; bytes: () => Buffer; state: 'ready' | 'error' | 'ready or error'; says?: RegExp };

const text = (s: string) => Buffer.from(s, 'utf8');
const lines = (...ls: string[]) => text(ls.join('\n'));
const row = (o: unknown) => JSON.stringify(o);

const HOSTILE: Hostile[] = [
  { name: 'empty.jsonl', bytes: () => Buffer.alloc(0), state: 'error' },
  { name: 'blank-lines.jsonl', bytes: () => text('\n\n   \n\t\n'), state: 'error' },
  { name: 'binary.jsonl', bytes: () => Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 2654435761) >>> 24)), state: 'error' },
  { name: 'bom-crlf.jsonl', bytes: () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text('{"idx": 0, "score": [true, false]}\r\n{"idx": 1, "score": [1]}\r\n')]), state: 'ready' },
  { name: 'truncated-last-line.jsonl', bytes: () => text('{"idx": 0, "score": [true]}\n{"idx": 1, "sco'), state: 'ready', says: /line 2: not valid JSON/ },
  { name: 'nan.jsonl', bytes: () => lines('{"idx": 0, "n": NaN, "c": 1}', '{"idx": 1, "score": [NaN]}'), state: 'error', says: /not valid JSON/ },
  { name: 'infinity.jsonl', bytes: () => lines('{"idx": 0, "n": Infinity, "c": 1}', '{"idx": 1, "n": 1e400, "c": 1}'), state: 'error' },
  { name: 'c-greater-than-n.jsonl', bytes: () => lines(row({ idx: 0, n: 4, c: 9 })), state: 'error', says: /c = 9 is larger than n = 4/ },
  { name: 'negative-counts.jsonl', bytes: () => lines(row({ idx: 0, n: -4, c: 1 }), row({ idx: 1, n: 4, c: -1 })), state: 'error', says: /must be a non-negative integer/ },
  { name: 'deep-nesting.jsonl', bytes: () => text(`{"idx": 0, "x": ${'['.repeat(100000)}${']'.repeat(100000)}, "score": [true]}\n{"idx": 1, "score": ${'['.repeat(100000)}${']'.repeat(100000)}}`), state: 'ready' },
  { name: 'one-64MB-line.jsonl', bytes: () => text(`{"idx": 0, "response": "${'a'.repeat(64 * 1024 * 1024)}", "score": [true, false]}`), state: 'ready' },
  { name: 'invalid-utf8.jsonl', bytes: () => Buffer.concat([text('{"idx": "'), Buffer.from([0xff, 0xfe, 0xc3]), text('", "score": [true]}\n')]), state: 'ready' },
  { name: 'not-gzip.jsonl.gz', bytes: () => text('{"idx": 0, "score": [true]}'), state: 'error', says: /not a readable gzip file/ },
  { name: 'gzip-bomb.jsonl.gz', bytes: () => zlib.gzipSync(Buffer.alloc(32 * 1024 * 1024, 0x20)), state: 'error' },
  // Cut mid-stream: the DecompressionStream rejects it, or, should a browser return the beginning
  // without an error, the size check against the gzip trailer flags it.
  { name: 'truncated.jsonl.gz', bytes: () => zlib.gzipSync(lines(...Array.from({ length: 4000 }, (_, i) => row({ idx: i, score: [i % 3 === 0] })))).subarray(0, 2000), state: 'ready or error', says: /may be truncated|not a readable gzip file/ },
  { name: 'mixed-schemas.jsonl', bytes: () => lines(row({ idx: 0, score: [true] }), row({ task_id: 't', passed: true }), row({ problem_id: 'p', n: 3, c: 1 }), row({ foo: 1 })), state: 'ready' },
  { name: 'script-in-ids.jsonl', bytes: () => lines(row({ idx: '<img src=x onerror="window.pwned=1">', model: '<script>window.pwned=2</script>', score: [true] })), state: 'ready' },
  { name: 'null-everywhere.jsonl', bytes: () => lines(row({ idx: null, score: null }), row({ idx: 0, score: null }), row({ idx: 1, score: [null] })), state: 'error' },
  { name: 'duplicate-keys.jsonl', bytes: () => text('{"idx": 0, "idx": 1, "score": [false], "score": [true]}\n'), state: 'ready' },
  { name: 'nested-score-lists.jsonl', bytes: () => lines(row({ idx: 0, score: [[true], [false]] })), state: 'error', says: /nested list/ },
  { name: 'array-trailing-garbage.json', bytes: () => text('[{"idx": 0, "score": [true]}] trailing'), state: 'ready', says: /breaks off/ },
  { name: 'array-of-numbers.json', bytes: () => text('[1, 2, 3]'), state: 'error' },
  { name: 'lone-bracket.json', bytes: () => text('['), state: 'error' },
  { name: 'long-score-list.jsonl', bytes: () => lines(row({ idx: 0, score: [...Array(10000).fill(true), 0.5] })), state: 'error', says: /item 10000 of the list/ },
  { name: 'id-is-object.jsonl', bytes: () => lines(row({ idx: { a: 1 }, score: [true] })), state: 'error', says: /is an object/ },
  { name: 'megabyte-id.jsonl', bytes: () => lines(row({ idx: 'x'.repeat(1 << 20), score: [true] })), state: 'ready' },
  { name: 'csv-breaking-names.jsonl', bytes: () => lines(row({ idx: 'a,b"c\nd', model: 'm,1"\n', benchmark: 'b,"x"', score: [true] })), state: 'ready' },
  { name: 'unicode-ids.jsonl', bytes: () => lines(row({ idx: '‮evil‬ 🧪 Σ', score: [true, false] })), state: 'ready' },
  { name: 'empty-objects.jsonl', bytes: () => lines('{}', '{}', '{}'), state: 'error', says: /Nothing usable/ },
  { name: 'lm-eval-samples.jsonl', bytes: () => lines(row({ doc_id: 0, resps: [['4']], filtered_resps: ['4'], exact_match: 1 })), state: 'error', says: /lm-evaluation-harness/ },
  { name: 'string-booleans.jsonl', bytes: () => lines(row({ idx: 0, score: ['true', 'false', 'maybe'] })), state: 'error', says: /"maybe" is not a correctness value/ },
  { name: 'huge-n.jsonl', bytes: () => lines(row({ idx: 0, n: 100000, c: 3 })), state: 'ready' },
];

test.describe.configure({ mode: 'parallel' });

for (const h of HOSTILE) {
  test(`hostile input: ${h.name}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto('./');
    await expectReady(page);
    // Playwright passes buffers up to 50 MB; larger inputs go through a temporary file.
    const bytes = h.bytes();
    if (bytes.length > 40 * 1024 * 1024) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'passk-')), h.name);
      fs.writeFileSync(file, bytes);
      await page.getByTestId('file-input').setInputFiles(file);
    } else {
      await page.getByTestId('file-input').setInputFiles({ name: h.name, mimeType: 'application/octet-stream', buffer: bytes });
    }
    const state = h.state === 'ready or error' ? /^(ready|error)$/ : h.state;
    await expect(page.getByTestId('load-status')).toHaveAttribute('data-state', state, { timeout: 60_000 });
    const report = page.getByTestId('file-report');
    await expect(report).toHaveCount(1);
    const [lines, used, skipped] = await Promise.all(['data-lines', 'data-used', 'data-skipped'].map((a) => report.getAttribute(a)));
    expect(Number(lines)).toBeGreaterThanOrEqual(Number(used) + Number(skipped));
    if (h.says) await expect(report).toContainText(h.says);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();
    // Still alive: clearing works and a good file loads.
    await page.getByTestId('clear-data').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'ok.jsonl', mimeType: 'application/json', buffer: text(row({ idx: 0, n: 2, c: 1 })) });
    await expectReady(page);
  });
}

test('at least thirty hostile inputs are covered', () => {
  expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
});
