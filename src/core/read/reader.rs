//! Turning records into per-problem counts, one numbered line (or array element) at a time,
//! with every line either used or reported with its number and the reason it was skipped.
//!
//! Three shapes are recognised per line, so a file may even mix them:
//! - per problem, a list of sample results: `{"idx": 0, "score": [true, false, …]}`;
//! - per sample, one result: `{"task_id": "HumanEval/0", "passed": true}` (samples are summed);
//! - per problem, counts: `{"problem_id": "7", "n": 128, "c": 17}`.
//!
//! The first usable record also tells which tool wrote the file (`Format`), and the file is
//! read by that tool's rule from then on: verl's `acc` or `score > 0`, LiveCodeBench's
//! problem ids, human-eval's two agreeing result fields, Qwen2.5-Math's repeated questions.

use super::formats::{human_eval, livecodebench, lm_eval, qwen_math, verl};
use super::mapping::Mapping;
use super::names::Source;
use super::record::{
    flag, truncate, AnswerValue, CountValue, IdValue, Outcome, Record, ANSWER_FIELDS, ID_FIELDS,
    META_FIELDS, RESULT_FIELDS,
};
use super::report::{CountTable, FileReport, Format, ParsedFile, Skip, SkipReason, Stated};
use super::texts::{IndexedGroup, PackedTexts, Span, TextIndex};
use crate::counts::{Counts, ProblemAnswers, ProblemMeta, Problems};
use crate::stats::estimator::pass_at_k;
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// One usable line, reduced to what pass@k needs.
pub(crate) struct Sample {
    pub problem: String,
    pub counts: Counts,
    /// True when the line describes a whole problem (list or counts), so a repeat is a duplicate.
    pub whole_problem: bool,
    /// How many numeric scores other than 0 and 1 were read by a threshold.
    pub thresholded: u64,
    /// Each sample's verdict, in order, when the line is a list of them (a single sample's is
    /// `counts.c`).
    pub bits: Vec<bool>,
}

impl Sample {
    /// One sample of `problem`, correct or not.
    pub fn one(problem: String, correct: bool) -> Sample {
        Sample {
            problem,
            counts: Counts {
                n: 1,
                c: u64::from(correct),
            },
            whole_problem: false,
            thresholded: 0,
            bits: Vec::new(),
        }
    }

    /// Each sample's verdict in order, when known.
    fn verdicts(&self) -> Option<Vec<bool>> {
        match self.counts.n {
            1 => Some(vec![self.counts.c == 1]),
            n if self.bits.len() as u64 == n => Some(self.bits.clone()),
            _ => None,
        }
    }
}

/// The tool a record comes from, by the fields it has.
fn format_of(r: &Record, unit: &str) -> Format {
    if r.n.is_some() || r.c.is_some() {
        Format::Counts
    } else if verl::recognises(r) {
        Format::Verl
    } else if livecodebench::recognises(r) {
        Format::Livecodebench
    } else if human_eval::recognises(r) {
        Format::HumanEval
    } else if qwen_math::recognises(r) {
        Format::QwenMath
    } else if r.has(flag::LM_EVAL) && r.results.iter().all(Option::is_none) {
        Format::LmEval
    } else if unit == "element" {
        Format::JsonArray
    } else if r
        .results
        .iter()
        .flatten()
        .any(|o| matches!(o, Outcome::List { .. }))
    {
        Format::JsonlPerProblem
    } else {
        Format::JsonlPerSample
    }
}

/// The problem a record is about: its tool's rule, else the first id field present.
fn problem_of(r: &Record, format: Format) -> Result<String, SkipReason> {
    if format == Format::Livecodebench {
        if let Some(problem) = livecodebench::problem(r) {
            return Ok(problem);
        }
    }
    for (i, id) in r.ids.iter().enumerate() {
        match id {
            Some(IdValue::Text(t)) => return Ok(t.clone()),
            Some(IdValue::Invalid(found)) => {
                return Err(SkipReason::BadId {
                    field: ID_FIELDS[i],
                    found,
                })
            }
            None => {}
        }
    }
    Err(SkipReason::NoId)
}

fn interpret(r: Record, format: Format) -> Result<Sample, SkipReason> {
    let problem = problem_of(&r, format)?;
    let count = |v: Option<CountValue>, field| match v {
        Some(CountValue::Count(x)) => Ok(x),
        _ => Err(SkipReason::BadCount { field }),
    };
    match (r.n, r.c) {
        (Some(_), Some(_)) => {
            let (n, c) = (count(r.n, "n")?, count(r.c, "c")?);
            if n == 0 {
                return Err(SkipReason::NoSamples);
            }
            if c > n {
                return Err(SkipReason::MoreCorrectThanSamples { n, c });
            }
            return Ok(Sample {
                problem,
                counts: Counts { n, c },
                whole_problem: true,
                thresholded: 0,
                bits: Vec::new(),
            });
        }
        (Some(_), None) => {
            return Err(SkipReason::HalfCounts {
                present: "n",
                missing: "c",
            })
        }
        (None, Some(_)) => {
            return Err(SkipReason::HalfCounts {
                present: "c",
                missing: "n",
            })
        }
        (None, None) => {}
    }
    match format {
        Format::Verl => return verl::sample(problem, r),
        Format::HumanEval => human_eval::check(&r)?,
        _ => {}
    }
    let lm_eval = r.has(flag::LM_EVAL);
    let (i, outcome) = r
        .results
        .into_iter()
        .enumerate()
        .find_map(|(i, v)| v.map(|v| (i, v)))
        .ok_or(if lm_eval {
            SkipReason::LmEval
        } else {
            SkipReason::NoResult
        })?;
    let field = RESULT_FIELDS[i];
    match outcome {
        Outcome::Sample(ok) => Ok(Sample::one(problem, ok)),
        Outcome::List { n: 0, .. } => Err(SkipReason::EmptyList { field }),
        Outcome::List { n, c, bits } => Ok(Sample {
            problem,
            counts: Counts { n, c },
            whole_problem: true,
            thresholded: 0,
            bits,
        }),
        Outcome::Score(v) => Ok(Sample {
            thresholded: 1,
            ..Sample::one(problem, v > 0.5)
        }),
        Outcome::Invalid(why) => Err(SkipReason::BadResult { field, why }),
    }
}

/// The rule a format applies, in words, given the result field its first record used.
fn rule_of(format: Format, field: &str, acc: bool, unit: &str) -> String {
    match format {
        Format::Counts => "c of n samples correct, as the file states".into(),
        Format::Verl => verl::rule(acc).into(),
        Format::HumanEval => human_eval::RULE.into(),
        Format::JsonlPerSample => {
            format!("a {unit} is a correct sample when `{field}` is true, 1, \"passed\" or \"C\"")
        }
        _ => format!("a sample is correct when its item of `{field}` is true or 1"),
    }
}

/// Turns records into counts and a report, one numbered line (or array element) at a time.
pub(crate) struct Reader {
    source: Source,
    pub report: FileReport,
    counts: CountTable,
    /// Where each whole-problem record was first seen, to report repeats.
    first_seen: IndexMap<(usize, String), usize>,
    thresholded: u64,
    /// Records with more than one result field, and the fields of the first such record.
    ambiguous: usize,
    ambiguous_fields: Vec<&'static str>,
    /// Group questions repeated under new ids (Qwen2.5-Math "x8" sets) when true.
    group_questions: bool,
    /// (group, problem) → hash of its question text, for files whose questions may repeat.
    questions: HashMap<(usize, String), u64>,
    /// (group) → (sum, count) of the per-problem `pass@1` the file states (LiveCodeBench).
    stated_pass1: IndexMap<usize, (f64, usize)>,
    /// (benchmark, problem) → its metadata fields (`META_FIELDS` slots), the last line's.
    meta: IndexMap<(String, String), [Option<String>; 6]>,
    /// (group, problem) → each distinct extracted answer and its (n, c).
    answers: IndexMap<(usize, String), IndexMap<String, Counts>>,
    /// Records whose answer field does not match their results (a list of another length).
    answer_mismatch: usize,
    answer_mismatch_field: &'static str,
    /// Where the record being taken lies in the file, when it is a line or an array element.
    pub at: Option<Span>,
    /// (group, problem index in the group, span) of every counted record that has a span.
    spans: Vec<(u32, u32, Span)>,
    /// The spans are a table's row numbers (`TextIndex::rows`).
    pub rows: bool,
    /// When reading a record again for its texts: each used record's verdicts in order and
    /// its samples' extracted answers (`None` where the record's samples are not known one by
    /// one).
    pub capture: Option<Vec<Result<Captured, Counts>>>,
}

/// A record's samples as counted: verdicts, and each sample's extracted answer.
pub type Captured = (Vec<bool>, Vec<Option<String>>);

impl Reader {
    pub fn new(source: Source, unit: &'static str, group_questions: bool) -> Self {
        Reader {
            report: FileReport {
                file: source.path.clone(),
                unit,
                ..FileReport::default()
            },
            source,
            counts: CountTable::new(),
            first_seen: IndexMap::new(),
            thresholded: 0,
            ambiguous: 0,
            ambiguous_fields: Vec::new(),
            group_questions,
            questions: HashMap::new(),
            stated_pass1: IndexMap::new(),
            meta: IndexMap::new(),
            answers: IndexMap::new(),
            answer_mismatch: 0,
            answer_mismatch_field: "",
            at: None,
            spans: Vec::new(),
            rows: false,
            capture: None,
        }
    }

    pub fn skip(&mut self, line: usize, reason: SkipReason) {
        self.report.skipped.push(Skip { line, reason });
    }

    /// Sets the file's format and rule, unless a record or reader set them first.
    pub fn recognise(&mut self, format: Format, rule: impl FnOnce() -> String) {
        if self.report.format == Format::Unknown {
            self.report.format = format;
            self.report.rule = rule();
        }
    }

    /// Uses record `number` or reports why not.
    pub fn take(&mut self, number: usize, record: Result<Record, SkipReason>) {
        let mut record = match record {
            Ok(r) => r,
            Err(reason) => return self.skip(number, reason),
        };
        let format = match self.report.format {
            Format::Unknown => format_of(&record, self.report.unit),
            // A file read as one of these holds no records: the drawer reads its spans in
            // that format.
            whole @ (Format::Evalplus | Format::Inspect) => {
                let reason = SkipReason::other_format("a record", whole.label());
                return self.skip(number, reason);
            }
            known => known,
        };
        let present: Vec<&'static str> = (record.results.iter().zip(RESULT_FIELDS))
            .filter_map(|(r, f)| r.as_ref().map(|_| f))
            .collect();
        // Fields that agree are not in doubt (human-eval's `passed` and `result`; verl's
        // `acc` rules over its `score`).
        let agreeing = {
            let mut outcomes = record.results.iter().flatten();
            let first = outcomes.next();
            outcomes.all(|o| Some(o) == first)
        };
        if present.len() > 1 && !agreeing && !matches!(format, Format::HumanEval | Format::Verl) {
            if self.ambiguous == 0 {
                self.ambiguous_fields = present.clone();
            }
            self.ambiguous += 1;
        }
        let model = record.model.clone();
        let benchmark = record.benchmark.clone().or_else(|| record.dataset.clone());
        let step = match &record.step {
            Some(IdValue::Text(s)) => Some(s.clone()),
            _ => None,
        };
        let question = record.question;
        let stated = record.pass_at_1;
        let acc = record.acc.is_some();
        let meta = record.meta.clone();
        let answers = std::mem::take(&mut record.answers);
        match interpret(record, format) {
            Ok(sample) => {
                let field = present.first().copied().unwrap_or("score");
                let unit = self.report.unit;
                self.recognise(format, || rule_of(format, field, acc, unit));
                let problem = sample.problem.clone();
                let verdicts = sample.verdicts();
                let counts = sample.counts;
                let Some(group) = self.add(number, benchmark, model, step.as_deref(), sample)
                else {
                    return;
                };
                if let Some(capture) = &mut self.capture {
                    let votes = verdicts.as_ref().map(|v| {
                        let votes = votes_of(&answers, v).unwrap_or_default();
                        let answers = (0..v.len())
                            .map(|i| votes.get(i).and_then(|(a, _)| a.clone()))
                            .collect();
                        (v.clone(), answers)
                    });
                    capture.push(votes.ok_or(counts));
                }
                self.tally(group, &problem, answers, verdicts);
                self.keep_meta(group, &problem, meta);
                if let (Format::QwenMath, Some(q)) = (format, question) {
                    self.questions.insert((group, problem), q);
                }
                if let (Format::Livecodebench, Some(p)) = (format, stated) {
                    let e = self.stated_pass1.entry(group).or_default();
                    (e.0, e.1) = (e.0 + p, e.1 + 1);
                }
            }
            Err(reason) => self.skip(number, reason),
        }
    }

    /// Keeps a counted problem's metadata fields (`META_FIELDS` slots; the last record's win).
    pub(crate) fn keep_meta(&mut self, group: usize, problem: &str, meta: [Option<String>; 6]) {
        if meta.iter().any(Option::is_some) {
            if let Some(((benchmark, _), _)) = self.counts.get_index(group) {
                self.meta
                    .insert((benchmark.clone(), problem.to_owned()), meta);
            }
        }
    }

    /// Counts the extracted answers of a used record with its samples' verdicts, in order; a
    /// sample without an answer does not vote. An answer field whose shape does not match the
    /// results is reported, except a lone `answer` beside a list (the reference answer).
    fn tally(
        &mut self,
        group: usize,
        problem: &str,
        answers: [Option<AnswerValue>; 3],
        verdicts: Option<Vec<bool>>,
    ) {
        if answers.iter().all(Option::is_none) {
            return;
        }
        let votes = match verdicts.as_deref().map(|v| votes_of(&answers, v)) {
            Some(Ok(votes)) => votes,
            Some(Err(Shape::Reference)) => return,
            Some(Err(Shape::Mismatch(field))) | Some(Err(Shape::Other(field))) => {
                self.mismatch(field);
                return;
            }
            None => {
                let field = (answers.iter().zip(ANSWER_FIELDS))
                    .find_map(|(v, f)| v.as_ref().map(|_| f))
                    .unwrap_or("answer");
                self.mismatch(field);
                return;
            }
        };
        for (answer, correct) in votes {
            self.vote(group, problem, answer, correct);
        }
    }

    fn mismatch(&mut self, field: &'static str) {
        if self.answer_mismatch == 0 {
            self.answer_mismatch_field = field;
        }
        self.answer_mismatch += 1;
    }

    /// Counts one sample's extracted answer (none: it does not vote).
    pub fn vote(&mut self, group: usize, problem: &str, answer: Option<String>, correct: bool) {
        let Some(answer) = answer else { return };
        let tally = self.answers.entry((group, problem.to_owned())).or_default();
        tally.entry(answer).or_default().add(Counts {
            n: 1,
            c: u64::from(correct),
        });
    }

    /// Uses a record read through the user's mapping, or reports why not.
    pub fn take_mapped(&mut self, number: usize, mapping: &Mapping, value: Value) {
        match mapping.apply(&value).map_err(SkipReason::Mapping) {
            Ok(m) => {
                let sample = Sample {
                    problem: m.problem,
                    counts: Counts { n: m.n, c: m.c },
                    whole_problem: m.whole_problem,
                    thresholded: m.thresholded,
                    bits: Vec::new(),
                };
                self.recognise(Format::Mapped, || {
                    format!(
                        "as mapped: problem `{}`, a sample is correct when `{}` is true or 1",
                        mapping.id, mapping.correct
                    )
                });
                let bits = m.bits;
                if self
                    .add(number, m.benchmark, m.model, None, sample)
                    .is_some()
                {
                    if let Some(capture) = &mut self.capture {
                        let answers = vec![None; bits.len()];
                        capture.push(Ok((bits, answers)));
                    }
                }
            }
            Err(reason) => self.skip(number, reason),
        }
    }

    /// Counts a usable record (or reports it as a duplicate of an earlier whole problem), and
    /// returns the index of its (benchmark, model) in the table.
    pub fn add(
        &mut self,
        number: usize,
        benchmark: Option<String>,
        model: Option<String>,
        step: Option<&str>,
        sample: Sample,
    ) -> Option<usize> {
        let model = match model {
            // A record's own model is a run's name when the path or the record gives a step.
            Some(m) => match step.or(self.source.step.as_deref()) {
                Some(s) => format!("{m}@{s}"),
                None => m,
            },
            None => self.source.model(step),
        };
        let benchmark = benchmark
            .or_else(|| self.source.benchmark.clone())
            .unwrap_or_else(|| "all".to_owned());
        let entry = self.counts.entry((benchmark, model));
        let group = entry.index();
        let problems = entry.or_default();
        if sample.whole_problem {
            let key = (group, sample.problem.clone());
            if let Some(&first_line) = self.first_seen.get(&key) {
                let problem = truncate(&sample.problem, 60);
                self.skip(
                    number,
                    SkipReason::Duplicate {
                        problem,
                        first_line,
                    },
                );
                return None;
            }
            self.first_seen.insert(key, number);
        }
        let entry = problems.entry(sample.problem);
        if let Some(span) = self.at {
            self.spans.push((group as u32, entry.index() as u32, span));
        }
        entry.or_default().add(sample.counts);
        self.thresholded += sample.thresholded;
        self.report.used += 1;
        Some(group)
    }

    /// The (benchmark, model) of a group index `add` returned.
    pub fn group_key(&self, group: Option<usize>) -> Option<(String, String)> {
        group
            .and_then(|g| self.counts.get_index(g))
            .map(|(k, _)| k.clone())
    }

    /// The first (benchmark, model) read.
    pub fn first_group(&self) -> Option<(String, String)> {
        self.counts.keys().next().cloned()
    }

    /// The model of records that name none.
    pub fn default_model(&self) -> String {
        self.source.model(None)
    }

    /// A number the file states about (benchmark, model), compared with ours at `finish`.
    pub fn state(&mut self, source: String, group: (String, String), k: usize, value: f64) {
        self.report.stated.push(Stated {
            source,
            benchmark: group.0,
            model: group.1,
            k,
            value,
            ours: None,
        });
    }

    /// The report and counts; `examples` are the file's first records, which name its fields
    /// when it could not be read.
    pub fn finish(mut self, examples: &[serde_json::Value]) -> ParsedFile {
        let mut texts = self.index_by_id();
        self.group_by_question(&mut texts);
        for (group, (sum, count)) in std::mem::take(&mut self.stated_pass1) {
            let key = self.counts.get_index(group).map(|(k, _)| k.clone());
            if let Some(key) = key {
                self.state(livecodebench::STATED.into(), key, 1, sum / count as f64);
            }
        }
        let r = &mut self.report;
        if self.thresholded > 0 {
            r.notes.push(if r.format == Format::Verl {
                verl::partial_note(self.thresholded)
            } else {
                format!(
                    "{} numeric score(s) other than 0 or 1 were counted as correct when above 0.5.",
                    self.thresholded
                )
            });
        }
        if self.ambiguous > 0 {
            r.notes.push(format!(
                "{} {}(s) have more than one result field ({}), and they disagree: the first was used. Map the fields to choose another.",
                self.ambiguous,
                r.unit,
                self.ambiguous_fields.join(", ")
            ));
            r.mappable = true;
        }
        for stated in &mut r.stated {
            let key = (stated.benchmark.clone(), stated.model.clone());
            stated.ours = self
                .counts
                .get(&key)
                .and_then(|p| mean_pass_at(p, stated.k));
            if !stated.agrees() {
                r.notes.push(format!(
                    "The file states pass@{} = {} ({}) for {}, but its samples give {}: check which samples the tool counted.",
                    stated.k,
                    stated.value,
                    stated.source,
                    stated.model,
                    stated.ours.unwrap_or(f64::NAN)
                ));
            }
        }
        if r.used == 0 && r.lines > r.blank && r.problem.is_none() {
            let lm_eval = !r.skipped.is_empty()
                && r.skipped
                    .iter()
                    .all(|s| matches!(s.reason, SkipReason::LmEval));
            r.problem = Some(if lm_eval {
                r.format = Format::LmEval;
                lm_eval::MESSAGE.to_owned()
            } else {
                r.mappable = !examples.is_empty();
                no_usable_line_message(examples)
            });
        }
        if r.mappable {
            r.fields = super::mapping::field_paths(examples);
            r.preview = examples
                .iter()
                .take(3)
                .map(|v| truncate(&v.to_string(), 600))
                .collect();
        }
        // Metadata of the problems that are counted (grouped questions keep their first id).
        let counted: BTreeSet<(&str, &str)> = self
            .counts
            .iter()
            .flat_map(|((b, _), p)| p.keys().map(move |id| (b.as_str(), id.as_str())))
            .collect();
        let meta = self
            .meta
            .iter()
            .filter(|((b, id), _)| counted.contains(&(b.as_str(), id.as_str())))
            .map(|((benchmark, problem), slots)| ProblemMeta {
                benchmark: benchmark.clone(),
                problem: problem.clone(),
                fields: META_FIELDS
                    .iter()
                    .zip(slots)
                    .filter_map(|(f, v)| Some(((*f).to_owned(), v.clone()?)))
                    .collect(),
            })
            .collect();
        let answers = self.answers_of();
        let texts = PackedTexts::pack(&self.text_index(texts));
        let mut parsed = ParsedFile {
            report: self.report,
            counts: self.counts,
            bands: Vec::new(),
            meta,
            answers,
            texts,
        };
        parsed.name_models();
        parsed
    }

    /// The spans of the counted records, by (group, problem id), in file order.
    fn index_by_id(&mut self) -> IndexMap<(usize, String), Vec<Span>> {
        let mut by_id: IndexMap<(usize, String), Vec<Span>> = IndexMap::new();
        for (group, problem, span) in std::mem::take(&mut self.spans) {
            let group = group as usize;
            let id = (self.counts.get_index(group))
                .and_then(|(_, problems)| problems.get_index(problem as usize))
                .map(|(id, _)| id.clone());
            if let Some(id) = id {
                by_id.entry((group, id)).or_default().push(span);
            }
        }
        by_id
    }

    /// The index the page keeps: each (benchmark, model)'s problems in the order counted.
    fn text_index(&self, mut by_id: IndexMap<(usize, String), Vec<Span>>) -> TextIndex {
        let groups = (self.counts.iter().enumerate())
            .map(|(group, ((benchmark, model), problems))| {
                let mut indexed = IndexedGroup::new(benchmark.clone(), model.clone());
                for id in problems.keys() {
                    if let Some(spans) = by_id.swap_remove(&(group, id.clone())) {
                        indexed.push(id, spans);
                    }
                }
                indexed.shrink_to_fit();
                indexed
            })
            .filter(|g| !g.is_empty())
            .collect();
        TextIndex {
            format: self.report.format,
            scorer: self.report.scorer.clone(),
            evalplus: self.report.evalplus,
            rows: self.rows,
            groups,
        }
    }

    /// The first record's samples as counted (or its counts, when it gives no samples one by
    /// one), or why it was not used.
    pub fn captured(&mut self) -> Result<Result<Captured, Counts>, String> {
        match self.capture.as_mut().and_then(|c| c.drain(..).next()) {
            Some(samples) => Ok(samples),
            None => Err(match (self.report.skipped.first(), &self.report.problem) {
                (Some(skip), _) => format!("the record is no longer usable: {}", skip.reason),
                (None, Some(problem)) => problem.clone(),
                (None, None) => "the record could not be read again".into(),
            }),
        }
    }

    /// The answers tallied, per (benchmark, model, problem), with notes on what did not fit.
    fn answers_of(&mut self) -> Vec<ProblemAnswers> {
        let r = &mut self.report;
        if self.answer_mismatch > 0 {
            r.notes.push(format!(
                "{} {}(s) have a `{}` field that does not match their results (a list of another length, or one answer for several samples): their samples do not vote in maj@k.",
                self.answer_mismatch, r.unit, self.answer_mismatch_field
            ));
        }
        let mixed = (self.answers.values().flat_map(IndexMap::values))
            .filter(|c| c.c > 0 && c.c < c.n)
            .count();
        if mixed > 0 {
            r.notes.push(format!(
                "{mixed} extracted answer(s) are given by samples marked correct and by samples marked wrong: maj@k credits such an answer by the share of its samples marked correct."
            ));
        }
        std::mem::take(&mut self.answers)
            .into_iter()
            .filter_map(|((group, problem), tally)| {
                let ((benchmark, model), _) = self.counts.get_index(group)?;
                Some(ProblemAnswers {
                    benchmark: benchmark.clone(),
                    model: model.clone(),
                    problem,
                    answers: tally.into_iter().collect(),
                })
            })
            .collect()
    }

    /// Qwen2.5-Math's "x8" sets repeat each problem under new `idx` values: when questions
    /// repeat, the lines of one question are one problem (named by its first line's id).
    fn group_by_question(&mut self, texts: &mut IndexMap<(usize, String), Vec<Span>>) {
        if self.questions.is_empty() {
            return;
        }
        let lines = self.questions.len();
        let mut grouped_any = false;
        for (group, problems) in self.counts.values_mut().enumerate() {
            let mut first_of: HashMap<u64, String> = HashMap::new();
            let mut regrouped = Problems::new();
            for (id, counts) in problems.iter() {
                let key = match self.questions.get(&(group, id.clone())) {
                    Some(q) => first_of.entry(*q).or_insert_with(|| id.clone()).clone(),
                    None => id.clone(),
                };
                regrouped.entry(key).or_default().add(*counts);
            }
            if regrouped.len() < problems.len() {
                grouped_any = true;
                if self.group_questions {
                    *problems = regrouped;
                    regroup_answers(&mut self.answers, group, &first_of, &self.questions);
                    regroup_spans(texts, group, &first_of, &self.questions);
                }
            }
        }
        if !grouped_any {
            return;
        }
        let r = &mut self.report;
        r.grouped = Some(self.group_questions);
        let problems: usize = self.counts.values().map(IndexMap::len).sum();
        r.notes
            .push(qwen_math::note(self.group_questions, lines, problems));
    }
}

/// Moves the answers of a group's repeated questions to the problem that stands for them.
fn regroup_answers(
    answers: &mut IndexMap<(usize, String), IndexMap<String, Counts>>,
    group: usize,
    first_of: &HashMap<u64, String>,
    questions: &HashMap<(usize, String), u64>,
) {
    let keys: Vec<(usize, String)> = answers
        .keys()
        .filter(|(g, _)| *g == group)
        .cloned()
        .collect();
    for key in keys {
        let Some(to) = questions.get(&key).and_then(|q| first_of.get(q)) else {
            continue;
        };
        if *to == key.1 {
            continue;
        }
        // (Order does not matter here: each tally is keyed by its problem.)
        if let Some(tally) = answers.swap_remove(&key) {
            let into = answers.entry((group, to.clone())).or_default();
            for (a, c) in tally {
                into.entry(a).or_default().add(c);
            }
        }
    }
}

/// Moves the spans of a group's repeated questions to the problem that stands for them, in file
/// order.
fn regroup_spans(
    texts: &mut IndexMap<(usize, String), Vec<Span>>,
    group: usize,
    first_of: &HashMap<u64, String>,
    questions: &HashMap<(usize, String), u64>,
) {
    let keys: Vec<(usize, String)> = texts.keys().filter(|(g, _)| *g == group).cloned().collect();
    for key in keys {
        let Some(to) = questions.get(&key).and_then(|q| first_of.get(q)) else {
            continue;
        };
        if *to != key.1 {
            if let Some(spans) = texts.swap_remove(&key) {
                let into = texts.entry((group, to.clone())).or_default();
                into.extend(spans);
                into.sort_by_key(|s| s.offset);
            }
        }
    }
}

/// Why a record's answers do not vote.
enum Shape {
    /// A lone `answer` beside a list: the reference answer, not a vote.
    Reference,
    /// An answer field whose shape does not match the samples.
    Mismatch(&'static str),
    /// No answer field.
    Other(&'static str),
}

/// Each sample's extracted answer beside its verdict, from the first answer field present, when
/// its shape matches the samples. A sample without an answer does not vote.
fn votes_of(
    answers: &[Option<AnswerValue>; 3],
    verdicts: &[bool],
) -> Result<Vec<(Option<String>, bool)>, Shape> {
    let Some((field, value)) =
        (answers.iter().zip(ANSWER_FIELDS)).find_map(|(v, f)| v.as_ref().map(|v| (f, v)))
    else {
        return Err(Shape::Other("answer"));
    };
    match value {
        AnswerValue::One(a) if verdicts.len() == 1 => Ok(vec![(a.clone(), verdicts[0])]),
        AnswerValue::List(list) if list.len() == verdicts.len() => {
            Ok(list.iter().cloned().zip(verdicts.iter().copied()).collect())
        }
        AnswerValue::One(_) if field == "answer" => Err(Shape::Reference),
        _ => Err(Shape::Mismatch(field)),
    }
}

/// Mean pass@k over problems, or `None` when one has fewer than k samples.
fn mean_pass_at(problems: &Problems, k: usize) -> Option<f64> {
    if problems.is_empty() || problems.values().any(|c| c.n < k as u64) || k == 0 {
        return None;
    }
    let sum: f64 = problems
        .values()
        .map(|c| pass_at_k(c.n, c.c, k as u64))
        .sum();
    Some(sum / problems.len() as f64)
}

/// Says which fields a file has and which were expected, from its first objects.
fn no_usable_line_message(examples: &[serde_json::Value]) -> String {
    let mut found = BTreeSet::new();
    for v in examples {
        if let serde_json::Value::Object(map) = v {
            found.extend(map.keys().map(|k| truncate(k, 40)));
        }
    }
    let found = if found.is_empty() {
        "no JSON objects".to_owned()
    } else {
        format!(
            "fields {}",
            found.into_iter().collect::<Vec<_>>().join(", ")
        )
    };
    let map = if examples.iter().any(|v| v.is_object()) {
        " Or map its fields below."
    } else {
        ""
    };
    format!(
        "Nothing usable. Found {found}. Expected a problem id ({}) and a result: a list of per-sample results ({}), a per-sample `passed`/`correct`/`score`, or counts `n` and `c`.{map}",
        ID_FIELDS.join(", "),
        RESULT_FIELDS[..7].join(", ")
    )
}
