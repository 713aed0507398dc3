//! The load life cycle, as a plain type the page holds in one signal: the demo shown until the
//! user loads files; a load started, its progress, its files arriving (added, or replacing one
//! file read again with other options); a load cancelled (what came before stays); a share link
//! opened (replacing everything); everything cleared. A load that ends after a newer one (or a
//! clear) started is ignored. The page's data itself is a separate signal: a finished load
//! returns the `Change` to apply to it.
//!
//! Generic over the handle of a file (`S`: a browser `File` on the page, anything in tests).

use passk_lens_core::explain::snapshot::PageFile;
use passk_lens_core::read::ingest::Options;

/// The `data-state` of `load-status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoadState {
    #[default]
    Idle,
    Loading,
    Ready,
    Error,
}

impl LoadState {
    pub fn as_str(self) -> &'static str {
        match self {
            LoadState::Idle => "idle",
            LoadState::Loading => "loading",
            LoadState::Ready => "ready",
            LoadState::Error => "error",
        }
    }
}

/// Where a load's files go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Added to what is loaded (replacing the demo).
    Add,
    /// Replace loaded file `i` (read again with other options).
    Replace(usize),
}

/// Where a load is: bytes read so far of the total, and when it started (ms).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub done: f64,
    pub total: f64,
    pub started: f64,
}

impl Progress {
    /// "120 of 523 MB · 410 MB/s · about 1 s left", once there is a rate to tell.
    pub fn text(&self, now: f64) -> String {
        let mb = |b: f64| b / 1e6;
        let seconds = (now - self.started) / 1e3;
        let mut text = format!("{:.0} of {:.0} MB", mb(self.done), mb(self.total));
        if seconds > 0.2 && self.done > 0.0 {
            let rate = self.done / seconds;
            let left = ((self.total - self.done).max(0.0) / rate).ceil();
            text += &format!(" · {:.0} MB/s · about {left} s left", mb(rate));
        }
        text
    }
}

/// Names a load (or a link being opened): only the latest one's outcome counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u32);

/// What to do to the page's files.
#[derive(Debug)]
pub enum Change {
    /// Replace them all (the demo, a link, a first load over the demo).
    Set(Vec<PageFile>),
    /// Add these.
    Extend(Vec<PageFile>),
    /// Replace file `i`.
    Replace(usize, Box<PageFile>),
    /// Nothing is loaded any more.
    Clear,
}

impl Change {
    /// Whether `files` would hold a usable file once it is applied (without applying it).
    pub fn leaves_usable(&self, files: &[PageFile]) -> bool {
        let used = |f: &PageFile| f.report.used > 0;
        match self {
            Change::Set(new) => new.iter().any(used),
            Change::Extend(new) => files.iter().chain(new).any(used),
            Change::Replace(i, file) if *i < files.len() => {
                (files.iter().enumerate()).any(|(j, f)| if j == *i { used(file) } else { used(f) })
            }
            Change::Replace(..) => files.iter().any(used),
            Change::Clear => false,
        }
    }

    /// Applies it to the files.
    pub fn apply(self, files: &mut Vec<PageFile>) {
        match self {
            Change::Set(new) => *files = new,
            Change::Extend(new) => files.extend(new),
            Change::Replace(i, file) => {
                if let Some(slot) = files.get_mut(i) {
                    *slot = *file;
                }
            }
            Change::Clear => files.clear(),
        }
    }
}

/// A file of a running load: its handle, name (for a report when it cannot be read) and size.
#[derive(Debug, Clone, PartialEq)]
pub struct Chosen<S> {
    pub source: S,
    pub name: String,
    pub size: f64,
}

/// The load life cycle.
#[derive(Debug, Clone, PartialEq)]
pub struct Loads<S> {
    pub state: LoadState,
    /// The built-in demo is shown.
    pub demo: bool,
    /// The data came from a share link, not from files.
    pub linked: bool,
    pub notice: Option<String>,
    pub progress: Option<Progress>,
    /// The file behind each loaded file (`None` for the demo or a link), with the options it
    /// was read with, so that it can be read again.
    pub sources: Vec<Option<(S, Options)>>,
    /// The user loaded something (or opened a link): the demo must not replace it.
    pub user_loaded: bool,
    /// The latest ticket given.
    epoch: u32,
    /// The running load: its ticket, target, files and options.
    running: Option<(Ticket, Target, Vec<Chosen<S>>, Options)>,
}

impl<S> Default for Loads<S> {
    fn default() -> Self {
        Loads {
            state: LoadState::Loading,
            demo: false,
            linked: false,
            notice: None,
            progress: None,
            sources: Vec::new(),
            user_loaded: false,
            epoch: 0,
            running: None,
        }
    }
}

impl<S: Clone> Loads<S> {
    fn ticket(&mut self) -> Ticket {
        self.epoch += 1;
        Ticket(self.epoch)
    }

    fn current(&self, ticket: Ticket) -> bool {
        ticket.0 == self.epoch
    }

    /// Starts reading `chosen` (nothing when it is empty), at time `now` (ms).
    pub fn start(
        &mut self,
        chosen: Vec<Chosen<S>>,
        options: Options,
        target: Target,
        now: f64,
    ) -> Option<Ticket> {
        if chosen.is_empty() {
            return None;
        }
        let ticket = self.ticket();
        self.user_loaded = true;
        self.notice = None;
        self.state = LoadState::Loading;
        self.progress = Some(Progress {
            done: 0.0,
            total: chosen.iter().map(|c| c.size).sum(),
            started: now,
        });
        self.running = Some((ticket, target, chosen, options));
        Some(ticket)
    }

    /// The running load's bytes read so far.
    pub fn advance(&mut self, ticket: Ticket, done: f64, total: f64) {
        if let (true, Some(p)) = (self.current(ticket), self.progress.as_mut()) {
            (p.done, p.total) = (done, total);
        }
    }

    /// The running load ended: `parsed` holds each chosen file's result (a file without one
    /// gets a report saying why, from `failure`). `any_loaded` tells whether the page holds
    /// usable files after the change (for a re-read file). Returns the change to apply, or
    /// `None` for a load that is no longer current.
    pub fn finish(
        &mut self,
        ticket: Ticket,
        parsed: Vec<Option<PageFile>>,
        failure: Option<String>,
        any_loaded: impl FnOnce(&Change) -> bool,
    ) -> Option<Change> {
        if !self.current(ticket) {
            return None;
        }
        let (_, target, chosen, options) = self.running.take()?;
        let parsed: Vec<PageFile> = chosen
            .iter()
            .zip(parsed.into_iter().chain(std::iter::repeat(None)))
            .map(|(c, p)| {
                p.unwrap_or_else(|| {
                    let why = failure.clone().unwrap_or_else(|| "no result".into());
                    PageFile::unreadable(c.name.clone(), why)
                })
            })
            .collect();
        let usable = parsed.iter().any(|f| f.report.used > 0);
        let new_sources = chosen
            .into_iter()
            .map(|c| Some((c.source, options.clone())));
        let change = match target {
            Target::Replace(i) => {
                let file = parsed.into_iter().next()?;
                if let Some(slot) = self.sources.get_mut(i) {
                    *slot = new_sources.into_iter().next().flatten();
                }
                Change::Replace(i, Box::new(file))
            }
            Target::Add if self.demo => {
                self.demo = false;
                self.linked = false;
                self.sources = new_sources.collect();
                Change::Set(parsed)
            }
            Target::Add => {
                self.sources.extend(new_sources);
                Change::Extend(parsed)
            }
        };
        self.progress = None;
        let replaced = matches!(target, Target::Replace(_));
        self.state = if usable || (replaced && any_loaded(&change)) {
            LoadState::Ready
        } else {
            LoadState::Error
        };
        Some(change)
    }

    /// The running load could not start.
    pub fn fail_to_start(&mut self, ticket: Ticket, why: String) {
        if self.current(ticket) {
            self.running = None;
            self.progress = None;
            self.notice = Some(format!("Could not start reading: {why}"));
            self.state = LoadState::Error;
        }
    }

    /// Stops the running load; what was loaded before stays.
    pub fn cancel(&mut self, any_loaded: bool) {
        self.ticket();
        self.running = None;
        self.progress = None;
        self.notice = Some("Load cancelled: the data loaded before it is kept.".into());
        self.state = if any_loaded {
            LoadState::Ready
        } else {
            LoadState::Idle
        };
    }

    /// A share link is being opened: it replaces whatever is shown.
    pub fn open_link(&mut self) -> Ticket {
        let ticket = self.ticket();
        self.user_loaded = true;
        self.running = None;
        self.progress = None;
        self.notice = None;
        self.state = LoadState::Loading;
        ticket
    }

    /// The link opened (its counts), or could not be (why); `any_loaded` tells whether the
    /// page still holds files.
    pub fn link_opened(
        &mut self,
        ticket: Ticket,
        opened: Result<PageFile, String>,
        any_loaded: bool,
    ) -> Option<Change> {
        if !self.current(ticket) {
            return None;
        }
        match opened {
            Ok(file) => {
                self.sources = vec![None];
                self.demo = false;
                self.linked = true;
                self.state = LoadState::Ready;
                Some(Change::Set(vec![file]))
            }
            Err(why) => {
                self.notice = Some(why);
                self.state = if any_loaded {
                    LoadState::Ready
                } else {
                    LoadState::Error
                };
                None
            }
        }
    }

    /// The demo arrived (or `None`: there is none); it shows unless the user was quicker.
    pub fn demo_arrived(&mut self, demo: Option<PageFile>) -> Option<Change> {
        if self.user_loaded {
            return None;
        }
        match demo {
            Some(file) => {
                self.sources = vec![None];
                self.demo = true;
                self.state = LoadState::Ready;
                Some(Change::Set(vec![file]))
            }
            None => {
                self.state = LoadState::Idle;
                None
            }
        }
    }

    /// Forgets everything.
    pub fn clear(&mut self) -> Change {
        self.ticket();
        self.user_loaded = true;
        self.running = None;
        self.progress = None;
        self.notice = None;
        self.sources.clear();
        self.demo = false;
        self.linked = false;
        self.state = LoadState::Idle;
        Change::Clear
    }

    /// The file behind loaded file `i` and its options, if it can be read again.
    pub fn source(&self, i: usize) -> Option<(S, Options)> {
        self.sources.get(i).cloned().flatten()
    }

    /// Whether loaded file `i` can be read again (it came from a file, not a link or the demo).
    pub fn rereadable(&self, i: usize) -> bool {
        matches!(self.sources.get(i), Some(Some(_)))
    }

    /// The one-line summary shown in `load-status`.
    pub fn status_text(&self, files: &[PageFile]) -> String {
        let used: usize = files.iter().map(|f| f.report.used).sum();
        let skipped: usize = files.iter().map(|f| f.report.skipped.len()).sum();
        match self.state {
            LoadState::Idle => "No data loaded: choose or drop result files or folders.".into(),
            LoadState::Loading => "Reading files in the background… the page stays usable.".into(),
            LoadState::Ready if self.demo => {
                "Showing the built-in demo. Load your own files to replace it.".into()
            }
            LoadState::Ready if self.linked && files.len() == 1 => {
                format!("Opened from a share link: {used} problem results, no file read.")
            }
            LoadState::Ready => format!(
                "{} file(s): {used} lines used, {skipped} skipped.",
                files.len()
            ),
            LoadState::Error if files.iter().any(|f| f.report.mappable) => {
                "Not recognised: choose below which fields hold the problem id and correctness."
                    .into()
            }
            LoadState::Error if files.is_empty() => "Nothing loaded: see the message below.".into(),
            LoadState::Error => {
                "Nothing usable in the files just loaded: see their reports below.".into()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use passk_lens_core::read::parse_file;

    fn chosen(names: &[&str]) -> Vec<Chosen<String>> {
        names
            .iter()
            .map(|n| Chosen {
                source: (*n).to_owned(),
                name: (*n).to_owned(),
                size: 100.0,
            })
            .collect()
    }

    fn good(name: &str) -> PageFile {
        PageFile::of(&parse_file(name, "{\"idx\": 0, \"n\": 2, \"c\": 1}\n"))
    }

    #[test]
    fn a_change_tells_whether_a_usable_file_is_left() {
        let bad = || PageFile::unreadable("x.jsonl".into(), "why".into());
        let (one_good, one_bad) = (vec![good("a.jsonl")], vec![bad()]);
        // Each case as the change applied says it.
        let cases = [
            (Change::Set(vec![bad(), good("b.jsonl")]), &one_bad),
            (Change::Set(vec![bad()]), &one_good),
            (Change::Extend(vec![bad()]), &one_good),
            (Change::Extend(vec![bad()]), &one_bad),
            (Change::Replace(0, Box::new(bad())), &one_good),
            (Change::Replace(0, Box::new(good("c.jsonl"))), &one_bad),
            (Change::Replace(3, Box::new(good("c.jsonl"))), &one_bad),
            (Change::Clear, &one_good),
        ];
        for (change, files) in cases {
            let said = change.leaves_usable(files);
            let mut after = files.clone();
            change.apply(&mut after);
            assert_eq!(said, after.iter().any(|f| f.report.used > 0));
        }
    }

    #[test]
    fn the_demo_shows_until_the_user_loads_and_the_first_load_replaces_it() {
        let mut loads = Loads::<String>::default();
        let mut files = Vec::new();
        loads
            .demo_arrived(Some(good("demo")))
            .unwrap()
            .apply(&mut files);
        assert!(loads.demo && loads.state == LoadState::Ready);
        assert_eq!(
            loads.status_text(&files),
            "Showing the built-in demo. Load your own files to replace it."
        );
        let t = loads
            .start(chosen(&["a.jsonl"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        assert_eq!(loads.state, LoadState::Loading);
        assert_eq!(loads.progress.unwrap().total, 100.0);
        loads.advance(t, 40.0, 100.0);
        assert_eq!(loads.progress.unwrap().done, 40.0);
        let change = loads
            .finish(t, vec![Some(good("a.jsonl"))], None, |_| true)
            .unwrap();
        assert!(matches!(change, Change::Set(_)));
        change.apply(&mut files);
        assert_eq!(
            (files.len(), loads.demo, loads.state),
            (1, false, LoadState::Ready)
        );
        // A later load adds; a demo arriving late is ignored.
        let t = loads
            .start(chosen(&["b.jsonl"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        loads
            .finish(t, vec![Some(good("b.jsonl"))], None, |_| true)
            .unwrap()
            .apply(&mut files);
        assert_eq!(files.len(), 2);
        assert!(loads.demo_arrived(Some(good("demo"))).is_none());
        assert_eq!(loads.source(1).unwrap().0, "b.jsonl");
    }

    #[test]
    fn a_newer_load_or_a_clear_makes_an_older_load_s_outcome_void() {
        let mut loads = Loads::<String>::default();
        let old = loads
            .start(chosen(&["slow"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        let new = loads
            .start(chosen(&["fast"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        assert!(loads
            .finish(old, vec![Some(good("slow"))], None, |_| true)
            .is_none());
        assert!(loads
            .finish(new, vec![Some(good("fast"))], None, |_| true)
            .is_some());
        let t = loads
            .start(chosen(&["x"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        assert!(matches!(loads.clear(), Change::Clear));
        assert_eq!(loads.state, LoadState::Idle);
        assert!(loads
            .finish(t, vec![Some(good("x"))], None, |_| true)
            .is_none());
    }

    #[test]
    fn failures_cancels_and_rereads() {
        let mut loads = Loads::<String>::default();
        let mut files = Vec::new();
        // A file the worker gave nothing for gets a report saying why.
        let t = loads
            .start(chosen(&["a", "b"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        let change = loads
            .finish(
                t,
                vec![Some(good("a"))],
                Some("the worker failed".into()),
                |_| true,
            )
            .unwrap();
        change.apply(&mut files);
        assert_eq!(
            files[1].report.problem.as_deref(),
            Some("Could not read this file: the worker failed")
        );
        // Re-reading file 0 with other options replaces it in place.
        let (source, mut options) = loads.source(0).unwrap();
        options.group_questions = false;
        let c = Chosen {
            source,
            name: "a".into(),
            size: 1.0,
        };
        let t = loads
            .start(vec![c], options, Target::Replace(0), 0.0)
            .unwrap();
        let change = loads
            .finish(t, vec![Some(good("a2"))], None, |_| true)
            .unwrap();
        assert!(matches!(change, Change::Replace(0, _)));
        assert!(!loads.source(0).unwrap().1.group_questions);
        // Cancel: what was loaded stays, and says so.
        loads
            .start(chosen(&["c"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        loads.cancel(true);
        assert_eq!((loads.state, loads.progress), (LoadState::Ready, None));
        assert!(loads
            .notice
            .as_deref()
            .unwrap()
            .starts_with("Load cancelled"));
        // Nothing usable in a load is an error.
        let t = loads
            .start(chosen(&["bad"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        let bad = PageFile::of(&parse_file("bad", "not json\n"));
        loads.finish(t, vec![Some(bad)], None, |_| true).unwrap();
        assert_eq!(loads.state, LoadState::Error);
        // Failing to start says why.
        let t = loads
            .start(chosen(&["d"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        loads.fail_to_start(t, "no worker".into());
        assert_eq!(
            loads.notice.as_deref(),
            Some("Could not start reading: no worker")
        );
    }

    #[test]
    fn a_link_replaces_everything_or_says_why_it_cannot() {
        let mut loads = Loads::<String>::default();
        let mut files = vec![good("a")];
        let t = loads.open_link();
        loads
            .link_opened(t, Ok(good("link")), true)
            .unwrap()
            .apply(&mut files);
        assert!(loads.linked && !loads.rereadable(0));
        assert_eq!(files.len(), 1);
        let t = loads.open_link();
        assert!(loads.link_opened(t, Err("damaged".into()), true).is_none());
        assert_eq!(
            (loads.state, loads.notice.as_deref()),
            (LoadState::Ready, Some("damaged"))
        );
        // Files loaded after a link are added to its counts (a model of one's own beside the
        // shared ones); only the demo is replaced.
        let t = loads
            .start(chosen(&["f"]), Options::default(), Target::Add, 0.0)
            .unwrap();
        assert!(matches!(
            loads.finish(t, vec![Some(good("f"))], None, |_| true),
            Some(Change::Extend(_))
        ));
    }

    #[test]
    fn progress_tells_the_rate_and_the_time_left() {
        let p = Progress {
            done: 100e6,
            total: 500e6,
            started: 0.0,
        };
        assert_eq!(p.text(1000.0), "100 of 500 MB · 100 MB/s · about 4 s left");
        assert_eq!(p.text(100.0), "100 of 500 MB");
    }
}
