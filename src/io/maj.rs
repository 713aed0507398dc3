//! maj@k on the machine's other cores: the statistics worker hands a view's costly maj@k
//! (`Analysis::take_maj_work`, one task per model) to helper workers of its own (the workers'
//! wasm started with `role=maj`), answers other views meanwhile, and takes the results back
//! (`Analysis::finish_maj`). A helper says `{ready: true}` once it listens, then receives
//! `{index, bytes}` (a `MajTask`, postcard) and answers `{index, bytes}` (its `MajTask::run`).
//! Where helpers cannot start or stop with an error, the statistics worker runs the tasks left
//! itself.

use super::error::{Error, Result};
use js_sys::{Array, Object, Reflect, Uint8Array};
use passk_lens_core::explain::snapshot::{from_bytes, to_bytes};
use passk_lens_core::stats::majority::{MajResult, MajTask};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker};

/// Where a job's results go, in the tasks' order.
type Done = Box<dyn FnOnce(Vec<MajResult>)>;

/// The most helpers a job starts: one per core (the statistics worker waits meanwhile), at
/// most this many.
const MOST_HELPERS: usize = 4;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn message(index: usize, bytes: &[u8]) -> (Object, Array) {
    let o = Object::new();
    let bytes = Uint8Array::from(bytes);
    let _ = Reflect::set(&o, &"index".into(), &index.into());
    let _ = Reflect::set(&o, &"bytes".into(), &bytes);
    (o, Array::of1(&bytes.buffer()))
}

fn index_and_bytes(data: &JsValue) -> (usize, Vec<u8>) {
    let get = |k: &str| Reflect::get(data, &k.into()).unwrap_or(JsValue::UNDEFINED);
    let index = get("index").as_f64().unwrap_or(-1.0);
    let bytes = get("bytes").dyn_into::<Uint8Array>().map(|b| b.to_vec());
    (
        if index >= 0.0 {
            index as usize
        } else {
            usize::MAX
        },
        bytes.unwrap_or_default(),
    )
}

/// A helper's entry point: run every task posted to it.
pub fn serve_helper() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let (index, bytes) = index_and_bytes(&ev.data());
        let result = from_bytes::<MajTask>(&bytes)
            .ok()
            .and_then(|task| task.run());
        let (o, transfer) = message(index, &to_bytes(&result));
        let _ = scope().post_message_with_transfer(&o, &transfer);
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages posted before the handler was set are lost: tasks come once it says so.
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &true.into());
    let _ = scope().post_message(&ready);
}

/// A job under way: its tasks, the next one to hand out, the results so far.
struct Job {
    tasks: Vec<MajTask>,
    next: usize,
    results: Vec<Option<MajResult>>,
    left: usize,
    helpers: Vec<Worker>,
    done: Option<Done>,
}

type Handlers = Vec<(
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(web_sys::Event)>,
)>;

thread_local! {
    /// The job under way (one at a time: a newer one stops it) and its helpers' handlers.
    static JOB: RefCell<Option<(Rc<RefCell<Job>>, Handlers)>> = const { RefCell::new(None) };
}

/// Stops the job under way, if any: its results will never be taken.
pub fn cancel() {
    if let Some((job, _handlers)) = JOB.take() {
        for helper in job.borrow_mut().helpers.drain(..) {
            helper.terminate();
        }
    }
}

/// A helper: the statistics worker's own script and wasm, with `role=maj`.
fn spawn_helper() -> Result<Worker> {
    let here = scope().location().href();
    let url = web_sys::Url::new(&here)?;
    url.search_params().set("role", "maj");
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    Worker::new_with_options(&url.href(), &options).map_err(|e| Error::Worker(format!("{e:?}")))
}

/// Runs `tasks` on helpers (stopping any job under way) and gives `done` their results, in
/// order, once all are in.
pub fn start(tasks: Vec<MajTask>, done: impl FnOnce(Vec<MajResult>) + 'static) {
    cancel();
    let cores = web_sys::WorkerGlobalScope::navigator(&scope()).hardware_concurrency() as usize;
    let wanted = tasks.len().min(cores.clamp(1, MOST_HELPERS));
    let helpers: Vec<Worker> = (0..wanted).map_while(|_| spawn_helper().ok()).collect();
    let job = Rc::new(RefCell::new(Job {
        left: tasks.len(),
        results: vec![None; tasks.len()],
        tasks,
        next: 0,
        helpers: helpers.clone(),
        done: Some(Box::new(done)),
    }));
    if helpers.is_empty() {
        return run_here(&job);
    }
    let mut handlers: Handlers = Vec::new();
    for helper in &helpers {
        let (j, me) = (job.clone(), helper.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let (index, bytes) = index_and_bytes(&ev.data());
            let result: Option<(Vec<f64>, usize)> = from_bytes(&bytes).unwrap_or(None);
            if index != usize::MAX {
                let mut job = j.borrow_mut();
                let model = job.tasks.get(index).map(|t| t.model.clone());
                if let (Some(model), Some(slot)) = (model, job.results.get_mut(index)) {
                    if slot.is_none() {
                        *slot = Some((model, result));
                        job.left -= 1;
                    }
                }
            }
            hand_out(&j, &me);
        });
        let j = job.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            // A helper that stopped: the tasks not done are run here.
            run_here(&j);
        });
        helper.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        helper.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        handlers.push((on_message, on_error));
    }
    // Each helper asks for its first task when it is ready (its message has no index).
    JOB.set(Some((job, handlers)));
}

/// Gives `helper` the next task, or, when every result is in, ends the job.
fn hand_out(job: &Rc<RefCell<Job>>, helper: &Worker) {
    let mut j = job.borrow_mut();
    if j.next < j.tasks.len() {
        let index = j.next;
        j.next += 1;
        let (o, transfer) = message(index, &to_bytes(&j.tasks[index]));
        drop(j);
        let _ = helper.post_message_with_transfer(&o, &transfer);
    } else if j.left == 0 {
        drop(j);
        finish(job);
    }
}

/// Runs every task whose result is not in, here, and ends the job.
fn run_here(job: &Rc<RefCell<Job>>) {
    {
        let mut j = job.borrow_mut();
        for helper in j.helpers.drain(..) {
            helper.terminate();
        }
        let Job { tasks, results, .. } = &mut *j;
        for (task, slot) in tasks.iter().zip(results.iter_mut()) {
            if slot.is_none() {
                *slot = Some((task.model.clone(), task.run()));
            }
        }
        j.left = 0;
    }
    finish(job);
}

/// Gives the results to the job's `done`, once, and lets its helpers go.
fn finish(job: &Rc<RefCell<Job>>) {
    let (done, results) = {
        let mut j = job.borrow_mut();
        for helper in j.helpers.drain(..) {
            helper.terminate();
        }
        let results: Vec<MajResult> = j.results.iter_mut().filter_map(Option::take).collect();
        (j.done.take(), results)
    };
    if JOB.with_borrow(|current| current.as_ref().is_some_and(|(c, _)| Rc::ptr_eq(c, job))) {
        // Dropping the handlers here would free the closure running now: later.
        let _ = JOB
            .take()
            .map(|held| wasm_bindgen_futures::spawn_local(async move { drop(held) }));
    }
    if let Some(done) = done {
        done(results);
    }
}
