//! Share links, the pure part: the view and the compact counts of a dataset written as a
//! payload, and the versioned, checksummed envelope that carries the compressed payload in a
//! URL fragment. (Compression is the browser's deflate-raw, at the edge: `io::share`.)
//!
//! # Envelope (version 1)
//! `1.<base64url of the compressed payload>.<FNV-1a 32 of the payload, 8 hex digits>`
//!
//! # Payload (UTF-8, one record per line, fields separated by TAB)
//! ```text
//! passk-lens share 1
//! view  <k or ->  <base model or ->  <benchmark or ->  <pass^k: 0|1>  <linear k axis: 0|1>  <hidden model>…
//! s     <slice field>  <slice value>                only when a slice is chosen
//! o     <problem id>                               the problem open in the drawer, if one is
//! b     <benchmark>
//! p     <problem id>  <problem id>  …              the benchmark's problems, in order
//! m     <model>  <n>  <c,c,…>                       every problem with n samples
//! m     <model>  *    <n:c,n:c,…>                   otherwise; an empty entry: no such problem
//! ```
//! A view line may end after the pass^k flag (a log k axis, every model shown).
//! Tabs and line breaks inside names are written as spaces. Models take the order of their
//! first appearance, as in files; a dataset is written benchmark by benchmark in model order, so
//! one whose models first appear in a later benchmark can come back in another model order.
//!
//! ```
//! use passk_lens_core::{export::share::*, read::parse_file, stats::Dataset};
//! let f = parse_file("rl.jsonl", "{\"idx\": 0, \"n\": 4, \"c\": 1}\n{\"idx\": 1, \"n\": 4, \"c\": 4}\n");
//! let view = View { k: Some(2), ..View::default() };
//! let payload = encode_payload(&view, &Dataset::from_files([&f]));
//! let (back, file) = decode_payload(&payload).unwrap();
//! assert_eq!(back, view);
//! assert_eq!(file.counts, f.counts);
//! let fragment = envelope(b"compressed", &payload);
//! assert_eq!(open_envelope(&fragment).unwrap().0, b"compressed");
//! // Compressed natively, inflated back.
//! let (deflated, sum) = open_envelope(&pack(&payload)).unwrap();
//! let inflated = miniz_oxide::inflate::decompress_to_vec(&deflated).unwrap();
//! assert_eq!((inflated, sum), (payload.clone(), checksum(&payload)));
//! ```

use crate::counts::Counts;
use crate::read::record::truncate;
use crate::read::{FileReport, ParsedFile};
use crate::stats::Dataset;
use indexmap::IndexMap;
use std::collections::BTreeSet;
use std::fmt::Write;

/// What a link reopens besides the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct View {
    pub k: Option<usize>,
    pub base: Option<String>,
    pub benchmark: Option<String>,
    pub hat: bool,
    /// A linear k axis (the page's default is log₂).
    pub linear_k: bool,
    /// Models whose pass@k curves are hidden.
    pub hidden: BTreeSet<String>,
    /// The slice every view is restricted to: (field, value).
    pub slice: Option<(String, String)>,
    /// The problem open in the drawer (its id; never any of its texts).
    pub problem: Option<String>,
}

const HEADER: &str = "passk-lens share 1";
/// Limits a decoded link must respect (a link is a URL: far below these in practice).
const MAX_GROUPS: usize = 1_000;
const MAX_ENTRIES: usize = 2_000_000;
const MAX_N: u64 = 100_000_000;

fn clean(name: &str) -> String {
    name.replace(['\t', '\n', '\r'], " ")
}

fn or_dash(v: Option<&str>) -> String {
    v.map_or_else(|| "-".to_owned(), clean)
}

/// The payload of a dataset and a view.
pub fn encode_payload(view: &View, ds: &Dataset) -> Vec<u8> {
    let mut out = String::new();
    let _ = writeln!(out, "{HEADER}");
    let k = view.k.map_or_else(|| "-".to_owned(), |k| k.to_string());
    let _ = write!(
        out,
        "view\t{k}\t{}\t{}\t{}\t{}",
        or_dash(view.base.as_deref()),
        or_dash(view.benchmark.as_deref()),
        u8::from(view.hat),
        u8::from(view.linear_k)
    );
    for model in &view.hidden {
        let _ = write!(out, "\t{}", clean(model));
    }
    out.push('\n');
    if let Some((field, value)) = &view.slice {
        let _ = writeln!(out, "s\t{}\t{}", clean(field), clean(value));
    }
    if let Some(problem) = &view.problem {
        let _ = writeln!(out, "o\t{}", clean(problem));
    }
    for (benchmark, models) in &ds.benchmarks {
        let mut ids: IndexMap<&str, ()> = IndexMap::new();
        for (_, problems) in models {
            ids.extend(problems.keys().map(|id| (id.as_str(), ())));
        }
        let _ = writeln!(out, "b\t{}", clean(benchmark));
        out.push('p');
        for id in ids.keys() {
            let _ = write!(out, "\t{}", clean(id));
        }
        out.push('\n');
        for (m, problems) in models {
            let n = problems.values().next().map_or(0, |c| c.n);
            let same = problems.len() == ids.len() && problems.values().all(|c| c.n == n);
            let cells: Vec<String> = ids
                .keys()
                .map(|id| match problems.get(*id) {
                    Some(c) if same => c.c.to_string(),
                    Some(c) => format!("{}:{}", c.n, c.c),
                    None => String::new(),
                })
                .collect();
            let n = if same { n.to_string() } else { "*".to_owned() };
            let _ = writeln!(
                out,
                "m\t{}\t{n}\t{}",
                clean(&ds.models[*m]),
                cells.join(",")
            );
        }
    }
    out.into_bytes()
}

fn number(s: &str, what: &str, line: usize) -> Result<u64, String> {
    s.parse::<u64>()
        .ok()
        .filter(|&v| v <= MAX_N)
        .ok_or_else(|| format!("line {line}: {what} is not a count"))
}

/// Reads a payload back into its view and one parsed "file" holding every group's counts.
pub fn decode_payload(bytes: &[u8]) -> Result<(View, ParsedFile), String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "the link's data is not text".to_owned())?;
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    match lines.next() {
        Some((_, HEADER)) => {}
        _ => return Err("not a passk-lens link (or one from a newer version)".into()),
    }
    let (_, view_line) = lines.next().ok_or("the link has no view")?;
    let v: Vec<&str> = view_line.split('\t').collect();
    let name = |s: &str| (s != "-").then(|| clean(s));
    let view = match v.as_slice() {
        ["view", k, base, bench, hat @ ("0" | "1"), rest @ ..]
            if matches!(rest.first(), None | Some(&("0" | "1"))) && rest.len() <= MAX_GROUPS =>
        {
            View {
                k: match *k {
                    "-" => None,
                    k => match number(k, "k", 2)? {
                        0 => return Err("line 2: k = 0".into()),
                        k => Some(k as usize),
                    },
                },
                base: name(base),
                benchmark: name(bench),
                hat: *hat == "1",
                linear_k: rest.first() == Some(&"1"),
                hidden: rest.iter().skip(1).map(|m| clean(m)).collect(),
                slice: None,
                problem: None,
            }
        }
        _ => return Err("line 2: not a view".into()),
    };
    let mut view = view;
    let mut counts: IndexMap<(String, String), IndexMap<String, Counts>> = IndexMap::new();
    let mut benchmark: Option<String> = None;
    let mut ids: Vec<String> = Vec::new();
    let mut entries = 0usize;
    for (no, line) in lines {
        let mut fields = line.split('\t');
        match fields.next() {
            Some("b") => {
                benchmark = Some(
                    fields
                        .next()
                        .map(clean)
                        .ok_or(format!("line {no}: no benchmark"))?,
                );
                ids.clear();
            }
            Some("p") => ids = fields.map(clean).collect(),
            Some("o") => match fields.next() {
                Some(id) => view.problem = Some(clean(id)),
                None => return Err(format!("line {no}: no problem id")),
            },
            Some("s") => match (fields.next(), fields.next()) {
                (Some(field), Some(value)) => view.slice = Some((clean(field), clean(value))),
                _ => return Err(format!("line {no}: a slice needs a field and a value")),
            },
            Some("m") => {
                let bench = benchmark
                    .clone()
                    .ok_or(format!("line {no}: a model before a benchmark"))?;
                let (Some(model), Some(n), Some(cells)) =
                    (fields.next(), fields.next(), fields.next())
                else {
                    return Err(format!(
                        "line {no}: a model line needs a name, n and counts"
                    ));
                };
                let cells: Vec<&str> = if ids.is_empty() && cells.is_empty() {
                    Vec::new()
                } else {
                    cells.split(',').collect()
                };
                if cells.len() != ids.len() {
                    return Err(format!(
                        "line {no}: {} counts for {} problems",
                        cells.len(),
                        ids.len()
                    ));
                }
                if counts.len() >= MAX_GROUPS
                    && !counts.contains_key(&(bench.clone(), clean(model)))
                {
                    return Err("too many models".into());
                }
                let problems = counts.entry((bench, clean(model))).or_default();
                for (id, cell) in ids.iter().zip(cells) {
                    if cell.is_empty() {
                        continue;
                    }
                    let (n, c) = match (n, cell.split_once(':')) {
                        ("*", Some((n, c))) => (number(n, "n", no)?, number(c, "c", no)?),
                        ("*", None) => return Err(format!("line {no}: `{cell}` is not n:c")),
                        (n, None) => (number(n, "n", no)?, number(cell, "c", no)?),
                        (_, Some(_)) => return Err(format!("line {no}: `{cell}` with a common n")),
                    };
                    if n == 0 || c > n {
                        return Err(format!("line {no}: c = {c} of n = {n}"));
                    }
                    entries += 1;
                    if entries > MAX_ENTRIES {
                        return Err("too many problems".into());
                    }
                    if problems.insert(id.clone(), Counts { n, c }).is_some() {
                        return Err(format!("line {no}: problem `{id}` twice"));
                    }
                }
            }
            _ => return Err(format!("line {no}: not a record of a passk-lens link")),
        }
    }
    counts.retain(|_, problems| !problems.is_empty());
    if counts.is_empty() {
        return Err("the link holds no counts".into());
    }
    let report = FileReport {
        file: "shared link".into(),
        lines: entries,
        used: entries,
        unit: "problem",
        // A link holds counts: n and c per (model, problem).
        format: crate::read::Format::Counts,
        rule: "the counts the link was made from".into(),
        ..FileReport::default()
    };
    let mut file = ParsedFile {
        report,
        counts,
        ..ParsedFile::default()
    };
    file.name_models();
    Ok((view, file))
}

/// FNV-1a, 32 bits: a checksum that catches a link cut short or mistyped.
pub fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let v = chunk
            .iter()
            .enumerate()
            .fold(0u32, |v, (i, &b)| v | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(B64[(v >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Reads base64url without padding; None on any other character or a length no encoding has.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for chunk in text.as_bytes().chunks(4) {
        let mut v = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let d = B64.iter().position(|&b| b == c)? as u32;
            v |= d << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((v >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// The fragment for a compressed payload (without the `#`).
pub fn envelope(compressed: &[u8], payload: &[u8]) -> String {
    format!("1.{}.{:08x}", base64url(compressed), checksum(payload))
}

/// The fragment for a payload, compressed here (raw DEFLATE, which the page inflates with the
/// browser's `DecompressionStream("deflate-raw")`): for links made outside a browser — the
/// demo built into the site, a command line. The page compresses with the browser's own.
pub fn pack(payload: &[u8]) -> String {
    envelope(&miniz_oxide::deflate::compress_to_vec(payload, 9), payload)
}

/// The compressed payload and the checksum its payload must have; a clear message otherwise.
pub fn open_envelope(fragment: &str) -> Result<(Vec<u8>, u32), String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut parts = fragment.split('.');
    let (Some(version), Some(data), Some(sum), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err("This link is not a passk-lens share link (or it was cut short).".into());
    };
    if version != "1" {
        return Err(format!(
            "This link was made by another version of passk-lens (format `{}`).",
            truncate(version, 12)
        ));
    }
    let sum = (sum.len() == 8)
        .then(|| u32::from_str_radix(sum, 16).ok())
        .flatten()
        .ok_or("This link's checksum is damaged.")?;
    let data = from_base64url(data).ok_or("This link's data is damaged (not base64url).")?;
    Ok((data, sum))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::parse_file;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(from_base64url(&base64url(&bytes)).unwrap(), bytes);
        }
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert!(from_base64url("a").is_none() && from_base64url("ab=c").is_none());
    }

    #[test]
    fn uneven_n_missing_problems_and_names_round_trip() {
        let a = parse_file(
            "a.jsonl",
            "{\"idx\": \"x\\ty\", \"n\": 4, \"c\": 1}\n{\"idx\": 2, \"n\": 3, \"c\": 3}\n",
        );
        let b = parse_file(
            "b\tc.jsonl",
            "{\"idx\": 2, \"n\": 3, \"c\": 0, \"benchmark\": \"B\"}\n",
        );
        let ds = Dataset::from_files([&a, &b]);
        let view = View {
            k: None,
            base: Some("a".into()),
            benchmark: Some("B".into()),
            hat: true,
            linear_k: true,
            hidden: ["a".to_owned(), "b c".to_owned()].into(),
            slice: Some(("base-rate".into(), "1".into())),
            problem: Some("x y".into()),
        };
        let (v, f) = decode_payload(&encode_payload(&view, &ds)).unwrap();
        assert_eq!(v, view);
        assert_eq!(
            Dataset::from_files([&f]),
            Dataset::from_files([
                &parse_file(
                    "a.jsonl",
                    "{\"idx\": \"x y\", \"n\": 4, \"c\": 1}\n{\"idx\": 2, \"n\": 3, \"c\": 3}\n"
                ),
                &parse_file(
                    "b c.jsonl",
                    "{\"idx\": 2, \"n\": 3, \"c\": 0, \"benchmark\": \"B\"}\n"
                )
            ])
        );
    }

    #[test]
    fn hostile_envelopes_and_payloads_are_messages() {
        for bad in [
            "",
            "#",
            "2.abc.00000000",
            "1.abc",
            "1.a.00000000",
            "1.ab.zzzzzzzz",
            "1.<script>.00000000",
            "1.ab.0000000",
        ] {
            assert!(open_envelope(bad).is_err(), "{bad}");
        }
        for bad in [
            "",
            "passk-lens share 2\n",
            "passk-lens share 1\nview\t0\t-\t-\t0\n",
            "passk-lens share 1\nview\t-\t-\t-\t0\t2\nb\tall\np\t0\nm\tx\t4\t1\n",
            "passk-lens share 1\nview\t-\t-\t-\t0\nm\tx\t4\t1\n",
            "passk-lens share 1\nview\t-\t-\t-\t0\nb\tall\np\t0\nm\tx\t4\t5\n",
            "passk-lens share 1\nview\t-\t-\t-\t0\nb\tall\np\t0\t1\nm\tx\t4\t1\n",
            "passk-lens share 1\nview\t-\t-\t-\t0\nb\tall\np\t0\t0\nm\tx\t4\t1,1\n",
            "passk-lens share 1\nview\t-\t-\t-\t0\n",
        ] {
            assert!(decode_payload(bad.as_bytes()).is_err(), "{bad:?}");
        }
    }
}
