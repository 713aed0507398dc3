//! The load section: the drop zone and pickers, the status line (`load-status`), clearing, the
//! `.gz` cap, the progress of a load, notices, a field mapping for each file that needs one,
//! and the demo's badge.

use crate::ui::loader::Loader;
use crate::ui::loading::use_loading;
use crate::ui::mapping::MappingPanel;
use crate::ui::progress::LoadProgress;
use crate::ui::state::use_page;
use leptos::prelude::*;
use passk_lens_core::read::mapping::Mapping;

/// The section.
#[component]
pub fn LoadSection() -> impl IntoView {
    let (page, loading) = (use_page(), use_loading());
    let loads = loading.loads;
    let cap_mb = loading.cap_mb;
    let mappings = move || {
        page.files.with(|fs| {
            fs.iter()
                .enumerate()
                .filter(|(i, f)| f.report.mappable && loads.with(|l| l.rereadable(*i)))
                .map(|(i, f)| {
                    let apply =
                        Callback::new(move |m: Mapping| loading.reread(i, |o| o.mapping = Some(m)));
                    view! { <MappingPanel report=f.report.clone() on_apply=apply /> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel load">
            <Loader />
            <div class="load-row">
                <p class="status" data-testid="load-status" data-state=move || loading.state().as_str()>
                    {move || loading.status_text()}
                </p>
                <button data-testid="clear-data" on:click=move |_| loading.clear()>"Clear data"</button>
                <label class="control cap">
                    <span>".gz: stop after"</span>
                    <input
                        type="number"
                        min="1"
                        step="1"
                        data-testid="decompress-cap"
                        prop:value=move || cap_mb.get().to_string()
                        on:change=move |ev| {
                            if let Some(v) = crate::ui::input_number(&ev) {
                                if v >= 1.0 {
                                    cap_mb.set(v);
                                }
                            }
                        }
                    />
                    <span>"MiB decompressed"</span>
                </label>
            </div>
            <LoadProgress
                progress=Signal::derive(move || loads.with(|l| l.progress))
                on_cancel=Callback::new(move |()| loading.cancel())
            />
            {move || loads.with(|l| l.notice.clone()).map(|n| view! { <p class="notice" data-testid="load-notice">{n}</p> })}
            {mappings}
            <Show when=move || loads.with(|l| l.demo)>
                <p class="demo-badge" data-testid="demo-badge">
                    <strong>"Demo data"</strong>
                    " — MATH500, Qwen2.5-7B base vs SimpleRL-Zoo-7B, 500 problems × 128 samples (temperature 0.6). "
                    "Counts from an independent reproduction of Yue et al. (NeurIPS 2025), github.com/cc1107yss/limit-of-rlvr-qwen7b-math500-reproduction."
                </p>
            </Show>
        </section>
    }
}
