//! The one box every chart of the page sits in: its canvas (drawn by `canvas::draw_on`), a
//! message in place of an empty chart, the export buttons, and whatever the chart lays over
//! it (a tooltip). While a newer view is computed the box is dimmed, not frozen.

use super::canvas::{ExportButtons, Exportable};
use super::state::use_page;
use leptos::ev::{MouseEvent, PointerEvent};
use leptos::html::Canvas;
use leptos::prelude::*;

/// What an empty chart says when it says nothing itself.
const NO_DATA: &str = "Load result files (or the demo) to see this chart.";

/// A chart's box.
#[component]
pub fn ChartBox(
    /// The canvas the chart is drawn on.
    canvas: NodeRef<Canvas>,
    /// The canvas's `data-testid`.
    testid: &'static str,
    /// What the chart shows, for screen readers.
    label: &'static str,
    /// The chart, for its export buttons.
    #[prop(into)]
    figure: Exportable,
    /// The exports' file name without extension.
    name: &'static str,
    /// A square box (the coverage charts) rather than a wide one.
    #[prop(optional)]
    square: bool,
    /// Whether there is nothing to draw, for a chart that does not say so itself (the
    /// coverage and per-problem charts draw their own message, so that an export says it too).
    #[prop(optional, into)]
    empty: Option<Signal<bool>>,
    /// Drawn from the page's own state, not the statistics: never dimmed while they compute.
    #[prop(optional)]
    independent: bool,
    #[prop(optional)] on_click: Option<Callback<MouseEvent>>,
    #[prop(optional)] on_pointer_move: Option<Callback<PointerEvent>>,
    #[prop(optional)] on_pointer_leave: Option<Callback<()>>,
    /// Laid over the canvas (a tooltip).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let page = use_page();
    let empty = empty.unwrap_or_else(|| Signal::derive(|| false));
    view! {
        <div
            class="chart-box"
            class:square=square
            class:computing=move || !independent && page.computing.get()
            on:pointerleave=move |_| {
                if let Some(f) = on_pointer_leave {
                    f.run(());
                }
            }
        >
            <canvas
                node_ref=canvas
                data-testid=testid
                role="img"
                aria-label=label
                on:click=move |ev| {
                    if let Some(f) = on_click {
                        f.run(ev);
                    }
                }
                on:pointermove=move |ev| {
                    if let Some(f) = on_pointer_move {
                        f.run(ev);
                    }
                }
            ></canvas>
            <Show when=move || empty.get()>
                <p class="chart-empty" data-testid="chart-empty">{NO_DATA}</p>
            </Show>
            {children.map(|c| c())}
            <ExportButtons figure=figure name=name />
        </div>
    }
}
