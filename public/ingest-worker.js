// The loading worker's script (a module worker). It runs the page's own wasm, whose `main`
// sees that there is no window and serves load jobs (src/io/worker.rs) instead of mounting
// the page: one wasm for both, fetched once. The page passes the URLs of its wasm-bindgen glue
// and wasm, which Trunk names by content hash; only same-origin URLs are accepted.
const params = new URL(self.location.href).searchParams;
const sameOrigin = (u) => new URL(u, self.location.href).origin === self.location.origin;
const glue = params.get('glue');
const wasm = params.get('wasm');
if (!glue || !wasm || !sameOrigin(glue) || !sameOrigin(wasm)) {
  throw new Error('ingest-worker.js: the page must pass same-origin glue and wasm URLs');
}
const bindings = await import(glue);
await bindings.default({ module_or_path: wasm });
