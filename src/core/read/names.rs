//! Naming models from where their results lie: a file's name, and for a dropped folder the
//! folders above it. A model trained in steps is one run, and each checkpoint is the model
//! `<run>@<step>` (the contract's rule): the step comes from a record's `step` field, else from
//! the file or folder name (`200.jsonl`, `global_step_200`, `checkpoint-200`, `step200`,
//! `step_200`); the run is the folder that holds the step files, else the file's own name.
//!
//! ```
//! use passk_lens_core::read::names::source_of;
//! let s = source_of("runA/val/200.jsonl");
//! assert_eq!((s.run.as_str(), s.step.as_deref()), ("val", Some("200")));
//! assert_eq!(source_of("qwen2.5-7b-base.jsonl.gz").run, "qwen2.5-7b-base");
//! ```

/// Where a file's records come from, as far as its path tells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// The path as given (a file name, or a path inside a dropped folder).
    pub path: String,
    /// The model of records without a `model` field: the run (or the file's name).
    pub run: String,
    /// The checkpoint's step, when the file or a folder above it names one.
    pub step: Option<String>,
    /// The benchmark of records without one: the file's name, when a folder names the step and
    /// the file itself does not (`run/global_step_200/math500.jsonl`), so that two
    /// benchmarks of one checkpoint do not pool.
    pub benchmark: Option<String>,
}

impl Source {
    /// The model name of a record with this `step` (its own, else the path's).
    pub fn model(&self, step: Option<&str>) -> String {
        match step.or(self.step.as_deref()) {
            Some(step) => format!("{}@{step}", self.run),
            None => self.run.clone(),
        }
    }
}

/// A file name without `.gz`, then `.jsonl`, then `.json` (the contract's model name), and
/// without the other extensions read (`.eval`, `.parquet`).
pub fn stem(name: &str) -> &str {
    let mut stem = name;
    for ext in [".gz", ".jsonl", ".json"] {
        stem = stem.strip_suffix(ext).unwrap_or(stem);
    }
    for ext in [".eval", ".parquet"] {
        if let Some(s) = stem.strip_suffix(ext) {
            return s;
        }
    }
    stem
}

/// Orders paths as people read them: digit runs by their value, so that a run's steps come
/// as 0, 100, 200, 1000 (not 0, 100, 1000, 200).
///
/// ```
/// use passk_lens_core::read::names::natural_cmp;
/// let mut p = ["r/1000.jsonl", "r/200.jsonl", "r/0.jsonl"];
/// p.sort_by(|a, b| natural_cmp(a, b));
/// assert_eq!(p, ["r/0.jsonl", "r/200.jsonl", "r/1000.jsonl"]);
/// ```
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (pa, pb) = (parts(a), parts(b));
    for ((da, xa), (db, xb)) in pa.iter().zip(&pb) {
        let order = match (da, db) {
            (true, true) => {
                let (ta, tb) = (xa.trim_start_matches('0'), xb.trim_start_matches('0'));
                ta.len()
                    .cmp(&tb.len())
                    .then(ta.cmp(tb))
                    .then(xa.len().cmp(&xb.len()))
            }
            _ => xa.cmp(xb),
        };
        if order.is_ne() {
            return order;
        }
    }
    pa.len().cmp(&pb.len())
}

/// Whether a file in a dropped folder is of a kind that is read: `.jsonl`, `.json`, `.gz`,
/// `.eval` (Inspect), `.parquet`.
pub fn supported(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".jsonl", ".json", ".gz", ".eval", ".parquet"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// The step a file or folder name gives: `200`, `global_step_200`, `checkpoint-200`,
/// `step200`, `step_200`, `step-200` (digits only, as written).
pub fn step_of(name: &str) -> Option<&str> {
    let digits = |s: &str| (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then_some(());
    let lower = name.to_ascii_lowercase();
    for prefix in [
        "global_step_",
        "global_step",
        "checkpoint-",
        "checkpoint_",
        "step_",
        "step-",
        "step",
    ] {
        if lower.starts_with(prefix) {
            let rest = &name[prefix.len()..];
            return digits(rest).map(|()| rest);
        }
    }
    digits(name).map(|()| name)
}

/// What a file's name alone tells (a file picked by itself: its name is not split at `/`).
pub fn source_of_name(name: &str) -> Source {
    from_parts(name, name, &[])
}

/// What one path tells (see the module's rules).
pub fn source_of(path: &str) -> Source {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    match parts.split_last() {
        Some((file, folders)) => from_parts(path, file, folders),
        None => Source::default(),
    }
}

fn from_parts(path: &str, file: &str, folders: &[&str]) -> Source {
    let stem = stem(file);
    let mut source = Source {
        path: path.to_owned(),
        run: stem.to_owned(),
        ..Source::default()
    };
    if let Some((task, model)) = lighteval_names(stem, folders) {
        source.benchmark = Some(task);
        if let Some(model) = model {
            source.run = model;
        }
        return source;
    }
    if let Some(step) = step_of(stem) {
        source.step = Some(step.to_owned());
        if let Some(holder) = folders.last() {
            source.run = (*holder).to_owned();
        }
        return source;
    }
    // A step folder (the nearest one) holding files named otherwise.
    if let Some(i) = folders.iter().rposition(|f| step_of(f).is_some()) {
        source.step = step_of(folders[i]).map(str::to_owned);
        source.benchmark = Some(stem.to_owned());
        if i > 0 {
            source.run = folders[i - 1].to_owned();
        }
    }
    source
}

/// lighteval's details file `details_<task>_<timestamp>` names its task; under
/// `details/<model>/<timestamp>/` its folders name the model (`org/name` as two folders).
fn lighteval_names(stem: &str, folders: &[&str]) -> Option<(String, Option<String>)> {
    let rest = stem.strip_prefix("details_")?;
    // The timestamp starts at the last `_` followed by a year.
    let at = rest.match_indices('_').map(|(i, _)| i).rfind(|&i| {
        let t = rest.as_bytes().get(i + 1..i + 6);
        t.is_some_and(|t| t[..4].iter().all(u8::is_ascii_digit) && t[4] == b'-')
    })?;
    let task = rest[..at].to_owned();
    let model = folders.iter().rposition(|f| *f == "details").and_then(|d| {
        // details/<model…>/<timestamp>/file: the model is what lies between.
        let between = &folders[d + 1..folders.len().saturating_sub(1)];
        (!between.is_empty()).then(|| between.join("/"))
    });
    Some((task, model))
}

/// The sources of the files of one drop: as `source_of`, except that runs whose names clash
/// although their folders differ (two runs' `val/100.jsonl`) are told apart by the folders
/// above them (`runA/val`, `runB/val`), so that they never pool.
pub fn sources_of(paths: &[&str]) -> Vec<Source> {
    let mut sources: Vec<Source> = paths.iter().map(|p| source_of(p)).collect();
    // The folders that name each run (empty for a run named by its file).
    let run_folders = |path: &str, source: &Source| -> Vec<String> {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let folders = &parts[..parts.len().saturating_sub(1)];
        match folders.iter().rposition(|f| *f == source.run) {
            Some(i) if source.step.is_some() => {
                folders[..=i].iter().map(|s| (*s).to_owned()).collect()
            }
            _ => Vec::new(),
        }
    };
    let folders: Vec<Vec<String>> = paths
        .iter()
        .zip(&sources)
        .map(|(p, s)| run_folders(p, s))
        .collect();
    for i in 0..sources.len() {
        if folders[i].is_empty() {
            continue;
        }
        // Grow the name by one folder at a time until no other run with another folder path
        // shares it.
        let mut depth = 1;
        loop {
            let name = |f: &[String], d: usize| f[f.len().saturating_sub(d)..].join("/");
            let mine = name(&folders[i], depth);
            let clash = folders.iter().enumerate().any(|(j, other)| {
                j != i && !other.is_empty() && *other != folders[i] && name(other, depth) == mine
            });
            if !clash || depth >= folders[i].len() {
                sources[i].run = mine;
                break;
            }
            depth += 1;
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_from_file_and_folder_names() {
        for (name, step) in [
            ("200", Some("200")),
            ("global_step_200", Some("200")),
            ("checkpoint-1500", Some("1500")),
            ("step200", Some("200")),
            ("step_200", Some("200")),
            ("Step-7", Some("7")),
            ("qwen-7b-200", None),
            ("step", None),
            ("checkpoint-final", None),
            ("", None),
        ] {
            assert_eq!(step_of(name), step, "{name}");
        }
    }

    #[test]
    fn runs_steps_and_benchmarks_from_paths() {
        let s = source_of("200.jsonl");
        assert_eq!((s.run.as_str(), s.step.as_deref()), ("200", Some("200")));
        assert_eq!(s.model(None), "200@200");
        let s = source_of("dapo-run/val_generations/0.jsonl");
        assert_eq!(s.model(None), "val_generations@0");
        assert_eq!(s.model(Some("300")), "val_generations@300");
        let s = source_of("exp/grpo/global_step_400/math500.jsonl");
        assert_eq!(
            (s.run.as_str(), s.step.as_deref(), s.benchmark.as_deref()),
            ("grpo", Some("400"), Some("math500"))
        );
        let s = source_of("results/base.jsonl.gz");
        assert_eq!((s.run.as_str(), s.step), ("base", None));
        assert_eq!(source_of("log.eval").run, "log");
        assert_eq!(source_of_name("<b>model</b>.jsonl").run, "<b>model</b>");
        let s = source_of(
            "out/details/Qwen/Qwen2.5-Math-7B/2025-05-01T10-00-00.000001/details_lighteval|math_500|0_2025-05-01T10-00-00.000001.parquet",
        );
        assert_eq!(
            (s.run.as_str(), s.benchmark.as_deref()),
            ("Qwen/Qwen2.5-Math-7B", Some("lighteval|math_500|0"))
        );
        assert_eq!(source_of("d/details_x.parquet").run, "details_x");
    }

    #[test]
    fn clashing_runs_are_told_apart_by_their_folders() {
        let s = sources_of(&[
            "runs/runA/val/100.jsonl",
            "runs/runB/val/100.jsonl",
            "runs/runA/val/200.jsonl",
            "base.jsonl",
        ]);
        let models: Vec<String> = s.iter().map(|s| s.model(None)).collect();
        assert_eq!(
            models,
            ["runA/val@100", "runB/val@100", "runA/val@200", "base"]
        );
        // No clash: the plain holder name.
        let s = sources_of(&["a/val/1.jsonl", "a/val/2.jsonl"]);
        assert_eq!(s[1].model(None), "val@2");
    }
}
