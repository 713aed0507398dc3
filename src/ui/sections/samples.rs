//! The drawer's texts — the problem, its reference answer and every model's samples — built as
//! DOM nodes whose content is set only through `textContent`: whatever a response holds
//! (`<script>`, event attributes, direction overrides, zero-width characters) is shown as the
//! characters it is and never parsed as HTML. Built by hand rather than through `view!`: a list
//! rebuilt whole on each page or filter change needs none of the reactive machinery, and the
//! page's size budget is tight.

use passk_lens_core::explain::talk::ProblemSlide;
use passk_lens_core::read::math::{MathNode, Segment, MAX_TEXT};
use passk_lens_core::read::record::truncate;
use passk_lens_core::read::texts::{sample_page, ProblemTexts, SampleFilter};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// Samples shown per model at a time.
pub const PAGE: usize = 6;
/// Characters of a text shown before "show all".
pub const SHOWN: usize = 20_000;

fn el(doc: &Document, parent: &Element, tag: &str, class: &str, text: &str) -> Element {
    let e = doc.create_element(tag).expect("a known tag");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    let _ = parent.append_child(&e);
    e
}

/// A MathML element of the worker's tree (allowed elements and attributes only), its text set
/// as text.
fn math_node(doc: &Document, parent: &Element, node: &MathNode) {
    let Ok(e) = doc.create_element_ns(Some("http://www.w3.org/1998/Math/MathML"), &node.tag) else {
        return;
    };
    for (name, value) in &node.attrs {
        let _ = e.set_attribute(name, value);
    }
    if !node.text.is_empty() {
        e.set_text_content(Some(&node.text));
    }
    for child in &node.children {
        math_node(doc, &e, child);
    }
    let _ = parent.append_child(&e);
}

/// Replaces `pre`'s text by `math`'s text and formulas, when there are formulas.
fn with_math(doc: &Document, pre: &Element, math: &[Segment]) {
    if math.is_empty() {
        return;
    }
    pre.set_text_content(None);
    for segment in math {
        match segment {
            Segment::Text(t) => {
                let _ = pre.append_child(&doc.create_text_node(t));
            }
            Segment::Math(node) => math_node(doc, pre, node),
        }
    }
}

/// A text in a wrapping `<pre>`, cut at `SHOWN` characters with a button that shows all.
fn long_text(doc: &Document, parent: &Element, text: &str, testid: &str) -> Element {
    let total = text.chars().count();
    let cut: String = text.chars().take(SHOWN).collect();
    let pre = el(doc, parent, "pre", "text", &cut);
    let _ = pre.set_attribute("data-testid", testid);
    // It scrolls when long: keyboard users reach it too.
    let _ = pre.set_attribute("tabindex", "0");
    if total > SHOWN {
        let label = format!("Show all {total} characters");
        let button = el(doc, parent, "button", "more", &label);
        let (full, target, me) = (text.to_owned(), pre.clone(), button.clone());
        let show = Closure::once_into_js(move || {
            target.set_text_content(Some(&full));
            me.remove();
        });
        let _ = button.add_event_listener_with_callback("click", show.unchecked_ref());
    }
    pre
}

/// Fills `head` with the problem's text and reference answer, and `grid` with one column per
/// model of `models` (the drawer's order): the page `page` of its samples that `filter` keeps,
/// in file order, each with its verdict, extracted answer and response — its LaTeX as MathML
/// when `math` holds the formulas the worker rendered (`None`: LaTeX shown as source). Returns
/// the shown texts `math` has no entry for, for the worker to render.
pub fn render(
    head: &Element,
    grid: &Element,
    texts: &ProblemTexts,
    models: &[String],
    filter: SampleFilter,
    page: usize,
    math: Option<&BTreeMap<String, Vec<Segment>>>,
) -> Vec<String> {
    let mut missing = Vec::new();
    // A text's formulas once rendered; else it is asked for.
    let mut show_math = |doc: &Document, pre: &Element, text: &str| {
        let Some(rendered) = math else { return };
        match rendered.get(text) {
            Some(segments) => with_math(doc, pre, segments),
            None if text.len() <= MAX_TEXT => missing.push(text.to_owned()),
            None => {}
        }
    };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    head.set_text_content(None);
    grid.set_text_content(None);
    if texts.models.is_empty() {
        el(
            &doc,
            head,
            "p",
            "note",
            "The responses are in the files: load them to read the samples.",
        );
        return Vec::new();
    }
    match &texts.question {
        Some(question) => {
            el(&doc, head, "h4", "", "Problem");
            let pre = long_text(&doc, head, question, "problem-text");
            show_math(&doc, &pre, question);
        }
        None => {
            el(&doc, head, "p", "note", "The files give no problem text.");
        }
    }
    if let Some(reference) = &texts.reference {
        let p = el(&doc, head, "p", "", "Reference answer: ");
        let _ =
            el(&doc, &p, "code", "", reference).set_attribute("data-testid", "problem-reference");
    }
    for model in models {
        let column = el(&doc, grid, "div", "samples-model", "");
        el(&doc, &column, "h4", "", model);
        let Some(m) = texts.models.iter().find(|m| &m.model == model) else {
            el(
                &doc,
                &column,
                "p",
                "note",
                "No texts in this model's files.",
            );
            continue;
        };
        for note in &m.notes {
            el(&doc, &column, "p", "note", note);
        }
        let shown = sample_page(&m.samples, filter, page, PAGE);
        el(&doc, &column, "p", "stat", &shown.label());
        let list = el(&doc, &column, "ol", "samples", "");
        for (i, s) in shown.shown {
            // A verdict the file does not record is said so, never shown as wrong.
            let (kind, verdict) = match s.correct {
                Some(true) => ("true", "✓ correct"),
                Some(false) => ("false", "✗ wrong"),
                None => ("unknown", "verdict not recorded"),
            };
            let item = el(&doc, &list, "li", &format!("sample {kind}"), "");
            let mut head = format!("#{i} {verdict}");
            if let Some(a) = &s.answer {
                head += &format!(" · answer {}", truncate(a, 80));
            }
            el(&doc, &item, "p", "sample-head", &head);
            let pre = long_text(&doc, &item, s.text.as_deref().unwrap_or(""), "sample");
            show_math(&doc, &pre, s.text.as_deref().unwrap_or(""));
            let _ = pre.set_attribute("data-model", model);
            let _ = pre.set_attribute("data-index", &i.to_string());
            let _ = pre.set_attribute("data-correct", kind);
        }
    }
    missing
}

/// Fills `into` with a talk slide's texts: the problem and the base model's correct response,
/// each with its formulas from `math` (the question's first, then the response's) when given.
pub fn render_slide(into: &Element, s: &ProblemSlide, base: &str, math: &[Vec<Segment>]) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    into.set_text_content(None);
    let mut math = math.iter();
    if let Some(q) = &s.question {
        let pre = long_text(&doc, into, q, "talk-problem-text");
        with_math(&doc, &pre, math.next().map_or(&[], Vec::as_slice));
    }
    match &s.response {
        Some(r) => {
            el(
                &doc,
                into,
                "h3",
                "",
                &format!("A correct response of {base}"),
            );
            let pre = long_text(&doc, into, r, "talk-response");
            with_math(&doc, &pre, math.next().map_or(&[], Vec::as_slice));
        }
        None => {
            el(
                &doc,
                into,
                "p",
                "note",
                &format!("{base} has no correct response to show."),
            );
        }
    }
}
