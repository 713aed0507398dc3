//! The command line itself: arguments, reading, the outputs.

use crate::inputs::{expand, read, Input};
use crate::table;
use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use passk_lens_core::explain::snapshot::{Analysis, Loaded, Snapshot, ViewRequest};
use passk_lens_core::export::counts::counts_jsonl;
use passk_lens_core::export::csv::{
    coverage_csv, metrics_csv, passk_csv, problems_csv, slices_csv, steps_csv,
};
use passk_lens_core::read::{skip_runs, EvalPlusTests, FileReport, Options, ParsedFile};
use passk_lens_core::stats::dataset::file_bands;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "passk-lens",
    version,
    about = "Unbiased pass@k, coverage and sharpening diagnostics of sampled LLM evaluations.",
    long_about = "Unbiased pass@k, coverage and sharpening diagnostics of sampled LLM evaluations: \
the readers and numbers of the passk-lens page, for files of any size, scripts and CI. \
Reads every format the page reads (files, folders walked recursively, .gz, - for standard \
input); each file's report (what it was read as, lines used and skipped) goes to standard error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Counts per (benchmark, model, problem) as JSON Lines: {"benchmark", "problem_id", "model", "n", "c"}.
    Counts(Common),
    /// passk.csv: pass@k with 95 % bootstrap bands and pass^k, k = 1 … K, per benchmark and model.
    Curves(Common),
    /// metrics.csv: pass@k (with its band), pass^k and the Bayesian pass@k, k = 1 … K.
    Metrics(Common),
    /// steps.csv: pass@1 and pass@K of every training run's checkpoints `<run>@<step>`, steps ascending.
    Steps(Common),
    /// slices.csv: pass@1 and pass@K per model in each slice of the problems: bins of the base model's success rate (base-rate), or the values of a field such as level.
    Slices(SlicesArgs),
    /// coverage.csv: the expected problems each set of models solves at k.
    Coverage(AtK),
    /// problems.csv: every problem's counts and pass@k at k.
    Problems(AtK),
    /// A table of pass@1, pass@K, Δ_SE, the crossover and the problems solved at K, per benchmark and model.
    Report(ReportArgs),
}

#[derive(Args)]
struct Common {
    /// Result files or folders; `-` reads standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// evalplus results: which tests count.
    #[arg(long, value_enum, default_value_t = Tests::Auto)]
    evalplus: Tests,
    /// Inspect logs with several scorers: the one that counts (default: the scorer with the most verdicts).
    #[arg(long)]
    scorer: Option<String>,
    /// Read each line as its own problem, even when questions repeat (Qwen2.5-Math's repeated sets are grouped by default).
    #[arg(long)]
    no_group_questions: bool,
    /// Go on when a file holds nothing usable (it is reported; by default that is an error).
    #[arg(long)]
    skip_unusable: bool,
    /// Threads (default: every core).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar and no per-file report, only errors.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct AtK {
    /// The k (default: the page's, the largest k every model has).
    #[arg(long)]
    k: Option<usize>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct ReportArgs {
    /// The base model (default: the page's, the first whose name contains "base").
    #[arg(long)]
    base: Option<String>,
    #[command(flatten)]
    common: Common,
}

#[derive(Args)]
struct SlicesArgs {
    /// The base model (default: the page's, the first whose name contains "base").
    #[arg(long)]
    base: Option<String>,
    /// The slice field: base-rate, or a field of the problems (level, type, subject, difficulty, platform, contest_date).
    #[arg(long, default_value = "base-rate")]
    field: String,
    #[command(flatten)]
    common: Common,
}

#[derive(Clone, Copy, ValueEnum)]
enum Tests {
    Auto,
    Base,
    Plus,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                // A closed pipe (`| head`) is not an error of ours.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("passk-lens: cannot write the output: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Err(why) => {
            eprintln!("passk-lens: {why}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command) -> Result<String, String> {
    match command {
        Command::Counts(c) => Ok(counts_jsonl(load(&c)?.dataset())),
        Command::Curves(c) => {
            let mut analysis = load(&c)?;
            Ok(passk_csv(
                &analysis.snapshot(&ViewRequest::default()).curves,
            ))
        }
        Command::Metrics(c) => {
            let analysis = load(&c)?;
            Ok(metrics_csv(analysis.dataset(), analysis.curves()))
        }
        Command::Steps(c) => {
            let analysis = load(&c)?;
            Ok(steps_csv(analysis.dataset(), analysis.curves()))
        }
        Command::Coverage(a) => {
            let mut analysis = load(&a.common)?;
            let view = ViewRequest {
                k: a.k,
                ..ViewRequest::default()
            };
            Ok(coverage_csv(&analysis.snapshot(&view).coverages))
        }
        Command::Problems(a) => {
            let mut analysis = load(&a.common)?;
            let view = ViewRequest {
                k: a.k,
                ..ViewRequest::default()
            };
            let k = analysis.snapshot(&view).k;
            Ok(problems_csv(analysis.dataset(), k))
        }
        Command::Slices(r) => {
            let (analysis, snapshot) = with_base(&r.common, r.base)?;
            Ok(slices_csv(analysis.dataset(), &snapshot.base, &r.field))
        }
        Command::Report(r) => Ok(table::report(&with_base(&r.common, r.base)?.1)),
    }
}

/// The inputs' analysis and its default view against `base` (the page's default base when
/// none is named); a base no model is named is an error that lists the models.
fn with_base(common: &Common, base: Option<String>) -> Result<(Analysis, Snapshot), String> {
    let mut analysis = load(common)?;
    let view = ViewRequest {
        base: base.clone(),
        ..ViewRequest::default()
    };
    let snapshot = analysis.snapshot(&view);
    if let Some(base) = base.filter(|b| !snapshot.models.contains(b)) {
        return Err(format!(
            "no model is named {base:?}; the models are: {}",
            snapshot.models.join(", ")
        ));
    }
    Ok((analysis, snapshot))
}

/// Reads every input (in parallel, each text file's lines too) and pools them as the page
/// does: each file's counts with the bootstrap bands the page's loading worker computes.
fn load(common: &Common) -> Result<Analysis, String> {
    let threads = common.threads.unwrap_or(0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    let (inputs, left_out) = expand(&common.inputs)?;
    if inputs.is_empty() {
        return Err(
            "no result file found in the folders given (read: .jsonl, .json, .gz, .eval, .parquet)"
                .into(),
        );
    }
    let options = Options {
        evalplus: match common.evalplus {
            Tests::Auto => EvalPlusTests::Auto,
            Tests::Base => EvalPlusTests::Base,
            Tests::Plus => EvalPlusTests::Plus,
        },
        scorer: common.scorer.clone(),
        group_questions: !common.no_group_questions,
        ..Options::default()
    };
    let bar = progress(&inputs, common.quiet);
    let parallel = pool.current_num_threads() > 1;
    let read_all = || -> Vec<Result<ParsedFile, String>> {
        inputs
            .par_iter()
            .map(|input| read(input, &options, parallel, &bar))
            .collect()
    };
    let results = pool.install(read_all);
    bar.finish_and_clear();
    let mut files = Vec::with_capacity(results.len());
    let mut unusable = Vec::new();
    for (input, result) in inputs.iter().zip(results) {
        let parsed = result?;
        if !common.quiet {
            eprint!("{}", describe(input, &parsed.report));
        }
        if parsed.report.used == 0 {
            unusable.push(input.display.clone());
        }
        files.push(parsed);
    }
    if left_out > 0 && !common.quiet {
        eprintln!("{left_out} file(s) in the folders are of other kinds and were left out.");
    }
    if !unusable.is_empty() && !common.skip_unusable {
        return Err(format!(
            "nothing usable in {} (see the report above; --skip-unusable goes on without it)",
            unusable.join(", ")
        ));
    }
    if files.iter().all(|f| f.report.used == 0) {
        return Err("no input holds a usable result".into());
    }
    // The bands, as the page's loading worker computes them per file.
    let loaded: Vec<Loaded> = pool.install(|| {
        files
            .into_par_iter()
            .map(|f| Loaded {
                bands: file_bands(&f.counts),
                counts: f.counts,
                meta: f.meta,
                answers: f.answers,
                texts: Default::default(),
            })
            .collect()
    });
    Ok(pool.install(|| Analysis::new(&loaded)))
}

/// A progress bar of the bytes read, on standard error when it is a terminal.
fn progress(inputs: &[Input], quiet: bool) -> ProgressBar {
    let total: u64 = inputs.iter().filter_map(|i| i.size).sum();
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if quiet {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// A file's report, as the page's file report says it: what it was read as, the rule, lines
/// used, skipped and blank, the first skipped lines with their reasons, notes, and the numbers
/// the file states beside ours.
fn describe(input: &Input, r: &FileReport) -> String {
    let mut out = format!(
        "{}: {} · {} {}s: {} used, {} skipped, {} blank\n",
        input.display,
        r.format.label(),
        r.lines,
        r.unit,
        r.used,
        r.skipped.len(),
        r.blank
    );
    if !r.rule.is_empty() {
        out += &format!("  rule: {}\n", r.rule);
    }
    if let Some(problem) = &r.problem {
        out += &format!("  {problem}\n");
    }
    for note in &r.notes {
        out += &format!("  note: {note}\n");
    }
    // Runs of lines skipped for one reason share an entry, as on the page.
    const LISTED: usize = 20;
    let runs = skip_runs(&r.skipped);
    for (first, last, reason) in runs.iter().take(LISTED) {
        let at = if first == last {
            format!("{} {first}", r.unit)
        } else {
            format!("{}s {first}–{last}", r.unit)
        };
        out += &format!("  skipped {at}: {reason}\n");
    }
    if runs.len() > LISTED {
        out += &format!(
            "  … and {} more runs of skipped {}s\n",
            runs.len() - LISTED,
            r.unit
        );
    }
    for s in &r.stated {
        let ours = s.ours.map_or("—".to_owned(), |o| o.to_string());
        let mark = if s.agrees() { "agrees" } else { "DIFFERS" };
        out += &format!(
            "  {} {}: pass@{} = {} stated by the file ({}); ours {ours}: {mark}\n",
            s.benchmark, s.model, s.k, s.value, s.source
        );
    }
    out
}
