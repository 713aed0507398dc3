//! The words of talk mode: one title and one takeaway per slide, written from the loaded data
//! (or the demo) so that a speaker's own numbers are on the slides.

use super::simulate::Simulation;
use crate::stats::compare::Comparison;
use crate::stats::coverage::Coverage;

/// One slide's words; the page draws the matching chart under them.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    pub title: String,
    pub takeaway: String,
}

/// The chart each slide shows, in slide order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    PassK,
    Coverage,
    CoverageK,
    Problems,
    Grid,
    Simulator,
}

/// The slides, in order, with their charts.
pub const CHARTS: [Chart; 8] = [
    Chart::PassK,
    Chart::PassK,
    Chart::Coverage,
    Chart::CoverageK,
    Chart::Problems,
    Chart::PassK,
    Chart::Grid,
    Chart::Simulator,
];

fn pct(x: f64) -> String {
    format!("{:.1} %", 100.0 * x)
}

/// The slides for the first comparison (base vs the first other model), coverage at its k and
/// every comparison (`all`, the grid's).
///
/// ```
/// use passk_lens_core::explain::talk::{slides, CHARTS};
/// use passk_lens_core::explain::simulate::{beta_rates, simulate, Rl};
/// let sim = simulate(&beta_rates(50, 0.5, 0.5, 1), Rl { gamma: 2.0, pivot: 0.1, lost: 0.0 }, 64);
/// let s = slides(None, None, &[], &sim);
/// assert_eq!(s.len(), CHARTS.len());
/// assert!(s[0].takeaway.contains("Load a base model"));
/// ```
pub fn slides(
    cmp: Option<&Comparison>,
    coverage: Option<&Coverage>,
    all: &[Comparison],
    sim: &Simulation,
) -> Vec<Slide> {
    let slide = |title: String, takeaway: String| Slide { title, takeaway };
    let none = || "Load a base model and an RL-trained model of the same benchmark.".to_owned();
    let mut out = Vec::with_capacity(CHARTS.len());
    match cmp {
        Some(c) => {
            let rl_1 = c.diff_at_1.mean;
            out.push(slide(
                format!("At k = 1, {} is ahead", c.model),
                format!(
                    "pass@1 is {:.1} points higher than {} ({}): RL made the model more reliable on its first try.",
                    -100.0 * rl_1,
                    c.base,
                    c.benchmark
                ),
            ));
            out.push(slide(
                match c.crossover {
                    Some(k) => format!("Grow k: the base model catches up at k* = {k}"),
                    None => "Grow k: the curves do not cross here".into(),
                },
                format!(
                    "With {} samples per problem the base model is {:.1} points {}.",
                    c.diff_at_k.k,
                    100.0 * c.diff_at_k.mean.abs(),
                    if c.diff_at_k.mean >= 0.0 {
                        "ahead"
                    } else {
                        "behind"
                    },
                ),
            ));
        }
        None => {
            out.push(slide("At k = 1, RL is ahead".into(), none()));
            out.push(slide("Grow k: the curves cross".into(), none()));
        }
    }
    out.push(match coverage.filter(|c| c.models.len() >= 2) {
        Some(cov) => {
            let only = |m: usize| cov.regions[1 << m].expected;
            let (b, r) = (only(0), only(1));
            slide(
                format!("At k = {}: what only RL solves ≈ {:.0}", cov.k, r),
                format!(
                    "Solved only by {}: {:.0}; only by {}: {:.0}; by both: {:.0} of {} problems. RL's solvable problems are nearly a subset of the base model's.",
                    cov.models[0],
                    b,
                    cov.models[1],
                    r,
                    cov.regions[3].expected,
                    cov.n_common
                ),
            )
        }
        None => slide("Coverage: who solves what".into(), none()),
    });
    out.push(slide(
        "As k grows, the base model solves more".into(),
        "Expected problems solved (solid) and solved by one model only (dashed): the base model's own problems keep growing with k.".into(),
    ));
    out.push(slide(
        "Problem by problem: sharpening".into(),
        "Problems the base model solves often, RL solves almost always; problems it solves rarely, RL tends to lose.".into(),
    ));
    out.push(match cmp {
        Some(c) => slide(
            format!("Δ_SE = {:.1} points", 100.0 * c.delta_se),
            format!(
                "pass@{}(base) − pass@1({}): the sampling-efficiency gap that RL's single try leaves to the base model's {} tries.",
                c.k_se, c.model, c.k_se
            ),
        ),
        None => slide("Δ_SE: the sampling-efficiency gap".into(), none()),
    });
    let crossed = all.iter().filter(|c| c.crossover.is_some()).count();
    out.push(if all.is_empty() {
        slide("Every benchmark, every model".into(), none())
    } else {
        slide(
            format!(
                "Every benchmark, every model: the base catches up in {crossed} of {}",
                all.len()
            ),
            {
                let lo = 100.0 * all.iter().map(|c| c.delta_se).fold(f64::INFINITY, f64::min);
                let hi = 100.0 * all.iter().map(|c| c.delta_se).fold(f64::NEG_INFINITY, f64::max);
                let range = if format!("{lo:.1}") == format!("{hi:.1}") {
                    format!("Δ_SE = {lo:.1} points")
                } else {
                    format!("Δ_SE from {lo:.1} to {hi:.1} points")
                };
                format!("One pass@k panel per benchmark and RL-trained model, the base model in each; {range}.")
            },
        )
    });
    out.push(slide(
        "Sharpening alone draws the same picture".into(),
        format!(
            "Simulated: pass@1 {} → {}{}, with no new problem solved.",
            pct(sim.base[0]),
            pct(sim.rl[0]),
            sim.crossover
                .map(|k| format!(", the base model catching up at k = {k}"))
                .unwrap_or_default()
        ),
    ));
    out
}

/// The optional last slide: one problem up close, with its text and one correct response of
/// the base model (shown only when the speaker puts the problem in talk mode: texts may be
/// private).
#[derive(Debug, Clone, PartialEq)]
pub struct ProblemSlide {
    pub slide: Slide,
    pub question: Option<String>,
    /// The base model's first correct response, when it has one.
    pub response: Option<String>,
}

/// The problem slide of `texts`, told against `base`: "a problem RL lost" when the base model
/// solves it and no other model does.
pub fn problem_slide(texts: &crate::read::texts::ProblemTexts, base: &str) -> ProblemSlide {
    use crate::read::texts::ModelTexts;
    let correct = |m: &ModelTexts| {
        (m.samples.iter())
            .filter(|s| s.correct == Some(true))
            .count()
    };
    // A file that records no verdict per sample (lighteval) says nothing of which were right.
    let judged = |m: &ModelTexts| m.samples.iter().all(|s| s.correct.is_some());
    let base_texts = texts.models.iter().find(|m| m.model == base);
    let others_none = (texts.models.iter())
        .filter(|m| m.model != base)
        .all(|m| judged(m) && correct(m) == 0);
    let lost = base_texts.is_some_and(|b| correct(b) > 0) && others_none && texts.models.len() > 1;
    let title = if lost {
        format!("A problem RL lost: problem {}", texts.problem)
    } else {
        format!("Problem {} up close", texts.problem)
    };
    let takeaway = (texts.models.iter())
        .map(|m| match judged(m) {
            true => format!(
                "{}: {} of {} samples correct",
                m.model,
                correct(m),
                m.samples.len()
            ),
            false => format!(
                "{}: {} samples, verdicts not recorded one by one",
                m.model,
                m.samples.len()
            ),
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let response = base_texts
        .and_then(|b| b.samples.iter().find(|s| s.correct == Some(true)))
        .and_then(|s| s.text.clone());
    ProblemSlide {
        slide: Slide { title, takeaway },
        question: texts.question.clone(),
        response,
    }
}

#[cfg(test)]
mod problem_slide_tests {
    use super::problem_slide;
    use crate::read::texts::{ModelTexts, ProblemTexts, SampleText};

    fn model(name: &str, verdicts: &[bool]) -> ModelTexts {
        ModelTexts {
            model: name.into(),
            samples: (verdicts.iter().enumerate())
                .map(|(i, &correct)| SampleText {
                    correct: Some(correct),
                    answer: None,
                    text: Some(format!("{name} #{i}")),
                })
                .collect(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn a_problem_only_the_base_solves_is_one_rl_lost() {
        let mut t = ProblemTexts {
            benchmark: "all".into(),
            problem: "17".into(),
            question: Some("2+2?".into()),
            reference: None,
            models: vec![
                model("base", &[false, true, true]),
                model("rl", &[false, false]),
            ],
        };
        let s = problem_slide(&t, "base");
        assert_eq!(s.slide.title, "A problem RL lost: problem 17");
        assert_eq!(
            s.slide.takeaway,
            "base: 2 of 3 samples correct · rl: 0 of 2 samples correct"
        );
        assert_eq!(s.response.as_deref(), Some("base #1"));
        assert_eq!(s.question.as_deref(), Some("2+2?"));
        t.models[1] = model("rl", &[true]);
        let s = problem_slide(&t, "base");
        assert_eq!(s.slide.title, "Problem 17 up close");
        assert_eq!(problem_slide(&t, "rl").response.as_deref(), Some("rl #0"));
        // Unrecorded verdicts (lighteval) neither make a problem lost nor count as wrong.
        t.models[1].samples[0].correct = None;
        let s = problem_slide(&t, "base");
        assert_eq!(s.slide.title, "Problem 17 up close");
        assert_eq!(
            s.slide.takeaway,
            "base: 2 of 3 samples correct · rl: 1 samples, verdicts not recorded one by one"
        );
    }
}
