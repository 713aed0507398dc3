//! The statistics worker, both sides: every statistic runs off the page's main thread, which
//! only draws. The worker runs the workers' wasm (src/worker.rs, started with `role=stats`),
//! not the page's: the page's wasm holds no statistic, and shows the demo from statistics
//! computed when the site was built.
//!
//! The page sends the loaded counts (`{kind: "data", version, bytes}`) and then views
//! (`{kind: "view", id, bytes}`); the worker keeps a `core::explain::snapshot::Analysis` and
//! answers each view with a `Snapshot` (`{kind: "snapshot", id, version, bytes}`, the bytes
//! transferred; a costly maj@k follows as `{kind: "update", …}` of the same view, computed by
//! helper workers meanwhile: `super::maj`). A view asked for while another is computed
//! replaces any view still waiting (a dragged k slider asks for many; only the last one is
//! computed), and replies that are not for the latest view are dropped. Exports that need
//! every problem are computed there too (`{kind: "problems", id, k}`, `{kind: "metrics", id}`,
//! `{kind: "steps", id}`, `{kind: "slices", id, base, field}`, `{kind: "share", id, bytes}` →
//! `{kind: "text", id, text}`).
//!
//! Beside the queue, answered asynchronously while views go on: the page sends the files behind
//! the data (`{kind: "sources", files: [{file, options} | null]}`, in the data's order), and asks
//! for a problem's texts read from them (`{kind: "texts", id, benchmark, problem}`), for the first
//! problem whose text holds some words (`{kind: "find", id, benchmark, query}`) and for a share
//! link opened (`{kind: "open", id, fragment}`); each is answered `{kind: "bytes", id, bytes}`
//! (postcard, or the id found) or `{kind: "failed", id, text}`.

use super::error::{Error, Result};
use super::worker::error_text;
use js_sys::{Array, Object, Reflect, Uint8Array};
use passk_lens_core::explain::snapshot::{
    from_bytes, take_bytes, to_bytes, Analysis, Loaded, PageFile, Snapshot, ViewRequest,
};
use passk_lens_core::export::csv::{metrics_csv_with, problems_csv, slices_csv, steps_csv};
use passk_lens_core::export::share::{encode_payload, View};
use passk_lens_core::read::math::{segments_of_all, Segment};
use passk_lens_core::read::texts::{
    holds_words, problem_texts, question_of, record_texts, IndexedGroup, ProblemTexts, Span,
    TextIndex,
};
use passk_lens_core::read::{Format, Options};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

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

fn bytes_of(o: &JsValue, key: &str) -> Vec<u8> {
    field(o, key)
        .dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default()
}

fn number(o: &JsValue, key: &str) -> f64 {
    field(o, key).as_f64().unwrap_or(0.0)
}

// ---- inside the worker ----

thread_local! {
    static ANALYSIS: RefCell<(f64, Analysis)> = RefCell::new((0.0, Analysis::default()));
    /// Each loaded file's index of texts (from the data) and its `File` with the options it
    /// was read with (from the page's `sources`), in the same order.
    static TEXTS: RefCell<Vec<TextIndex>> = const { RefCell::new(Vec::new()) };
    static FILES: RefCell<Vec<Option<(web_sys::File, Options)>>> = const { RefCell::new(Vec::new()) };
    /// The latest view asked for, with its id: a maj@k that comes in later updates it.
    static LAST_VIEW: RefCell<Option<(JsValue, ViewRequest)>> = const { RefCell::new(None) };
}

/// Posts a snapshot of the view `id` (`kind` "snapshot", or "update" when it follows the
/// snapshot already sent for that view), its bytes transferred.
fn post_snapshot(kind: &str, id: JsValue, version: f64, snapshot: &Snapshot) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let bytes = Uint8Array::from(&to_bytes(snapshot)[..]);
    let message = object(&[
        ("kind", kind.into()),
        ("id", id),
        ("version", version.into()),
        ("bytes", bytes.clone().into()),
    ]);
    let _ = scope.post_message_with_transfer(&message, &Array::of1(&bytes.buffer()));
}

/// Hands the maj@k work the last view left pending to helpers (`super::maj`); when its results
/// come in for the same data, the latest view is computed again and sent as an update.
fn start_maj(version: f64) {
    let Some((benchmark, tasks)) = ANALYSIS.with_borrow_mut(|(_, a)| a.take_maj_work()) else {
        return;
    };
    super::maj::start(tasks, move |results| {
        let taken =
            ANALYSIS.with_borrow_mut(|(v, a)| *v == version && a.finish_maj(&benchmark, results));
        let latest = LAST_VIEW.with_borrow(|l| l.clone());
        if let (true, Some((id, view))) = (taken, latest) {
            if view.maj {
                let snapshot = ANALYSIS.with_borrow_mut(|(_, a)| a.snapshot(&view));
                post_snapshot("update", id, version, &snapshot);
            }
        }
    });
}

/// The first problem of `benchmark` whose text holds every word of `query`: each problem's first
/// record is read (in batches, only the question fields parsed), file by file, until one does.
async fn find_text(benchmark: String, query: String) -> Option<String> {
    type Job = (web_sys::File, Options, Format, bool, Vec<(String, Span)>);
    let jobs: Vec<Job> = TEXTS.with_borrow(|texts| {
        FILES.with_borrow(|files| {
            let mut jobs = Vec::new();
            for (index, file) in texts.iter().zip(files) {
                let Some((file, options)) = file else {
                    continue;
                };
                let firsts = (index.groups.iter())
                    .filter(|g| g.benchmark == benchmark)
                    .flat_map(IndexedGroup::firsts)
                    .map(|(id, span)| (id.to_owned(), span))
                    .collect();
                let options = index.options(options);
                jobs.push((file.clone(), options, index.format, index.rows, firsts));
            }
            jobs
        })
    });
    for (file, options, format, rows, firsts) in jobs {
        // A table's rows in one read: its question column is read once, not per batch.
        let batch = if rows { firsts.len().max(1) } else { 64 };
        for batch in firsts.chunks(batch) {
            let spans: Vec<Span> = batch.iter().map(|(_, s)| *s).collect();
            let Ok(parts) = read_records(&file, &spans, &options, rows, true).await else {
                break;
            };
            for ((id, _), bytes) in batch.iter().zip(parts) {
                let question = bytes.and_then(|b| question_of(&b, format));
                if question.is_some_and(|q| holds_words(&q, &query)) {
                    return Some(id.clone());
                }
            }
        }
    }
    None
}

/// The bytes of the records at `spans` of `file`: sliced (or decompressed again), or for a
/// table (`rows`) its rows read again by the Parquet reader (with `question_only`, only their
/// problem's text). `None` for a row the table no longer has.
async fn read_records(
    file: &web_sys::File,
    spans: &[Span],
    options: &Options,
    rows: bool,
    question_only: bool,
) -> super::error::Result<Vec<Option<Vec<u8>>>> {
    if rows {
        let numbers: Vec<u64> = spans.iter().map(|s| s.offset).collect();
        return super::files::read_rows(file, &numbers, options, question_only).await;
    }
    let parts = super::files::read_spans(file, spans).await?;
    Ok(parts.into_iter().map(Some).collect())
}

/// A problem's texts: each model's records read from the files (lazily, just their bytes).
async fn read_texts(benchmark: String, problem: String) -> ProblemTexts {
    type Job = (String, web_sys::File, Options, Format, bool, Vec<Span>);
    let jobs: Vec<Job> = TEXTS.with_borrow(|texts| {
        FILES.with_borrow(|files| {
            let mut jobs = Vec::new();
            for (index, file) in texts.iter().zip(files) {
                let Some((file, options)) = file else {
                    continue;
                };
                for (model, spans) in index.locate(&benchmark, &problem) {
                    jobs.push((
                        model.to_owned(),
                        file.clone(),
                        index.options(options),
                        index.format,
                        index.rows,
                        spans,
                    ));
                }
            }
            jobs
        })
    });
    let mut records = Vec::new();
    for (model, file, options, format, rows, spans) in jobs {
        let read = match read_records(&file, &spans, &options, rows, false).await {
            Ok(parts) => parts
                .into_iter()
                .map(|bytes| match bytes {
                    Some(bytes) => Ok(record_texts(&bytes, format, &options)),
                    None => Err(format!("{}: a row is no longer in the table", file.name())),
                })
                .collect(),
            Err(why) => vec![Err(format!("{}: {why}", file.name()))],
        };
        records.push((model, read));
    }
    problem_texts(&benchmark, &problem, records)
}

/// The loaded files of a `data` message: each file's data and bands as the page holds them,
/// read here with the models renamed by hand.
fn loaded_of(data: &JsValue) -> std::result::Result<Vec<Loaded>, String> {
    let renames: BTreeMap<String, String> = from_bytes(&bytes_of(data, "renames"))?;
    let files: Array = field(data, "files").dyn_into().map_err(|_| "no files")?;
    (files.iter())
        .map(|f| {
            let bands = (field(&f, "bands").dyn_into::<js_sys::Float64Array>())
                .map(|b| b.to_vec())
                .unwrap_or_default();
            Loaded::from_page(&bytes_of(&f, "data"), &bands, &renames)
        })
        .collect()
}

/// The worker's entry point: answer every message posted to it.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| answer(&ev.data()));
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&object(&[("kind", "ready".into())]));
}

fn answer(data: &JsValue) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let id = field(data, "id");
    let reply = match field(data, "kind").as_string().as_deref() {
        Some("data") => {
            let version = number(data, "version");
            let analysis = match loaded_of(data) {
                Ok(mut files) => {
                    let texts = files.iter_mut().map(|f| std::mem::take(&mut f.texts));
                    TEXTS.set(texts.collect());
                    let mut analysis = Analysis::new(&files);
                    analysis.defer_maj();
                    analysis
                }
                Err(why) => {
                    // There is no page here to show it: the console says it.
                    web_sys::console::warn_1(&JsValue::from_str(&why));
                    Analysis::default()
                }
            };
            super::maj::cancel();
            LAST_VIEW.set(None);
            ANALYSIS.with_borrow_mut(|a| *a = (version, analysis));
            return;
        }
        Some("view") => match from_bytes::<ViewRequest>(&bytes_of(data, "bytes")) {
            Ok(view) => {
                let (version, snapshot) =
                    ANALYSIS.with_borrow_mut(|(v, a)| (*v, a.snapshot(&view)));
                post_snapshot("snapshot", id.clone(), version, &snapshot);
                LAST_VIEW.set(Some((id, view)));
                if snapshot.maj_pending {
                    start_maj(version);
                }
                return;
            }
            Err(why) => Err(why),
        },
        Some("sources") => {
            let sources = field(data, "files")
                .dyn_into::<Array>()
                .map(|a| a.iter().map(|f| source_of(&f)).collect())
                .unwrap_or_default();
            FILES.set(sources);
            return;
        }
        // Read while views go on being answered; the reply carries its id.
        Some("texts") => {
            let benchmark = field(data, "benchmark").as_string().unwrap_or_default();
            let problem = field(data, "problem").as_string().unwrap_or_default();
            return wasm_bindgen_futures::spawn_local(async move {
                let texts = read_texts(benchmark, problem).await;
                reply_bytes(&id, Ok(to_bytes(&texts)));
            });
        }
        // The LaTeX of the texts a drawer page shows, as MathML trees.
        Some("math") => match from_bytes::<Vec<String>>(&bytes_of(data, "bytes")) {
            Ok(texts) => return reply_bytes(&id, Ok(to_bytes(&segments_of_all(&texts)))),
            Err(why) => return reply_bytes(&id, Err(why)),
        },
        Some("find") => {
            let benchmark = field(data, "benchmark").as_string().unwrap_or_default();
            let query = field(data, "query").as_string().unwrap_or_default();
            return wasm_bindgen_futures::spawn_local(async move {
                let found = find_text(benchmark, query).await.unwrap_or_default();
                reply_bytes(&id, Ok(found.into_bytes()));
            });
        }
        Some("open") => {
            let fragment = field(data, "fragment").as_string().unwrap_or_default();
            return wasm_bindgen_futures::spawn_local(async move {
                let opened = super::share::open(&fragment).await;
                reply_bytes(&id, opened.map(|o| to_bytes(&o)).map_err(|e| e.to_string()));
            });
        }
        Some("problems") => {
            let k = number(data, "k") as usize;
            Ok(ANALYSIS.with_borrow(|(_, a)| problems_csv(a.active().dataset(), k)))
        }
        // The exports of the view shown (a slice's, when one is chosen).
        Some("metrics") => Ok(ANALYSIS.with_borrow(|(_, a)| {
            // maj@k the view computed already is not computed again.
            let a = a.active();
            metrics_csv_with(a.dataset(), a.curves(), &|b, m| a.maj_known(b, m))
        })),
        Some("steps") => {
            Ok(ANALYSIS.with_borrow(|(_, a)| steps_csv(a.active().dataset(), a.active().curves())))
        }
        // Every slice, of the whole data.
        Some("slices") => {
            let base = field(data, "base").as_string().unwrap_or_default();
            let slice_field = field(data, "field").as_string().unwrap_or_default();
            Ok(ANALYSIS.with_borrow(|(_, a)| slices_csv(a.dataset(), &base, &slice_field)))
        }
        Some("share") => match from_bytes::<View>(&bytes_of(data, "bytes")) {
            // The payload is UTF-8 text (`export::share`'s format).
            Ok(view) => Ok(ANALYSIS.with_borrow(|(_, a)| {
                String::from_utf8_lossy(&encode_payload(&view, a.dataset())).into_owned()
            })),
            Err(why) => Err(why),
        },
        _ => Err("an unexpected message for the statistics worker".into()),
    };
    let message = match reply {
        Ok(text) => object(&[("kind", "text".into()), ("id", id), ("text", text.into())]),
        Err(why) => object(&[("kind", "error".into()), ("id", id), ("text", why.into())]),
    };
    let _ = scope.post_message(&message);
}

/// Answers a request answered beside the queue: `{kind: "bytes", id, bytes}` (transferred), or
/// `{kind: "failed", id, text}`.
fn reply_bytes(id: &JsValue, reply: std::result::Result<Vec<u8>, String>) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    match reply {
        Ok(bytes) => {
            let bytes = Uint8Array::from(&bytes[..]);
            let message = object(&[
                ("kind", "bytes".into()),
                ("id", id.clone()),
                ("bytes", bytes.clone().into()),
            ]);
            let _ = scope.post_message_with_transfer(&message, &Array::of1(&bytes.buffer()));
        }
        Err(why) => {
            let message = object(&[
                ("kind", "failed".into()),
                ("id", id.clone()),
                ("text", why.into()),
            ]);
            let _ = scope.post_message(&message);
        }
    }
}

/// A file the page sent, with the options it was read with (`{file, options}`, or null).
fn source_of(v: &JsValue) -> Option<(web_sys::File, Options)> {
    let file = field(v, "file").dyn_into::<web_sys::File>().ok()?;
    let options = from_bytes::<Options>(&bytes_of(v, "options")).ok()?;
    Some((file, options))
}

// ---- on the page ----

/// Where a text computed by the worker goes.
pub type Reply = Box<dyn FnOnce(Result<String>)>;

/// A request waiting for its turn.
enum Request {
    View(ViewRequest),
    Text(Object, Reply),
}

#[derive(Default)]
struct Queue {
    /// The worker has said `ready` (a message posted earlier would find no handler).
    ready: bool,
    /// Data waiting for the worker to be ready (only the latest is kept).
    data: Option<Object>,
    /// A request is being answered.
    busy: bool,
    next_id: u32,
    /// The id of the latest view sent; replies to other views are dropped.
    latest_view: Option<u32>,
    /// A view waiting (only the latest is kept).
    view: Option<ViewRequest>,
    /// Other requests waiting, in order.
    texts: Vec<(Object, Reply)>,
    /// Replies to text requests, by id.
    waiting: HashMap<u32, Reply>,
    /// The files behind the data, waiting for the worker to be ready.
    sources: Option<Object>,
    /// Requests answered beside the queue (reading files, opening links), waiting for the
    /// worker to be ready.
    early: Vec<Object>,
    /// Replies to requests answered beside the queue, by id.
    reading: HashMap<u32, BytesReply>,
}

/// Where the bytes of a reply answered beside the queue go.
type BytesReply = Box<dyn FnOnce(Result<Vec<u8>>)>;
/// Where a problem's texts go.
pub type TextsReply = Box<dyn FnOnce(Result<ProblemTexts>)>;
pub type MathReply = Box<dyn FnOnce(Result<Vec<Vec<Segment>>>)>;
/// Where an opened share link goes.
pub type LinkReply = Box<dyn FnOnce(Result<(View, PageFile)>)>;

/// The page's handle on the statistics worker (dropping it stops the worker).
pub struct Analyst {
    worker: Worker,
    queue: Rc<RefCell<Queue>>,
    _handlers: Rc<Handlers>,
}

type Handlers = (
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(web_sys::Event)>,
);

impl Analyst {
    /// Starts the worker; `on_snapshot` hears each snapshot of the latest view sent, with the
    /// data version it was computed for and whether no newer view is waiting; `on_failure`
    /// hears that the worker could not run (the page then computes on its own).
    pub fn start(
        on_snapshot: impl Fn(Snapshot, u32, bool) + 'static,
        on_failure: impl Fn(Error) + 'static,
    ) -> Result<Analyst> {
        let worker = super::worker::spawn_as("stats")?;
        let queue = Rc::new(RefCell::new(Queue::default()));
        let me = worker.clone();
        let q = queue.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let data = ev.data();
            let id = number(&data, "id") as u32;
            match field(&data, "kind").as_string().as_deref() {
                Some("ready") => {
                    let (data, sources, early) = {
                        let mut q = q.borrow_mut();
                        q.ready = true;
                        (
                            q.data.take(),
                            q.sources.take(),
                            std::mem::take(&mut q.early),
                        )
                    };
                    for message in [data, sources].into_iter().flatten().chain(early) {
                        let _ = me.post_message(&message);
                    }
                }
                // A view's snapshot, or its update (its maj@k, computed since).
                Some(kind @ ("snapshot" | "update")) => {
                    let (latest, settled) = {
                        let mut q = q.borrow_mut();
                        q.busy &= kind == "update";
                        (q.latest_view == Some(id), q.view.is_none())
                    };
                    if latest {
                        match from_bytes::<Snapshot>(&bytes_of(&data, "bytes")) {
                            Ok(s) => on_snapshot(s, number(&data, "version") as u32, settled),
                            Err(why) => web_sys::console::warn_1(&JsValue::from_str(&why)),
                        }
                    }
                }
                Some(kind @ ("bytes" | "failed")) => {
                    let done = q.borrow_mut().reading.remove(&id);
                    if let Some(done) = done {
                        done(if kind == "bytes" {
                            Ok(bytes_of(&data, "bytes"))
                        } else {
                            Err(Error::Unreadable(
                                field(&data, "text").as_string().unwrap_or_default(),
                            ))
                        });
                    }
                }
                Some(kind @ ("text" | "error")) => {
                    let done = {
                        let mut q = q.borrow_mut();
                        q.busy = false;
                        q.waiting.remove(&id)
                    };
                    let text = field(&data, "text").as_string().unwrap_or_default();
                    if let Some(done) = done {
                        done(if kind == "text" {
                            Ok(text)
                        } else {
                            Err(Error::Worker(text))
                        });
                    }
                }
                _ => {}
            }
            pump(&me, &q);
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            on_failure(Error::Worker(format!(
                "the statistics worker: {}",
                error_text(&ev)
            )));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Analyst {
            worker,
            queue,
            _handlers: Rc::new((on_message, on_error)),
        })
    }

    /// New data (every loaded file's counts and bands), as data version `version`.
    pub fn data(&self, files: &[PageFile], renames: &BTreeMap<String, String>, version: u32) {
        // Each file's data as it came, unopened (`Loaded::from_page` reads it in the worker).
        let list: Array = (files.iter())
            .map(|f| {
                JsValue::from(object(&[
                    ("data", Uint8Array::from(&f.data[..]).into()),
                    ("bands", js_sys::Float64Array::from(&f.bands[..]).into()),
                ]))
            })
            .collect();
        let message = object(&[
            ("kind", "data".into()),
            ("version", version.into()),
            ("files", list.into()),
            ("renames", Uint8Array::from(&to_bytes(renames)[..]).into()),
        ]);
        // Data needs no reply, and goes ahead of everything waiting: messages are handled in
        // order, so every later view sees it.
        let mut q = self.queue.borrow_mut();
        if q.ready {
            drop(q);
            let _ = self.worker.post_message(&message);
        } else {
            q.data = Some(message);
        }
    }

    /// The file behind each loaded file (`None` for a link or the demo), with the options it
    /// was read with, in the order of the data: the drawer's texts are read from them.
    pub fn sources(&self, files: &[Option<(web_sys::File, Options)>]) {
        let list: Array = files
            .iter()
            .map(|f| match f {
                Some((file, options)) => {
                    let options = Uint8Array::from(&to_bytes(options)[..]);
                    JsValue::from(object(&[
                        ("file", file.into()),
                        ("options", options.into()),
                    ]))
                }
                None => JsValue::NULL,
            })
            .collect();
        let message = object(&[("kind", "sources".into()), ("files", list.into())]);
        let mut q = self.queue.borrow_mut();
        if q.ready {
            drop(q);
            let _ = self.worker.post_message(&message);
        } else {
            q.sources = Some(message);
        }
    }

    /// Reads the texts of `problem` of `benchmark` from the files, beside the views.
    pub fn texts(&self, benchmark: &str, problem: &str, done: TextsReply) {
        let message = object(&[
            ("kind", "texts".into()),
            ("benchmark", benchmark.into()),
            ("problem", problem.into()),
        ]);
        self.beside(
            message,
            Box::new(move |r| done(r.and_then(|b| from_bytes(&b).map_err(Error::Worker)))),
        );
    }

    /// Each text's LaTeX as MathML (`read::math::segments_of_all`), rendered by the worker.
    pub fn math(&self, texts: &[String], done: MathReply) {
        let bytes = Uint8Array::from(&to_bytes(&texts)[..]);
        let message = object(&[("kind", "math".into()), ("bytes", bytes.into())]);
        self.beside(
            message,
            Box::new(move |r| done(r.and_then(|b| from_bytes(&b).map_err(Error::Worker)))),
        );
    }

    /// The first problem of `benchmark` whose text holds every word of `query` (none: empty).
    pub fn find_text(&self, benchmark: &str, query: &str, done: Reply) {
        let message = object(&[
            ("kind", "find".into()),
            ("benchmark", benchmark.into()),
            ("query", query.into()),
        ]);
        self.beside(
            message,
            Box::new(move |r| done(r.map(|b| String::from_utf8_lossy(&b).into_owned()))),
        );
    }

    /// Opens a share link's fragment (its payload is inflated and read by the worker, so the
    /// page holds no reader of it).
    pub fn open_link(&self, fragment: &str, done: LinkReply) {
        let message = object(&[("kind", "open".into()), ("fragment", fragment.into())]);
        self.beside(
            message,
            Box::new(move |r| {
                // The view, then the file as the loading worker sends one (read as the page
                // holds it).
                let opened = r.and_then(|b| {
                    let (view, rest) = take_bytes::<View>(&b).map_err(Error::Unreadable)?;
                    let file = PageFile::from_bytes(rest, Vec::new()).map_err(Error::Unreadable)?;
                    Ok((view, file))
                });
                done(opened)
            }),
        );
    }

    /// Sends a request answered beside the queue (asynchronously, while views go on).
    fn beside(&self, message: Object, done: BytesReply) {
        let mut q = self.queue.borrow_mut();
        q.next_id += 1;
        let id = q.next_id;
        q.reading.insert(id, done);
        let _ = Reflect::set(&message, &"id".into(), &id.into());
        if q.ready {
            drop(q);
            let _ = self.worker.post_message(&message);
        } else {
            q.early.push(message);
        }
    }

    /// A view to compute (replacing one still waiting).
    pub fn view(&self, view: ViewRequest) {
        self.queue.borrow_mut().view = Some(view);
        pump(&self.worker, &self.queue);
    }

    /// problems.csv at k, computed by the worker.
    pub fn problems_csv(&self, k: usize, done: impl FnOnce(Result<String>) + 'static) {
        let message = object(&[("kind", "problems".into()), ("k", (k as f64).into())]);
        self.text(message, Box::new(done));
    }

    /// metrics.csv, computed by the worker.
    pub fn metrics_csv(&self, done: impl FnOnce(Result<String>) + 'static) {
        let message = object(&[("kind", "metrics".into())]);
        self.text(message, Box::new(done));
    }

    /// slices.csv of `slice_field` against `base`, computed by the worker.
    pub fn slices_csv(
        &self,
        base: &str,
        slice_field: &str,
        done: impl FnOnce(Result<String>) + 'static,
    ) {
        let message = object(&[
            ("kind", "slices".into()),
            ("base", base.into()),
            ("field", slice_field.into()),
        ]);
        self.text(message, Box::new(done));
    }

    /// steps.csv, computed by the worker.
    pub fn steps_csv(&self, done: impl FnOnce(Result<String>) + 'static) {
        let message = object(&[("kind", "steps".into())]);
        self.text(message, Box::new(done));
    }

    /// A share link's payload for `view`, written by the worker from the pooled data.
    pub fn share_payload(&self, view: &View, done: impl FnOnce(Result<String>) + 'static) {
        let bytes = Uint8Array::from(&to_bytes(view)[..]);
        let message = object(&[("kind", "share".into()), ("bytes", bytes.into())]);
        self.text(message, Box::new(done));
    }

    fn text(&self, message: Object, done: Reply) {
        self.queue.borrow_mut().texts.push((message, done));
        pump(&self.worker, &self.queue);
    }
}

impl Drop for Analyst {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Sends the next request, if the worker is ready and idle.
fn pump(worker: &Worker, queue: &Rc<RefCell<Queue>>) {
    let mut q = queue.borrow_mut();
    if !q.ready || q.busy {
        return;
    }
    q.next_id += 1;
    let id = q.next_id;
    let request = if !q.texts.is_empty() {
        let (message, done) = q.texts.remove(0);
        Some(Request::Text(message, done))
    } else {
        q.view.take().map(Request::View)
    };
    let message = match request {
        Some(Request::View(view)) => {
            q.latest_view = Some(id);
            let bytes = Uint8Array::from(&to_bytes(&view)[..]);
            object(&[("kind", "view".into()), ("bytes", bytes.into())])
        }
        Some(Request::Text(message, done)) => {
            q.waiting.insert(id, done);
            message
        }
        None => return,
    };
    let _ = Reflect::set(&message, &"id".into(), &id.into());
    q.busy = true;
    drop(q);
    let _ = worker.post_message(&message);
}

impl Drop for Queue {
    fn drop(&mut self) {
        for (_, done) in self.waiting.drain() {
            done(Err(Error::Worker("the statistics worker stopped".into())));
        }
        for (_, done) in self.reading.drain() {
            done(Err(Error::Worker("the statistics worker stopped".into())));
        }
    }
}
