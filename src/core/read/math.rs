//! LaTeX in a response, as MathML the page can build safely: the response is cut into text and
//! math (`$…$`, `\(…\)`, `$$…$$`, `\[…\]`), each formula rendered to MathML Core by
//! `pulldown-latex`, and that markup read back into a tree of allowed MathML elements and
//! attributes only (`MathNode`). The page builds the tree with `createElementNS` and
//! `textContent`: no markup is ever parsed by the browser, so whatever a response holds stays
//! text. A formula that does not parse is kept as its source.
//!
//! ```
//! use passk_lens_core::read::math::{segments, Segment};
//! let s = segments("So $x^2 = 4$, and the cost is $5 or $6.");
//! assert!(matches!(&s[1], Segment::Math(m) if m.tag == "math"));
//! assert_eq!(s[2], Segment::Text(", and the cost is $5 or $6.".into()));
//! ```

use serde::{Deserialize, Serialize};

/// A MathML element: its tag, its allowed attributes, its text (token elements) and children.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MathNode {
    pub tag: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<MathNode>,
}

/// A piece of a response: text as it is, or a formula as MathML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Segment {
    Text(String),
    Math(MathNode),
}

/// MathML Core's elements (the only ones built).
const ELEMENTS: [&str; 31] = [
    "math",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "merror",
    "semantics",
    "annotation",
    "mmultiscripts",
    "mprescripts",
    "none",
    "menclose",
    "maction",
];

/// Presentation attributes (no `style`, `class`, `href`, no event handlers: nothing that loads,
/// runs or reaches the page's stylesheet).
const ATTRIBUTES: [&str; 22] = [
    "display",
    "displaystyle",
    "mathvariant",
    "stretchy",
    "fence",
    "separator",
    "lspace",
    "rspace",
    "movablelimits",
    "accent",
    "accentunder",
    "largeop",
    "symmetric",
    "minsize",
    "maxsize",
    "linethickness",
    "scriptlevel",
    "width",
    "height",
    "depth",
    "columnalign",
    "notation",
];

/// The longest formula rendered (a longer one stays source).
const MAX_FORMULA: usize = 4_000;

/// Formulas already rendered, by their LaTeX and display mode (a problem's responses repeat
/// theirs).
pub type Rendered = std::collections::HashMap<(String, bool), Option<MathNode>>;

/// A response cut into text and formulas; empty when it holds no formula that renders (the page
/// then shows the text as it is).
pub fn segments(text: &str) -> Vec<Segment> {
    segments_with(text, &mut Rendered::new())
}

/// The longest text whose LaTeX is rendered (the drawer cuts longer ones, shown as source).
pub const MAX_TEXT: usize = 20_000;

/// Each text's `segments` (none for a text over `MAX_TEXT` bytes), a formula repeated across
/// them rendered once: what the drawer asks for the texts it shows.
pub fn segments_of_all(texts: &[String]) -> Vec<Vec<Segment>> {
    let mut rendered = Rendered::new();
    (texts.iter())
        .map(|t| match t.len() <= MAX_TEXT {
            true => segments_with(t, &mut rendered),
            false => Vec::new(),
        })
        .collect()
}

/// `segments`, rendering each formula not in `rendered` once.
pub fn segments_with(text: &str, rendered: &mut Rendered) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    let mut found = false;
    while let Some((before, formula, display, after)) = next_formula(rest) {
        plain.push_str(before);
        let source = &rest[before.len()..rest.len() - after.len()];
        let node = (rendered.entry((formula.to_owned(), display)))
            .or_insert_with(|| render(formula, display))
            .clone();
        match node {
            Some(node) => {
                if !plain.is_empty() {
                    out.push(Segment::Text(std::mem::take(&mut plain)));
                }
                out.push(Segment::Math(node));
                found = true;
            }
            None => plain.push_str(source),
        }
        rest = after;
    }
    plain.push_str(rest);
    if !found {
        return Vec::new();
    }
    if !plain.is_empty() {
        out.push(Segment::Text(plain));
    }
    out
}

/// The next formula of `text`: (text before it, its LaTeX, display or inline, text after it).
fn next_formula(text: &str) -> Option<(&str, &str, bool, &str)> {
    let mut from = 0;
    loop {
        let at = from + text[from..].find(['$', '\\'])?;
        let rest = &text[at..];
        let (open, close, display) = if rest.starts_with("$$") {
            ("$$", "$$", true)
        } else if rest.starts_with("\\[") {
            ("\\[", "\\]", true)
        } else if rest.starts_with("\\(") {
            ("\\(", "\\)", false)
        } else if rest.starts_with('$') && !text[..at].ends_with('\\') {
            ("$", "$", false)
        } else {
            // `\$`, another command: not a formula's start.
            from = at + rest.chars().next().map_or(1, char::len_utf8);
            if rest.starts_with('\\') && rest.len() > 1 {
                from += rest[1..].chars().next().map_or(0, char::len_utf8);
            }
            continue;
        };
        let body_start = at + open.len();
        let closing = text[body_start..].find(close).map(|i| body_start + i);
        let formula = closing.map(|end| &text[body_start..end]);
        let ok = match (formula, open) {
            (Some(f), "$") => inline_dollars(f, &text[body_start + f.len() + 1..]),
            (Some(f), _) => !f.trim().is_empty(),
            (None, _) => false,
        };
        match (formula, ok) {
            (Some(f), true) => {
                let after = &text[body_start + f.len() + close.len()..];
                return Some((&text[..at], f, display, after));
            }
            _ => from = at + open.len(),
        }
    }
}

/// Whether `$f$` followed by `after` reads as inline math rather than amounts of money: `f`
/// neither starts nor ends with a space, holds no blank line, and no digit follows the `$`.
fn inline_dollars(f: &str, after: &str) -> bool {
    !f.is_empty()
        && !f.starts_with(char::is_whitespace)
        && !f.ends_with(char::is_whitespace)
        && !f.contains("\n\n")
        && !after.starts_with(|c: char| c.is_ascii_digit())
}

/// Whether a formula defines macros (`\def`, `\let`, `\newcommand`, `\renewcommand`):
/// pulldown-latex 0.8 can panic reporting an error inside an expansion (an assertion in
/// `reach_original_call_site`, found by the `math` fuzz target), and a panic would stop the
/// statistics worker; such formulas stay source. Answers to math problems do not define macros.
fn defines_macros(formula: &str) -> bool {
    formula.split('\\').skip(1).any(|after| {
        let word = after.split(|c: char| !c.is_ascii_alphabetic()).next();
        matches!(word, Some("def" | "let" | "newcommand" | "renewcommand"))
    })
}

/// A formula's MathML, or `None` when it does not parse (or is too long, or defines macros).
fn render(formula: &str, display: bool) -> Option<MathNode> {
    if formula.len() > MAX_FORMULA || defines_macros(formula) {
        return None;
    }
    // `\boxed` (a math response's final answer) is not one of pulldown-latex's commands: its
    // content is shown, unboxed.
    let formula = formula.replace("\\boxed{", "{");
    let storage = pulldown_latex::Storage::new();
    let parser = pulldown_latex::Parser::new(&formula, &storage);
    let config = pulldown_latex::RenderConfig {
        display_mode: if display {
            pulldown_latex::config::DisplayMode::Block
        } else {
            pulldown_latex::config::DisplayMode::Inline
        },
        ..Default::default()
    };
    let mut markup = String::new();
    pulldown_latex::push_mathml(&mut markup, parser, config).ok()?;
    let node = tree(&markup)?;
    (!has_error(&node)).then_some(node)
}

fn has_error(node: &MathNode) -> bool {
    node.tag == "merror" || node.children.iter().any(has_error)
}

/// The tree of the markup `pulldown-latex` wrote, keeping only allowed elements (any other is
/// an `mrow` of its children) and attributes; `None` if it is not one well-formed `<math>`.
pub fn tree(markup: &str) -> Option<MathNode> {
    let mut stack: Vec<MathNode> = vec![MathNode::default()];
    let mut rest = markup;
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('<') else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = unescape(&rest[..end]);
            let top = stack.last_mut()?;
            if top.children.is_empty() {
                top.text.push_str(&text);
            } else if !text.trim().is_empty() {
                top.children.push(MathNode {
                    tag: "mtext".into(),
                    text,
                    ..MathNode::default()
                });
            }
            rest = &rest[end..];
            continue;
        };
        let end = tag_end(inner)?;
        let tag = &inner[..end];
        rest = &inner[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let node = stack.pop()?;
            if stack.is_empty() || node.tag != allowed(name.trim()) {
                return None;
            }
            stack.last_mut()?.children.push(node);
            continue;
        }
        let (tag, closed) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
        let node = MathNode {
            tag: allowed(&tag[..name_end]).to_owned(),
            attrs: attributes(&tag[name_end..])?,
            ..MathNode::default()
        };
        if closed {
            stack.last_mut()?.children.push(node);
        } else {
            stack.push(node);
        }
    }
    let mut root = stack.pop()?;
    if !stack.is_empty() || root.children.len() != 1 || root.children[0].tag != "math" {
        return None;
    }
    root.children.pop()
}

/// Where a tag ends (its `>`), outside quoted attribute values.
fn tag_end(inner: &str) -> Option<usize> {
    let mut quoted = false;
    inner.char_indices().find_map(|(i, c)| match c {
        '"' => {
            quoted = !quoted;
            None
        }
        '>' if !quoted => Some(i),
        _ => None,
    })
}

fn allowed(name: &str) -> &str {
    ELEMENTS
        .iter()
        .find(|e| **e == name)
        .copied()
        .unwrap_or("mrow")
}

/// The allowed attributes of a tag's `name="value"` list.
fn attributes(mut list: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    loop {
        list = list.trim_start();
        if list.is_empty() {
            return Some(out);
        }
        let eq = list.find('=')?;
        let name = list[..eq].trim();
        let value = list[eq + 1..].trim_start().strip_prefix('"')?;
        let end = value.find('"')?;
        if ATTRIBUTES.contains(&name) {
            out.push((name.to_owned(), unescape(&value[..end])));
        }
        list = &value[end + 1..];
    }
}

/// Text with the entities `pulldown-latex` writes (and numeric ones) replaced.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &[Segment]) -> Vec<String> {
        s.iter()
            .map(|s| match s {
                Segment::Text(t) => format!("T:{t}"),
                Segment::Math(m) => format!("M:{}", m.tag),
            })
            .collect()
    }

    fn all_text(n: &MathNode) -> String {
        n.text.clone() + &n.children.iter().map(all_text).collect::<String>()
    }

    #[test]
    fn formulas_that_define_macros_stay_source() {
        // The input with which pulldown-latex 0.8 panicked (the `math` fuzz target's find): a
        // `\let` and an error inside the expansion.
        let found = b"$\\let\\}}}}}}}{\\mathbb{_t\\}}}}}\\right{_)}}}}}_\x00\x00}\\right)}}{\\}\\frac{01\x040000000000000\\frac}}}}{\\mathbb{_t\\}}}}}\\right{_)}}}}}_\x00\x00}^right)}}}}\\{$\\}<\\\\_";
        let s = segments(&String::from_utf8_lossy(found));
        assert!(
            s.iter().all(|s| matches!(s, Segment::Text(_))),
            "{:?}",
            texts(&s)
        );
        for f in [
            r"\def\a{x}\a",
            r"\let\b=\alpha \b",
            r"\newcommand{\c}{y}\c",
            r"\renewcommand\d{z}",
        ] {
            assert!(defines_macros(f) && render(f, false).is_none(), "{f}");
        }
        // Commands that only begin like them render.
        for f in [r"\left( x \right)", r"\deg x", r"\leq 1", r"\delta"] {
            assert!(!defines_macros(f) && render(f, false).is_some(), "{f}");
        }
    }

    #[test]
    fn formulas_are_found_and_money_is_not() {
        let s = segments(r"Let $x^2=4$. Then \(x=2\) or $$x=-2$$ \[y\]");
        assert_eq!(
            texts(&s),
            [
                "T:Let ",
                "M:math",
                "T:. Then ",
                "M:math",
                "T: or ",
                "M:math",
                "T: ",
                "M:math"
            ]
        );
        let display: Vec<_> = (s.iter())
            .filter_map(|s| match s {
                Segment::Math(m) => m
                    .attrs
                    .iter()
                    .find(|a| a.0 == "display")
                    .map(|a| a.1.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(display, ["inline", "inline", "block", "block"]);
        // No formula: nothing to build.
        assert!(segments("It costs $5 and $6.").is_empty());
        assert!(segments(r"A \$ sign, $ spaced $, and $unclosed").is_empty());
        assert!(segments("plain").is_empty());
        // The boxed answer of a math response.
        let s = segments(r"so the answer is $\boxed{\frac{1}{2}}$");
        let Segment::Math(m) = &s[1] else { panic!() };
        assert_eq!(all_text(m), "12");
    }

    #[test]
    fn a_formula_that_does_not_parse_stays_source() {
        let s = segments(r"ok $a$ and bad $\frac{1}{$ end");
        assert_eq!(texts(&s)[..2], ["T:ok ", "M:math"]);
        assert!(matches!(&s[2], Segment::Text(t) if t.contains(r"\frac{1}{")));
    }

    #[test]
    fn only_allowed_elements_and_attributes_survive() {
        let markup = r#"<math display="block" onclick="x()" style="background:url(http://e)"><mrow><script>alert(1)</script><mi mathvariant="bold" href="javascript:x">a&lt;b&#x2212;</mi></mrow></math>"#;
        let t = tree(markup).unwrap();
        assert_eq!(t.attrs, [("display".to_owned(), "block".to_owned())]);
        let row = &t.children[0];
        assert_eq!(
            row.children[0].tag, "mrow",
            "script became a row of its text"
        );
        assert_eq!(row.children[0].text, "alert(1)");
        assert_eq!(
            row.children[1].attrs,
            [("mathvariant".to_owned(), "bold".to_owned())]
        );
        assert_eq!(row.children[1].text, "a<b\u{2212}");
        // Not one well-formed <math>: nothing.
        for bad in [
            "<math><mi>x</math>",
            "<mi>x</mi>",
            "<math>",
            "<math></math><math></math>",
            "<math a=\"1></math>",
            "",
        ] {
            assert_eq!(tree(bad), None, "{bad}");
        }
    }

    #[test]
    fn hostile_latex_builds_nothing_but_math() {
        for latex in [
            r#"$\text{<script>alert(1)</script>}$"#,
            r#"$\color{red" onmouseover="alert(1)}{x}$"#,
            r#"$\href{javascript:alert(1)}{x}$"#,
            "$\u{202e}x\u{200b}$",
        ] {
            for s in segments(latex) {
                if let Segment::Math(m) = s {
                    fn check(n: &MathNode) {
                        assert!(ELEMENTS.contains(&n.tag.as_str()), "{}", n.tag);
                        assert!(n
                            .attrs
                            .iter()
                            .all(|(a, _)| ATTRIBUTES.contains(&a.as_str())));
                        n.children.iter().for_each(check);
                    }
                    check(&m);
                }
            }
        }
    }
}
