// The statistics worker's script (a module worker). It runs the page's own wasm, whose `main`
// sees that there is no window and computes the page's statistics (src/io/analysis.rs) instead
// of mounting the page: the page's main thread only draws. The page's first message carries
// the URL of its wasm-bindgen glue and its compiled WebAssembly.Module, so the worker fetches
// and compiles nothing the page has not already; only a same-origin glue URL is accepted. The
// page posts nothing more until the wasm says `ready`.
self.onmessage = async (event) => {
  self.onmessage = null;
  const { glue, module } = event.data;
  if (!glue || new URL(glue, self.location.href).origin !== self.location.origin) {
    throw new Error('stats-worker.js: the page must pass a same-origin glue URL');
  }
  const bindings = await import(glue);
  await bindings.default({ module_or_path: module });
};
