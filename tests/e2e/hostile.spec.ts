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

/** A zip of the given entries, written by hand so that its sizes, methods and CRCs can lie. */
type Entry = { name: string; data: Buffer; method?: number; size?: number; crc?: number };
function zip(entries: Entry[], opts: { entries?: number; dirOffset?: number } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const stored = method === 8 ? zlib.deflateRawSync(e.data) : e.data;
    const crc = e.crc ?? zlib.crc32(e.data);
    const size = e.size ?? e.data.length;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc >>> 0, 16);
    dir.writeUInt32LE(stored.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, stored);
    central.push(dir, name);
    offset += 30 + name.length + stored.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.entries ?? entries.length, 8);
  end.writeUInt16LE(opts.entries ?? entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(opts.dirOffset ?? offset, 16);
  return Buffer.concat([...parts, dir, end]);
}
const HEADER = text(row({ version: 2, status: 'success', eval: { task: 't', model: 'm' } }));
const SUMMARIES = text(row([{ id: 1, epoch: 1, scores: { match: { value: 'C' } } }]));
const evalLog = () => zip([{ name: 'header.json', data: HEADER }, { name: 'summaries.json', data: SUMMARIES }]);
const fixture = (rel: string) => fs.readFileSync(path.resolve(__dirname, '../fixtures/parquet', rel));
/** A fixture with its bytes changed by `f`. */
const changed = (rel: string, f: (b: Buffer) => void) => {
  const b = Buffer.from(fixture(rel));
  f(b);
  return b;
};

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
  // Inspect logs and Parquet tables.
  { name: 'zip-bomb.eval', bytes: () => zip([{ name: 'header.json', data: HEADER }, { name: 'summaries.json', data: Buffer.alloc(64 << 20, 0x20), size: 0xfffffff0 }]), state: 'error', says: /would inflate to more than/ },
  { name: 'lying-size.eval', bytes: () => zip([{ name: 'header.json', data: HEADER, size: 10 }, { name: 'summaries.json', data: SUMMARIES }]), state: 'error', says: /but the directory states 10/ },
  { name: 'lying-directory.eval', bytes: () => zip([{ name: 'header.json', data: HEADER }], { dirOffset: 1 << 30 }), state: 'error', says: /central directory is damaged/ },
  { name: 'absurd-directory.eval', bytes: () => zip([{ name: 'header.json', data: HEADER }], { entries: 65000 }), state: 'error', says: /claims 65000 entries/ },
  { name: 'truncated.eval', bytes: () => evalLog().subarray(0, 90), state: 'error', says: /not a zip archive/ },
  { name: 'bad-crc.eval', bytes: () => zip([{ name: 'header.json', data: HEADER, crc: 1 }]), state: 'error', says: /CRC-32/ },
  { name: 'bzip2-entry.eval', bytes: () => zip([{ name: 'header.json', data: HEADER, method: 12 }]), state: 'error', says: /method 12 \(bzip2\)/ },
  { name: 'not-a-log.eval', bytes: () => zip([{ name: 'notes.txt', data: text('hello') }]), state: 'error', says: /neither header.json nor a journal/ },
  { name: 'inspect-100000-scorers.json', bytes: () => text(row({ version: 2, status: 'success', eval: { task: 't', model: 'm' }, samples: [{ id: 1, epoch: 1, scores: Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`s${i}`, { value: 'C' }])) }] })), state: 'ready' },
  { name: 'corrupt-footer.parquet', bytes: () => changed('per-problem.parquet', (b) => b.fill(0x5a, b.length - 60, b.length - 8)), state: 'error', says: /footer is damaged/ },
  { name: 'gigabyte-footer.parquet', bytes: () => changed('per-problem.parquet', (b) => b.writeUInt32LE(1 << 30, b.length - 8)), state: 'error', says: /claims 1073741824 bytes of metadata/ },
  { name: 'cut.parquet', bytes: () => fixture('per-problem.parquet').subarray(0, 300), state: 'error', says: /does not end with PAR1/ },
  { name: 'zstd.parquet', bytes: () => fixture('per-problem-zstd.parquet'), state: 'error', says: /compressed with ZSTD/ },
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

test('at least thirty hostile inputs are covered, ten of them zips and Parquet tables', () => {
  expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  expect(HOSTILE.filter((h) => /\.(eval|parquet)$/.test(h.name) || h.name.startsWith('inspect-')).length).toBeGreaterThanOrEqual(10);
});
