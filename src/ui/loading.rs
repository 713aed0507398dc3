//! The load life cycle wired to the browser: the plain `model::load::Loads` held in a signal,
//! the loading workers, share links and the demo. Every way data arrives or leaves goes through
//! one of `Loading`'s methods, which apply the `Change` the model returns to the page's files.
//! Provided as context, like the page state.

use super::model::load::{Change, Chosen, LoadState, Loads, Target};
use super::state::{use_page, PageState};
use crate::io::files::{self, Picked};
use crate::io::share;
use crate::io::worker::{self, Event, Job};
use leptos::prelude::*;
use leptos::task::spawn_local;
use passk_lens_core::explain::snapshot::{from_bytes, PageFile, Snapshot};
use passk_lens_core::read::ingest::Options;
use std::cell::RefCell;
use std::rc::Rc;

/// The demo: the MATH500 pair's counts as a share link holds them, built from the shared data
/// when the site is built (scripts/demo.sh) and fetched relative to the page as the bytes a
/// worker would send (postcard), so that showing it needs no worker.
const DEMO_URL: &str = "demo.file";
/// The statistics of the demo's first view, computed when the site was built (so that the
/// first chart needs no worker).
const DEMO_SNAPSHOT_URL: &str = "demo.snapshot";
const DEMO_NAME: &str = "MATH500 demo (math500-qwen25-7b-vs-simplerl)";

/// The load life cycle's handles (all `Copy`).
#[derive(Clone, Copy)]
pub struct Loading {
    pub loads: RwSignal<Loads<Picked>, LocalStorage>,
    /// The decompression cap of `.gz` files, MiB.
    pub cap_mb: RwSignal<f64>,
    job: StoredValue<Option<Job>, LocalStorage>,
    page: PageState,
}

/// The load life cycle, from context.
pub fn use_loading() -> Loading {
    expect_context::<Loading>()
}

impl Loading {
    /// Creates it, provides it as context, and opens the page's share link or else the demo.
    pub fn provide() -> Loading {
        let loading = Loading {
            loads: RwSignal::new_local(Loads::default()),
            cap_mb: RwSignal::new(files::DEFAULT_CAP / (1024.0 * 1024.0)),
            job: StoredValue::new_local(None),
            page: use_page(),
        };
        provide_context(loading);
        // Pasting another link into the address bar changes only the fragment.
        let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
            if let Some(fragment) = share::own_fragment() {
                loading.open_link(fragment);
            }
        });
        on_cleanup(move || on_hash.remove());
        if let Some(fragment) = share::own_fragment() {
            loading.open_link(fragment);
        }
        loading.fetch_demo();
        loading
    }

    fn apply(self, change: Option<Change>) {
        if let Some(change) = change {
            self.page.files.update(|f| change.apply(f));
            // The files behind the data, in its order: the drawer reads texts from them.
            let sources = self.loads.with_untracked(|l| {
                (l.sources.iter())
                    .map(|s| s.as_ref().map(|(p, o)| (p.file.clone(), o.clone())))
                    .collect()
            });
            self.page.sources(sources);
        }
    }

    /// Loads files the user picked or dropped, adding them to what is shown.
    pub fn load(self, chosen: Vec<Picked>) {
        self.run(chosen, Options::default(), Target::Add);
    }

    /// Reads loaded file `i` again with its options changed by `change`.
    pub fn reread(self, i: usize, change: impl FnOnce(&mut Options)) {
        if let Some((file, mut options)) = self.loads.with_untracked(|l| l.source(i)) {
            change(&mut options);
            self.run(vec![file], options, Target::Replace(i));
        }
    }

    fn run(self, chosen: Vec<Picked>, options: Options, target: Target) {
        let listed: Vec<Chosen<Picked>> = chosen
            .iter()
            .map(|p| Chosen {
                name: p.display(),
                size: p.file.size(),
                source: p.clone(),
            })
            .collect();
        let Some(ticket) = self
            .loads
            .try_update(|l| l.start(listed, options.clone(), target, js_sys::Date::now()))
            .flatten()
        else {
            return;
        };
        let slots: Rc<RefCell<Vec<Option<PageFile>>>> =
            Rc::new(RefCell::new(vec![None; chosen.len()]));
        let finish = move |failure: Option<String>, received: &RefCell<Vec<Option<PageFile>>>| {
            let parsed = std::mem::take(&mut *received.borrow_mut());
            let files = self.page.files;
            let change = self.loads.try_update(|l| {
                l.finish(ticket, parsed, failure, |change| {
                    files.with_untracked(|f| change.leaves_usable(f))
                })
            });
            self.apply(change.flatten());
            // The job's own message handler is running: drop the workers once it returns.
            spawn_local(async move { self.job.set_value(None) });
        };
        let on_event = move |event: Event| match event {
            Event::Progress { done, total } => {
                self.loads.update(|l| l.advance(ticket, done, total));
            }
            Event::File { index, file } => {
                if let Some(slot) = slots.borrow_mut().get_mut(index) {
                    *slot = Some(*file);
                }
            }
            Event::Done => finish(None, &slots),
            Event::Failed(why) => finish(Some(why), &slots),
        };
        let cap = self.cap_mb.get_untracked() * 1024.0 * 1024.0;
        match Job::start(&chosen, &options, cap, on_event) {
            Ok(job) => self.job.set_value(Some(job)),
            Err(why) => self
                .loads
                .update(|l| l.fail_to_start(ticket, why.to_string())),
        }
    }

    /// Stops the running load; what was loaded before stays.
    pub fn cancel(self) {
        self.job.set_value(None);
        let any = self.page.files.with_untracked(|f| !f.is_empty());
        self.loads.update(|l| l.cancel(any));
    }

    /// Forgets every file (and the chosen k, step focus, renamed models and slice, which belong to them).
    pub fn clear(self) {
        self.job.set_value(None);
        let change = self.loads.try_update(|l| l.clear());
        self.apply(change);
        self.page.choices.k.set(None);
        self.page.choices.focus.set(Vec::new());
        self.page.choices.renames.set(Default::default());
        self.page.choices.slice.set(None);
        self.page.choices.problem.set(None);
    }

    /// A note for the user (what a folder left out, why a drop failed), or none.
    pub fn notice(self, notice: Option<String>) {
        self.loads.update(|l| l.notice = notice);
    }

    /// Opens a share link: its counts and view replace whatever is shown; a link that cannot
    /// be opened loads nothing and says why.
    pub fn open_link(self, fragment: String) {
        self.job.set_value(None);
        let Some(ticket) = self.loads.try_update(|l| l.open_link()) else {
            return;
        };
        self.page.open_link(
            &fragment,
            Box::new(move |opened| {
                let choices = self.page.choices;
                // Why a link cannot be opened is said in the load notice (it is the link's fault,
                // not the page's).
                let file = opened.map_err(|e| e.to_string()).map(|(view, parsed)| {
                    choices.benchmark.set(view.benchmark);
                    choices.base.set(view.base);
                    choices.k.set(view.k);
                    choices.show_hat.set(view.hat);
                    choices.log_x.set(!view.linear_k);
                    choices.hidden.set(view.hidden);
                    choices.slice.set(view.slice);
                    choices.problem.set(view.problem);
                    parsed
                });
                let any = self.page.files.with_untracked(|f| !f.is_empty());
                let change = self.loads.try_update(|l| l.link_opened(ticket, file, any));
                self.apply(change.flatten());
                // No load ran: get a loading worker ready for the next.
                worker::prepare();
            }),
        );
    }

    /// Shows the demo, unless the user was quicker or the page was opened from a link.
    fn fetch_demo(self) {
        spawn_local(async move {
            if self.loads.with_untracked(|l| l.user_loaded) {
                return;
            }
            let ahead = files::fetch_bytes(DEMO_SNAPSHOT_URL);
            let opened = (files::fetch_bytes(DEMO_URL).await)
                .ok()
                .and_then(|b| PageFile::from_bytes(&b, Vec::new()).ok());
            if opened.is_some() && !self.loads.with_untracked(|l| l.user_loaded) {
                // Without it (a damaged or missing file) the worker computes the first view.
                if let Some(s) = ahead
                    .await
                    .ok()
                    .and_then(|b| from_bytes::<Snapshot>(&b).ok())
                {
                    self.page.preset(s);
                }
            }
            let demo = opened.map(|mut parsed| {
                parsed.report.file = DEMO_NAME.into();
                parsed
            });
            let change = self.loads.try_update(|l| l.demo_arrived(demo));
            self.apply(change.flatten());
            worker::prepare();
        });
    }

    /// The `data-state` of `load-status`: `ready` only once the results of the files and the
    /// choices are computed (the UI contract).
    pub fn state(self) -> LoadState {
        let state = self.loads.with(|l| l.state);
        if state == LoadState::Ready && self.page.computing.get() {
            LoadState::Loading
        } else {
            state
        }
    }

    /// The one-line summary of `load-status`: while new data's statistics are computed, that
    /// (a view of data already shown is marked by the `computing` badge instead).
    pub fn status_text(self) -> String {
        let new_data = self.page.computing_new_data();
        self.loads.with(|l| {
            if l.state == LoadState::Ready && new_data {
                "Computing the statistics…".to_owned()
            } else {
                self.page.files.with(|f| l.status_text(f))
            }
        })
    }
}
