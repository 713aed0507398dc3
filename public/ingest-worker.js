// The workers' script (a module worker). It runs the workers' own wasm (src/worker.rs), which
// holds the readers and the statistics: a loading worker, or with `role=stats` the page's
// statistics worker, or with `role=maj` a helper it starts for maj@k (`self.passkRole`, read
// by the wasm's main);
// the Parquet reader (src/parquet.rs), a wasm of its own, is imported the first time a Parquet
// file is read or its rows are read again (`self.passkParquet`, `self.passkParquetRows`, called
// from the worker's wasm). Trunk names these files
// without a content hash, so the page passes their URLs with its own build's hash as a query:
// a cached glue of an older build is never paired with a newer wasm. Only same-origin URLs are
// accepted.
const params = new URL(self.location.href).searchParams;
const sameOrigin = (u) => !!u && new URL(u, self.location.href).origin === self.location.origin;
const urls = ['glue', 'wasm', 'parquet', 'parquetWasm'].map((k) => params.get(k));
if (!urls.every(sameOrigin)) {
  throw new Error('ingest-worker.js: the page must pass same-origin glue and wasm URLs');
}
const [glue, wasm, parquetGlue, parquetWasm] = urls;
self.passkRole = ['stats', 'maj'].includes(params.get('role')) ? params.get('role') : 'load';
// The Parquet reader's decoders can panic on damaged data, which stops its wasm: the message is
// read back, and the next Parquet file gets a fresh instance (a module URL of its own).
let parquet = null;
let instances = 0;
const withParquet = async (call) => {
  if (!parquet) {
    instances += 1;
    const module = await import(`${parquetGlue}&instance=${instances}`);
    await module.default({ module_or_path: parquetWasm });
    parquet = module;
  }
  try {
    return call(parquet);
  } catch (e) {
    let why = '';
    try {
      why = parquet.last_panic();
    } catch {
      // The stopped instance cannot say.
    }
    parquet = null;
    throw new Error(`its data is damaged (the Parquet decoder stopped: ${why || e})`);
  }
};
// Reading a table (a loading worker); reading its rows again for their texts (the statistics
// worker, for the problem drawer).
self.passkParquet = (file, path, options) => withParquet((p) => p.read_parquet(file, path, options));
self.passkParquetRows = (file, rows, options, questionOnly) =>
  withParquet((p) => p.read_rows(file, rows, options, questionOnly));
const bindings = await import(glue);
await bindings.default({ module_or_path: wasm });
