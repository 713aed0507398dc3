//! The coverage chart at one k: for two models an area-proportional Euler diagram (the overlap
//! is drawn to scale), for three a Venn diagram with counts, for more an UpSet plot. The drawing
//! returns where each region is, so a click can be turned into a region.

use super::palette::model_color;
use super::style::{empty_state, Style};
use passk_lens_core::stats::coverage::Coverage;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::f64::consts::PI;
use std::ops::Range;

/// Where the regions were drawn, in backend pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum Regions {
    /// Circles (x, y, r), one per model: a point's region is the set of circles holding it.
    Circles(Vec<(f64, f64, f64)>),
    /// UpSet columns: pixel range and region mask.
    Columns(Vec<(Range<i32>, usize)>),
}

impl Regions {
    /// The region mask under a point, if any (0 = outside every circle: `none`).
    pub fn region_at(&self, x: f64, y: f64) -> Option<usize> {
        match self {
            Regions::Circles(circles) => Some(
                circles
                    .iter()
                    .enumerate()
                    .filter(|(_, (cx, cy, r))| (x - cx).powi(2) + (y - cy).powi(2) <= r * r)
                    .map(|(i, _)| 1 << i)
                    .sum(),
            ),
            Regions::Columns(cols) => cols
                .iter()
                .find(|(r, _)| r.contains(&(x as i32)))
                .map(|(_, m)| *m),
        }
    }
}

/// Area of the lens where two circles of radii r1, r2 at distance d overlap.
pub fn lens_area(r1: f64, r2: f64, d: f64) -> f64 {
    if d >= r1 + r2 {
        return 0.0;
    }
    if d <= (r1 - r2).abs() {
        return PI * r1.min(r2).powi(2);
    }
    let a1 = ((d * d + r1 * r1 - r2 * r2) / (2.0 * d * r1))
        .clamp(-1.0, 1.0)
        .acos();
    let a2 = ((d * d + r2 * r2 - r1 * r1) / (2.0 * d * r2))
        .clamp(-1.0, 1.0)
        .acos();
    let k = ((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2))
        .max(0.0)
        .sqrt();
    r1 * r1 * a1 + r2 * r2 * a2 - 0.5 * k
}

/// The distance between circles of radii r1, r2 whose overlap has area `overlap` (bisection;
/// the lens shrinks as the circles move apart).
pub fn euler_distance(r1: f64, r2: f64, overlap: f64) -> f64 {
    let (mut lo, mut hi) = ((r1 - r2).abs(), r1 + r2);
    for _ in 0..100 {
        let mid = (lo + hi) / 2.0;
        if lens_area(r1, r2, mid) > overlap {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

fn count_text(v: f64, exact: bool) -> String {
    if exact {
        format!("{v}")
    } else {
        format!("{v:.1}")
    }
}

/// The centroid of the pixels of `circles` that belong to exactly the region `mask`.
fn region_centroid(circles: &[(f64, f64, f64)], mask: usize) -> Option<(f64, f64)> {
    let (x0, x1) = circles
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), (x, _, r)| {
            (a.min(x - r), b.max(x + r))
        });
    let (y0, y1) = circles
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), (_, y, r)| {
            (a.min(y - r), b.max(y + r))
        });
    let regions = Regions::Circles(circles.to_vec());
    let (mut sx, mut sy, mut n) = (0.0, 0.0, 0.0);
    for i in 0..=60 {
        for j in 0..=60 {
            let (x, y) = (
                x0 + (x1 - x0) * f64::from(i) / 60.0,
                y0 + (y1 - y0) * f64::from(j) / 60.0,
            );
            if regions.region_at(x, y) == Some(mask) {
                sx += x;
                sy += y;
                n += 1.0;
            }
        }
    }
    (n > 0.0).then(|| (sx / n, sy / n))
}

/// Draws the coverage chart; `colors[m]` is model m's palette index.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    cov: Option<&Coverage>,
    colors: &[usize],
    st: &Style,
) -> Result<Option<Regions>, DrawingAreaErrorKind<DB::ErrorType>> {
    let Some(cov) = cov.filter(|c| c.n_common > 0) else {
        empty_state(
            area,
            st,
            "Load results to see which problems each model solves",
        )?;
        return Ok(None);
    };
    area.fill(&st.theme.background)?;
    let (w, h) = area.dim_in_pixel();
    let title = format!(
        "{} problems, k = {}{}",
        cov.n_common,
        cov.k,
        if cov.exact {
            " (exact sets)"
        } else {
            " (expected counts)"
        }
    );
    area.draw(&Text::new(title, (st.px(16.0), st.px(12.0)), st.font(17.0)))?;
    let none = cov.region(&[]).expected;
    let none_label = format!("solved by no model: {}", count_text(none, cov.exact));
    let corner = st.muted(16.0).pos(Pos::new(HPos::Right, VPos::Bottom));
    area.draw(&Text::new(
        none_label,
        (w as i32 - st.px(16.0), h as i32 - st.px(12.0)),
        corner,
    ))?;
    let color = |m: usize| model_color(colors.get(m).copied().unwrap_or(m));
    let (w, h) = (f64::from(w), f64::from(h));
    let regions = match cov.models.len() {
        0 | 1 => return Ok(None),
        2 => {
            let only_a = cov.only(0).expected;
            let only_b = cov.only(1).expected;
            let both = cov.region(&[0, 1]).expected;
            let (area_a, area_b) = (only_a + both, only_b + both);
            let (r1, r2) = ((area_a / PI).sqrt(), (area_b / PI).sqrt());
            let d = euler_distance(r1, r2, both);
            // Fit the pair (with room for labels) into the box.
            let span_x = (r1 + d + r2).max(2.0 * r1).max(2.0 * r2).max(1e-9);
            let span_y = 2.0 * r1.max(r2);
            let scale = ((w * 0.6) / span_x).min((h * 0.6) / span_y.max(1e-9));
            let cy = h * 0.58;
            let left = (w - span_x * scale) / 2.0 + r1 * scale;
            vec![(left, cy, r1 * scale), (left + d * scale, cy, r2 * scale)]
        }
        3 => {
            let r = (w.min(h) * 0.22).max(1.0);
            let (cx, cy) = (w / 2.0, h * 0.62);
            [-90.0_f64, 30.0, 150.0]
                .iter()
                .map(|deg| {
                    (
                        cx + 0.62 * r * deg.to_radians().cos(),
                        cy + 0.62 * r * deg.to_radians().sin(),
                        r,
                    )
                })
                .collect()
        }
        _ => return upset(area, cov, &color, st).map(Some),
    };
    for (i, &(x, y, r)) in regions.iter().enumerate() {
        let c = color(i);
        let center = (x.round() as i32, y.round() as i32);
        area.draw(&Circle::new(center, r.round() as i32, c.mix(0.22).filled()))?;
        area.draw(&Circle::new(
            center,
            r.round() as i32,
            c.stroke_width(st.stroke(2.5)),
        ))?;
    }
    // A legend under the title: each model's colour, name and how many problems it solves.
    for (i, name) in cov.models.iter().enumerate() {
        let y = st.px(40.0 + 22.0 * i as f64);
        let solved: f64 = cov
            .regions
            .iter()
            .filter(|r| r.mask & (1 << i) != 0)
            .map(|r| r.expected)
            .sum();
        area.draw(&Circle::new(
            (st.px(24.0), y + st.px(8.0)),
            st.px(6.0),
            color(i).filled(),
        ))?;
        let text = format!("{name}: {}", count_text(solved, cov.exact));
        area.draw(&Text::new(text, (st.px(36.0), y), st.font(15.0)))?;
    }
    let label = st.font(20.0).pos(Pos::new(HPos::Center, VPos::Center));
    for r in cov.regions.iter().skip(1) {
        if let Some((x, y)) = region_centroid(&regions, r.mask) {
            area.draw(&Text::new(
                count_text(r.expected, cov.exact),
                (x as i32, y as i32),
                label.clone(),
            ))?;
        } else if r.expected > 0.0 {
            // A region too small to draw still gets its number, beside the diagram.
            let note = format!(
                "{}: {}",
                r.name.replace('+', " + "),
                count_text(r.expected, cov.exact)
            );
            area.draw(&Text::new(
                note,
                (st.px(16.0), h as i32 - st.px(36.0)),
                st.muted(15.0),
            ))?;
        }
    }
    Ok(Some(Regions::Circles(regions)))
}

/// An UpSet plot: one column per non-empty region, largest first (bars above, membership
/// dots below).
fn upset<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    cov: &Coverage,
    color: &dyn Fn(usize) -> RGBColor,
    st: &Style,
) -> Result<Regions, DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (f64::from(w), f64::from(h));
    let mut shown: Vec<_> = cov
        .regions
        .iter()
        .skip(1)
        .filter(|r| r.expected > 0.0)
        .collect();
    shown.sort_by(|a, b| b.expected.total_cmp(&a.expected));
    shown.truncate(24);
    let m = cov.models.len();
    let label_w = 180.0 * st.scale;
    let row_h = (24.0 * st.scale).min((h * 0.45) / m as f64);
    let dots_top = h - st.scale * 16.0 - row_h * m as f64;
    let bars_top = 48.0 * st.scale;
    let bars_bottom = dots_top - 10.0 * st.scale;
    let col_w = ((w - label_w - 16.0 * st.scale) / shown.len().max(1) as f64).min(56.0 * st.scale);
    let peak = shown.first().map_or(1.0, |r| r.expected).max(1e-9);
    let mut columns = Vec::new();
    let ink = st.theme.text;
    for (j, r) in shown.iter().enumerate() {
        let x0 = label_w + j as f64 * col_w;
        let (bx0, bx1) = ((x0 + col_w * 0.18) as i32, (x0 + col_w * 0.82) as i32);
        let top = bars_bottom - (r.expected / peak) * (bars_bottom - bars_top);
        area.draw(&Rectangle::new(
            [(bx0, top as i32), (bx1, bars_bottom as i32)],
            ink.mix(0.75).filled(),
        ))?;
        let count = st.font(13.0).pos(Pos::new(HPos::Center, VPos::Bottom));
        let text = if cov.exact {
            format!("{}", r.expected)
        } else {
            format!("{:.0}", r.expected)
        };
        area.draw(&Text::new(text, ((bx0 + bx1) / 2, top as i32 - 3), count))?;
        let cx = (x0 + col_w / 2.0) as i32;
        let members: Vec<usize> = (0..m).filter(|i| r.mask & (1 << i) != 0).collect();
        let y_of = |i: usize| (dots_top + (i as f64 + 0.5) * row_h) as i32;
        if let (Some(&first), Some(&last)) = (members.first(), members.last()) {
            area.draw(&PathElement::new(
                vec![(cx, y_of(first)), (cx, y_of(last))],
                ink.stroke_width(st.stroke(2.0)),
            ))?;
        }
        for i in 0..m {
            let dot = if members.contains(&i) {
                color(i).filled()
            } else {
                st.theme.grid.filled()
            };
            area.draw(&Circle::new((cx, y_of(i)), (row_h * 0.28) as i32, dot))?;
        }
        columns.push((x0 as i32..(x0 + col_w) as i32, r.mask));
    }
    for (i, name) in cov.models.iter().enumerate() {
        let y = (dots_top + (i as f64 + 0.5) * row_h) as i32;
        let c = color(i);
        let font = st
            .font(14.0)
            .color(&c)
            .pos(Pos::new(HPos::Right, VPos::Center));
        area.draw(&Text::new(
            name.clone(),
            ((label_w - 10.0 * st.scale) as i32, y),
            font,
        ))?;
    }
    Ok(Regions::Columns(columns))
}
