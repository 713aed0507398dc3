//! The fast path for one line of a result file: a JSON object whose top-level fields are
//! scanned here, so that the fields pass@k does not need (responses and prompts, ~99 % of a
//! paper-format file) are passed over 16 bytes at a time with Wasm SIMD. The fields it needs
//! are copied, as they are, into a small object that serde_json then reads as usual.
//!
//! The scan is strict: it accepts only what serde_json accepts, and it gives up (`None`) on
//! anything unusual — an escaped or non-UTF-8 field name, nesting deeper than 64, any syntax
//! error. The caller then reads the whole line with serde_json, which gives the same record or
//! the precise error. So `record(line, _) == Some(r)` implies
//! `serde_json::from_slice(line) == Ok(r)` (the `skim` fuzz target and the tests check this).

use super::record::{Key, Record};

/// The record in `line`, or `None` when the line should be read by serde_json instead.
/// `kept` is scratch space for the fields that are kept (reused from line to line).
pub fn record(line: &[u8], kept: &mut Vec<u8>) -> Option<Record> {
    kept.clear();
    kept.push(b'{');
    let mut s = Scan { b: line, i: 0 };
    s.ws();
    s.expect(b'{')?;
    s.ws();
    if s.peek() == Some(b'}') {
        s.i += 1;
    } else {
        loop {
            s.ws();
            let name = s.i;
            let key = Key::of(s.key()?);
            s.ws();
            let value = s.i;
            s.value()?;
            if !matches!(key, Key::Other) {
                if kept.len() > 1 {
                    kept.push(b',');
                }
                kept.extend_from_slice(&line[name..value]);
                kept.extend_from_slice(match key {
                    // Only their presence counts (`Record::flags`).
                    Key::Flag(_) => b"0",
                    _ => &line[value..s.i],
                });
            }
            s.ws();
            match s.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    s.ws();
    if s.i != line.len() {
        return None;
    }
    kept.push(b'}');
    serde_json::from_slice(kept).ok()
}

/// Containers nested deeper than this are left to serde_json (one bit each in `Scan::value`).
const MAX_DEPTH: u32 = 64;

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scan<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    /// JSON's whitespace, as serde_json reads it.
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// A field name and its `:`: plain UTF-8 without escapes, or `None`.
    fn key(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let start = self.i;
        self.i = string_end(self.b, start);
        self.expect(b'"')?;
        let name = std::str::from_utf8(&self.b[start..self.i - 1]).ok()?;
        self.ws();
        self.expect(b':')?;
        Some(name)
    }

    /// A name inside a skipped object and its `:` (checked as serde_json checks it when
    /// skipping: any valid string).
    fn member(&mut self) -> Option<()> {
        self.expect(b'"')?;
        self.string()?;
        self.ws();
        self.expect(b':')
    }

    /// The rest of a string after its opening quote, escapes checked as serde_json checks them
    /// (a `\u` needs four hex digits; what they encode is not looked at).
    fn string(&mut self) -> Option<()> {
        loop {
            self.i = string_end(self.b, self.i);
            match self.next()? {
                b'"' => return Some(()),
                b'\\' => match self.next()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        let hex = self.b.get(self.i..self.i + 4)?;
                        if !hex.iter().all(u8::is_ascii_hexdigit) {
                            return None;
                        }
                        self.i += 4;
                    }
                    _ => return None,
                },
                // A control character.
                _ => return None,
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.digit()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.digit()?;
        }
        // What follows ("01", "1x") is checked by the caller, which wants `,`, `]` or `}`.
        Some(())
    }

    /// One digit or more.
    fn digit(&mut self) -> Option<()> {
        self.next()?.is_ascii_digit().then(|| self.digits())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.i + word.len();
        (self.b.get(self.i..end)? == word).then(|| self.i = end)
    }

    /// Passes over one JSON value of any kind, without recursion: `open` holds one bit per
    /// enclosing container (1 = object), innermost lowest.
    fn value(&mut self) -> Option<()> {
        let (mut open, mut depth) = (0u64, 0u32);
        loop {
            // A value starts here.
            self.ws();
            let mut ended = true;
            match self.next()? {
                b'"' => self.string()?,
                c @ (b'{' | b'[') => {
                    if depth == MAX_DEPTH {
                        return None;
                    }
                    let object = c == b'{';
                    (open, depth) = (open << 1 | u64::from(object), depth + 1);
                    self.ws();
                    if self.peek() == Some(if object { b'}' } else { b']' }) {
                        self.i += 1;
                        (open, depth) = (open >> 1, depth - 1);
                    } else {
                        if object {
                            self.member()?;
                        }
                        ended = false;
                    }
                }
                b't' => self.literal(b"rue")?,
                b'f' => self.literal(b"alse")?,
                b'n' => self.literal(b"ull")?,
                b'-' | b'0'..=b'9' => {
                    self.i -= 1;
                    self.number()?;
                }
                _ => return None,
            }
            // After a value: close containers until one goes on with a comma.
            while ended {
                if depth == 0 {
                    return Some(());
                }
                self.ws();
                let object = open & 1 == 1;
                match self.next()? {
                    b',' => {
                        if object {
                            self.ws();
                            self.member()?;
                        }
                        ended = false;
                    }
                    b'}' if object => (open, depth) = (open >> 1, depth - 1),
                    b']' if !object => (open, depth) = (open >> 1, depth - 1),
                    _ => return None,
                }
            }
        }
    }
}

/// The index of the first `"`, `\` or control character at or after `i` (or the length).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn string_end(b: &[u8], i: usize) -> usize {
    use core::arch::wasm32::{
        u64x2, u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, v128, v128_any_true, v128_or,
    };
    let (quote, backslash, space) = (u8x16_splat(b'"'), u8x16_splat(b'\\'), u8x16_splat(b' '));
    // Two 8-byte loads (a v128 load from a slice would need `unsafe`).
    let load = |c: &[u8]| {
        let word = |at: usize| u64::from_le_bytes(c[at..at + 8].try_into().expect("8 bytes"));
        u64x2(word(0), word(8))
    };
    let stops = |v: v128| {
        v128_or(
            v128_or(u8x16_eq(v, quote), u8x16_eq(v, backslash)),
            u8x16_lt(v, space),
        )
    };
    let mut at = i;
    // 64 bytes a step while nothing stops the string, then 16 to find where.
    for block in b[i..].chunks_exact(64) {
        let any = v128_or(
            v128_or(stops(load(&block[..16])), stops(load(&block[16..32]))),
            v128_or(stops(load(&block[32..48])), stops(load(&block[48..]))),
        );
        if v128_any_true(any) {
            break;
        }
        at += 64;
    }
    for c in b[at..].chunks_exact(16) {
        let mask = u8x16_bitmask(stops(load(c)));
        if mask != 0 {
            return at + mask.trailing_zeros() as usize;
        }
        at += 16;
    }
    string_end_bytewise(b, at)
}

/// Elsewhere (the command line), eight bytes at a time in a `u64` ("SIMD within a register"):
/// a byte of `x` is flagged when it is zero, by `(x − 0x01…) & !x & 0x80…`; a flag may be
/// spurious only above a true one, so the lowest flag is exact.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn string_end(b: &[u8], i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let stops = |w: u64| {
        zero(w ^ (ONES * u64::from(b'"')))
            | zero(w ^ (ONES * u64::from(b'\\')))
            // Bytes below 0x20.
            | (w.wrapping_sub(ONES * 0x20) & !w & HIGHS)
    };
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().expect("8 bytes"));
    let mut at = i;
    for block in b[i..].chunks_exact(32) {
        let any = stops(word(&block[..8]))
            | stops(word(&block[8..16]))
            | stops(word(&block[16..24]))
            | stops(word(&block[24..]));
        if any != 0 {
            break;
        }
        at += 32;
    }
    for c in b[at..].chunks_exact(8) {
        let mask = stops(word(c));
        if mask != 0 {
            return at + (mask.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    string_end_bytewise(b, at)
}

fn string_end_bytewise(b: &[u8], i: usize) -> usize {
    b[i..]
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < b' ')
        .map_or(b.len(), |p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `record` agrees with serde_json whenever it answers.
    fn agrees(line: &str) -> bool {
        let full = serde_json::from_slice::<Record>(line.as_bytes());
        match record(line.as_bytes(), &mut Vec::new()) {
            Some(r) => {
                assert_eq!(Some(&r), full.as_ref().ok(), "{line}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_the_common_shapes_itself() {
        for line in [
            r#"{"idx": 3, "code": ["a \"quoted\" \\ reply\n", "b"], "score": [true, false, true]}"#,
            r#"{"task_id": "HumanEval/0", "completion": "x", "result": "passed", "passed": true}"#,
            r#"{"input": "2+2?", "output": "4", "score": 1.0, "step": 300}"#,
            r#"{"id": "q1", "epoch": 3, "scores": {"match": {"value": "C", "answer": "4"}}}"#,
            r#"{"problem_id": 7, "model": "base", "benchmark": "AIME24", "n": 1024, "c": 0}"#,
            r#"{"doc_id": 0, "resps": [["x"]], "exact_match": 1.0}"#,
            r#"{"eval": {"HumanEval/0": [{"base_status": "pass"}]}}"#,
            r#"  { "idx" : -0.5e+3 , "meta" : {"a": [[], {}, [1, {"b": null}]], "c": false} }  "#,
            "{}",
            r#"{"idx": 1, "idx": "one"}"#,
            // Values of the wrong type are read (and reported by the caller), not given up on.
            r#"{"n": -1, "c": 2.5, "idx": [1], "score": null}"#,
            r#"{"idx": 1, "text": "\u00e9\ud83d\ude00 é 😀"}"#,
        ] {
            assert!(agrees(line), "not read by the fast path: {line}");
        }
        let line = br#"{"idx": 1, "code": ["x"], "score": [true, false, true]}"#;
        let r = record(line, &mut Vec::new()).unwrap();
        assert_eq!(
            r.ids[1],
            Some(super::super::record::IdValue::Text("1".into()))
        );
        assert_eq!(
            r.results[0],
            Some(super::super::record::Outcome::List {
                n: 3,
                c: 2,
                bits: vec![true, false, true]
            })
        );
    }

    #[test]
    fn leaves_what_is_invalid_or_unusual_to_serde_json() {
        for line in [
            "",
            "[]",
            "{",
            r#"{"idx": 1,}"#,
            r#"{"idx": 1} x"#,
            r#"{"idx" 1}"#,
            r#"{"idx": 01}"#,
            r#"{"idx": 1.}"#,
            r#"{"idx": 1e}"#,
            r#"{"idx": -}"#,
            r#"{"idx": .5}"#,
            r#"{"idx": +1}"#,
            r#"{"x": tru}"#,
            r#"{"x": [1 2]}"#,
            r#"{"x": [1,]}"#,
            r#"{"x": {"a" 1}}"#,
            r#"{"x": {"a": 1,}}"#,
            r#"{"x": [}"#,
            r#"{"x": "\x"}"#,
            r#"{"x": "\u12g4"}"#,
            r#"{"x": "\u12"}"#,
            "{\"x\": \"tab\there\"}",
            r#"{"\u0069dx": 1}"#,
            r#"{"x": "unterminated}"#,
            r#"{"score": 1e999}"#,
        ] {
            assert!(!agrees(line), "the fast path read {line}");
        }
        // Field names must be UTF-8 (serde_json checks them); skipped values need not be.
        assert!(record(b"{\"\xff\": 1}", &mut Vec::new()).is_none());
        let r = record(b"{\"idx\": 2, \"code\": \"\xff\xfe\"}", &mut Vec::new());
        assert!(r.is_some());
        assert!(serde_json::from_slice::<Record>(b"{\"idx\": 2, \"code\": \"\xff\xfe\"}").is_ok());
    }

    #[test]
    fn the_word_scan_finds_the_first_stop_whatever_precedes_and_follows_it() {
        // Every byte value at every offset of a 70-byte string (past the 32-byte blocks and
        // the 8-byte words), before a second stop and after high bytes that could borrow.
        for at in 0..70 {
            for v in 0..=255u8 {
                let mut b = vec![b'a'; 80];
                b[..at].iter_mut().step_by(3).for_each(|x| *x = 0xff);
                b[at] = v;
                b[75] = 0x01;
                assert_eq!(
                    string_end(&b, 0),
                    string_end_bytewise(&b, 0),
                    "byte {v:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn nesting_past_the_bit_stack_is_left_to_serde_json() {
        let deep = |d: usize| format!(r#"{{"x": {}{}}}"#, "[".repeat(d), "]".repeat(d));
        assert!(agrees(&deep(64)));
        assert!(!agrees(&deep(65)));
        // serde_json skips any depth: the caller's fallback still reads the record.
        assert!(serde_json::from_slice::<Record>(deep(100_000).as_bytes()).is_ok());
    }

    #[test]
    fn finds_every_stop_byte_at_every_offset() {
        for stop in [b'"', b'\\', 0, b'\n', 0x1f] {
            for at in 0..40 {
                let mut b = vec![b'a'; 48];
                b[at] = stop;
                assert_eq!(string_end(&b, 0), at);
                assert_eq!(string_end(&b, at), at);
                assert_eq!(string_end(&b, at + 1), 48);
            }
        }
        // Bytes ≥ 0x80 (UTF-8) and DEL do not stop a string.
        assert_eq!(string_end(&[0x80, 0xff, 0x7f, b' ', b'"'], 0), 4);
    }
}
