//! The loading worker, both sides. The worker is a wasm of its own (`src/worker.rs`, every
//! reader in it), started by public/ingest-worker.js; the page's wasm holds none of the readers.
//! It says `{kind: "ready"}` once running (a message posted earlier would find no handler); the
//! page then posts `{files, paths, options, cap}`; the worker reads them with
//! `files::read_file`, posting `{kind: "progress", done, total}` at most every 100 ms, one
//! `{kind: "file", index, json, bands}` per file (a `ParsedFile` as JSON, and its models'
//! bootstrap bands as a `Float64Array`, computed here rather than on the page's main thread)
//! and `{kind: "done"}`.
//! The page keeps the main thread free; cancelling terminates the worker.
//!
//! Starting a worker (its script, its wasm instantiated) takes a while, so a spare one is
//! started whenever a load ends, and the next load takes it (BENCHMARKS.md).

use super::error::{js_message, Error, Result};
use super::files::{expected_bytes, read_file, Picked};
use js_sys::{Array, Object, Reflect};
use passk_lens_core::explain::snapshot::{from_bytes, to_bytes, PageFile};
use passk_lens_core::read::ingest::{Ingest, Options};
use passk_lens_core::read::names::sources_of;
use passk_lens_core::read::pool::shares;
use passk_lens_core::read::ParsedFile;
use passk_lens_core::stats::dataset::{bands_to_numbers, file_bands};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

/// The worker's script (public/ingest-worker.js), next to the page (relative, so a sub-path
/// works), and the worker's glue and wasm, which Trunk names without a content hash.
const WORKER_URL: &str = "./ingest-worker.js";
const WORKER_GLUE: &str = "./passk-lens-worker.js";
const WORKER_WASM: &str = "./passk-lens-worker_bg.wasm";
const PARQUET_GLUE: &str = "./passk-lens-parquet.js";
const PARQUET_WASM: &str = "./passk-lens-parquet_bg.wasm";

/// This build's name: the file name of the page's own wasm, which carries its content hash
/// (from the preload link Trunk writes into the page). The worker's files are asked for with
/// it, so a cache never pairs one build's glue with another's wasm.
fn build_name() -> Result<String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(Error::NoPage("document"))?;
    let href = document
        .query_selector("link[rel=preload][href$='.wasm']")
        .ok()
        .flatten()
        .and_then(|link| link.get_attribute("href"))
        .ok_or(Error::NoPage("wasm preload link"))?;
    Ok(href.rsplit('/').next().unwrap_or(&href).to_owned())
}

/// Resolves `href` against the page's URL.
fn absolute(href: &str) -> Result<String> {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .ok_or(Error::NoPage("address"))?;
    Ok(web_sys::Url::new_with_base(href, &base)?.href())
}

fn object(fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in fields {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

fn field(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

// ---- inside the worker ----

/// The worker's entry point: answer every job posted to it.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        wasm_bindgen_futures::spawn_local(job(ev.data()));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    warm_up();
    let _ = scope.post_message(&object(&[("kind", "ready".into())]));
}

/// Reads 8 MB of made-up paper-format lines. A wasm function starts in the browser's baseline
/// tier and is optimised once it has run a while; this way the reader's loops are optimised
/// before a file arrives rather than during its first megabytes. (The bootstrap is not warmed
/// up: it gained too little for its size.)
fn warm_up() {
    let response = format!("\"{}\"", "a".repeat(1000));
    let line = format!(
        "{{\"idx\": 0, \"code\": [{}], \"score\": [{}]}}\n",
        [response.as_str(); 256].join(", "),
        ["true"; 256].join(", ")
    );
    let mut ingest = Ingest::new("warm-up", Options::default());
    for _ in 0..32 {
        for chunk in line.as_bytes().chunks(64 << 10) {
            ingest.push(chunk);
        }
    }
    ingest.finish();
}

async fn job(data: JsValue) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = |o: Object| {
        let _ = scope.post_message(&o);
    };
    let files: Vec<web_sys::File> = field(&data, "files")
        .dyn_into::<Array>()
        .map(|a| a.iter().map(JsCast::unchecked_into).collect())
        .unwrap_or_default();
    let paths: Vec<String> = field(&data, "paths")
        .dyn_into::<Array>()
        .map(|a| {
            a.iter()
                .map(|p| p.as_string().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    // Runs are named from the folders of the whole drop, so that two runs never pool; a file
    // picked alone (no path) is named by its name.
    let in_folders: Vec<&str> = paths
        .iter()
        .map(String::as_str)
        .filter(|p| !p.is_empty())
        .collect();
    let mut named = sources_of(&in_folders).into_iter();
    let mut sources: Vec<Option<_>> = (0..files.len())
        .map(|i| match paths.get(i) {
            Some(p) if !p.is_empty() => named.next(),
            _ => None,
        })
        .collect();
    let options: Options = field(&data, "options")
        .dyn_into::<js_sys::Uint8Array>()
        .ok()
        .and_then(|bytes| from_bytes(&bytes.to_vec()).ok())
        .unwrap_or_default();
    let cap = field(&data, "cap").as_f64().unwrap_or(f64::INFINITY);
    // The files this worker reads (the others go to other workers of the pool; every worker
    // sees the whole drop, so that runs are named alike).
    let only: Vec<usize> = field(&data, "only")
        .dyn_into::<Array>()
        .map(|a| {
            a.iter()
                .filter_map(|i| i.as_f64())
                .map(|i| i as usize)
                .collect()
        })
        .unwrap_or_else(|_| (0..files.len()).collect());
    let mut sizes = Vec::with_capacity(only.len());
    for &index in &only {
        sizes.push(match files.get(index) {
            Some(file) => expected_bytes(file).await,
            None => 0.0,
        });
    }
    let total: f64 = sizes.iter().sum();
    let mut before = 0.0;
    let mut last_post = 0.0;
    for (&index, size) in only.iter().zip(&sizes) {
        let (Some(file), Some(source)) = (files.get(index), sources.get_mut(index)) else {
            continue;
        };
        let parsed = read_file(file, source.take(), options.clone(), cap, |read| {
            let now = js_sys::Date::now();
            if now - last_post >= 100.0 {
                last_post = now;
                let done = (before + read).min(total);
                post(object(&[
                    ("kind", "progress".into()),
                    ("done", done.into()),
                    ("total", total.into()),
                ]));
            }
        })
        .await;
        before += size;
        post(file_message(index, &parsed));
    }
    post(object(&[("kind", "done".into())]));
}

/// The worker's message for its `index`-th file: the parse (postcard bytes, which the page
/// reads without a JSON parser in its wasm) and its models' bootstrap bands, computed here
/// (the heaviest statistic, which the statistics worker then need not compute), as numbers.
pub fn file_message(index: usize, parsed: &ParsedFile) -> Object {
    let bands = bands_to_numbers(&file_bands(&parsed.counts));
    object(&[
        ("kind", "file".into()),
        ("index", (index as u32).into()),
        (
            "bytes",
            js_sys::Uint8Array::from(&to_bytes(parsed)[..]).into(),
        ),
        ("bands", js_sys::Float64Array::from(&bands[..]).into()),
    ])
}

/// What the page hears in a worker's message other than `ready`.
pub fn event_of(data: &JsValue) -> Event {
    let number = |k| field(data, k).as_f64().unwrap_or(0.0);
    match field(data, "kind").as_string().as_deref() {
        Some("progress") => Event::Progress {
            done: number("done"),
            total: number("total"),
        },
        Some("file") => {
            let bytes = field(data, "bytes")
                .dyn_into::<js_sys::Uint8Array>()
                .map(|b| b.to_vec())
                .unwrap_or_default();
            let bands = (field(data, "bands").dyn_into::<js_sys::Float64Array>())
                .map(|b| b.to_vec())
                .unwrap_or_default();
            match PageFile::from_bytes(&bytes, bands) {
                Ok(file) => Event::File {
                    index: number("index") as usize,
                    file: Box::new(file),
                },
                Err(e) => Event::Failed(e),
            }
        }
        Some("done") => Event::Done,
        _ => Event::Failed("an unexpected message from the loading worker".into()),
    }
}

// ---- on the page ----

/// A worker started ahead of the next load.
struct Spare {
    worker: Worker,
    state: Rc<Cell<Startup>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Startup {
    Starting,
    /// The worker has said `ready`.
    Ready,
    /// Its script or wasm failed to load.
    Failed,
}

thread_local! {
    static SPARE: RefCell<Option<Spare>> = const { RefCell::new(None) };
}

/// A new loading worker running the page's wasm.
fn spawn() -> Result<Worker> {
    spawn_as("load")
}

/// A new worker running the workers' wasm in `role`: `load` (reading files) or `stats` (the
/// page's statistics, `io::analysis`).
pub fn spawn_as(role: &str) -> Result<Worker> {
    let build = build_name()?;
    let versioned = |url: &str| -> Result<String> {
        let query = web_sys::UrlSearchParams::new()?;
        query.append("v", &build);
        absolute(&format!("{url}?{}", String::from(query.to_string())))
    };
    let query = web_sys::UrlSearchParams::new()?;
    query.append("glue", &versioned(WORKER_GLUE)?);
    query.append("wasm", &versioned(WORKER_WASM)?);
    query.append("parquet", &versioned(PARQUET_GLUE)?);
    query.append("parquetWasm", &versioned(PARQUET_WASM)?);
    query.append("role", role);
    let url = format!("{WORKER_URL}?{}", String::from(query.to_string()));
    let module = web_sys::WorkerOptions::new();
    module.set_type(web_sys::WorkerType::Module);
    Worker::new_with_options(&url, &module).map_err(|e| Error::Worker(js_message(&e)))
}

/// Starts a spare worker for the next load, unless there is one.
pub fn prepare() {
    SPARE.with_borrow_mut(|spare| {
        if spare.is_some() {
            return;
        }
        let Ok(worker) = spawn() else {
            return;
        };
        let state = Rc::new(Cell::new(Startup::Starting));
        let (ready, failed) = (state.clone(), state.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            if field(&ev.data(), "kind").as_string().as_deref() == Some("ready") {
                ready.set(Startup::Ready);
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            failed.set(Startup::Failed);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        *spare = Some(Spare {
            worker,
            state,
            _on_message: on_message,
            _on_error: on_error,
        });
    });
}

/// The spare worker and whether it has said `ready` (if it is still starting, the load's
/// handler hears `ready`), or a new worker if the spare failed or there is none.
fn take_worker() -> Result<(Worker, bool)> {
    match SPARE.take() {
        Some(spare) if spare.state.get() != Startup::Failed => {
            Ok((spare.worker, spare.state.get() == Startup::Ready))
        }
        failed => {
            if let Some(spare) = failed {
                spare.worker.terminate();
            }
            spawn().map(|worker| (worker, false))
        }
    }
}

/// What the worker reports about a load.
#[derive(Debug)]
pub enum Event {
    Progress {
        done: f64,
        total: f64,
    },
    /// A file read: its report, with the rest of its data for the statistics worker unopened.
    File {
        index: usize,
        file: Box<PageFile>,
    },
    Done,
    Failed(String),
}

/// What a worker's `error` event says: an `ErrorEvent`'s message (an exception in the worker),
/// or, for a plain `Event`, that its script could not be loaded.
pub fn error_text(ev: &web_sys::Event) -> String {
    match ev.dyn_ref::<web_sys::ErrorEvent>() {
        Some(e) if !e.message().is_empty() => e.message(),
        _ => "its script could not be loaded".into(),
    }
}

/// One worker of a load.
struct Member {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// How many workers read a load of `files` files: one per core the browser reports, at most
/// `MAX_WORKERS` (each holds a wasm instance and its buffers) and at most one per file. The
/// page's address may ask for a number (`?workers=1`, for `make bench`).
fn pool_size(files: usize) -> usize {
    let asked = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|q| q.get("workers"))
        .and_then(|n| n.parse::<usize>().ok());
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency()) as usize;
    asked
        .unwrap_or(cores)
        .clamp(1, MAX_WORKERS)
        .min(files.max(1))
}

/// The most workers a load uses.
const MAX_WORKERS: usize = 4;

/// A load running on a pool of workers, each reading its share of the files (the largest
/// first, each to the least loaded worker). Dropping or cancelling it terminates them.
pub struct Job {
    members: Vec<Member>,
}

impl Job {
    /// Starts workers reading `files` with `options`, decompressing at most `cap` bytes per
    /// `.gz` file; `on_event` hears the progress summed over the workers, each file (by its
    /// index in `files`) and, once every worker is done, the end.
    pub fn start(
        files: &[Picked],
        options: &Options,
        cap: f64,
        on_event: impl Fn(Event) + 'static,
    ) -> Result<Job> {
        let sizes: Vec<f64> = files.iter().map(|p| p.file.size()).collect();
        let shares = shares(&sizes, pool_size(files.len()));
        let list: Array = files.iter().map(|p| JsValue::from(&p.file)).collect();
        let paths: Array = files.iter().map(|p| JsValue::from_str(&p.path)).collect();
        let on_event = Rc::new(on_event);
        // Each worker's bytes read and total, and how many are done.
        let progress: Vec<(f64, f64)> = shares
            .iter()
            .map(|share| (0.0, share.iter().map(|&i| sizes[i]).sum()))
            .collect();
        let progress = Rc::new(RefCell::new(progress));
        let finished = Rc::new(Cell::new(0usize));
        let mut members = Vec::with_capacity(shares.len());
        for (slot, share) in shares.into_iter().enumerate() {
            let only: Array = share.iter().map(|&i| JsValue::from(i as u32)).collect();
            let message = object(&[
                ("files", list.clone().into()),
                ("paths", paths.clone().into()),
                ("only", only.into()),
                (
                    "options",
                    js_sys::Uint8Array::from(&to_bytes(&options)[..]).into(),
                ),
                ("cap", cap.into()),
            ]);
            let (worker, ready) = if slot == 0 {
                take_worker()?
            } else {
                (spawn()?, false)
            };
            let hear = on_event.clone();
            let (progress, finished) = (progress.clone(), finished.clone());
            let workers = progress.borrow().len();
            let request = message.clone();
            let me = worker.clone();
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
                let data = ev.data();
                if field(&data, "kind").as_string().as_deref() == Some("ready") {
                    if let Err(e) = me.post_message(&message) {
                        hear(Event::Failed(js_message(&e)));
                    }
                    return;
                }
                match event_of(&data) {
                    Event::Progress { done, total } => {
                        let (done, total) = {
                            let mut p = progress.borrow_mut();
                            p[slot] = (done, total);
                            p.iter().fold((0.0, 0.0), |(d, t), (a, b)| (d + a, t + b))
                        };
                        hear(Event::Progress { done, total });
                    }
                    Event::Done => {
                        finished.set(finished.get() + 1);
                        if finished.get() == workers {
                            hear(Event::Done);
                        }
                    }
                    event => hear(event),
                }
            });
            let hear = on_event.clone();
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                ev.prevent_default();
                hear(Event::Failed(format!(
                    "the loading worker failed: {}",
                    error_text(&ev)
                )));
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
            // A spare worker said `ready` long ago: the request goes now.
            if ready {
                worker.post_message(&request)?;
            }
            members.push(Member {
                worker,
                _on_message: on_message,
                _on_error: on_error,
            });
        }
        Ok(Job { members })
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        for member in &self.members {
            member.worker.terminate();
        }
        prepare();
    }
}
