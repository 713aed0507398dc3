//! The file picker, the folder picker and the drop zone: all hand the chosen files, with their
//! paths, to the page's loading. A dropped folder is walked recursively.

use super::loading::use_loading;
use crate::io::folders::{dropped_entries, from_list, left_out_note, walk, Chosen};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// A drop zone wrapping a multi-file input and a folder input.
#[component]
pub fn Loader() -> impl IntoView {
    let loading = use_loading();
    let hover = RwSignal::new(false);
    // The load starts first (it clears the page's notice), then says what was left out of a
    // folder (files of other kinds).
    let hand = move |chosen: Chosen| {
        loading.load(chosen.files);
        loading.notice(left_out_note(chosen.left_out));
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        hand(from_list(input.files()));
        // Choosing the same file again must load it again.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        hover.set(false);
        let Some(data) = ev.data_transfer() else {
            return;
        };
        match dropped_entries(&data) {
            Some(entries) => spawn_local(async move {
                match walk(entries).await {
                    Ok(chosen) => hand(chosen),
                    Err(why) => {
                        loading.notice(Some(format!("Could not read the dropped folder: {why}")))
                    }
                }
            }),
            None => hand(from_list(data.files())),
        }
    };
    view! {
        <div
            class="dropzone"
            class:hover=move || hover.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                hover.set(true);
            }
            on:dragleave=move |_| hover.set(false)
            on:drop=on_drop
        >
            <label for="file-input">
                <strong>"Drop result files or folders here"</strong>
                " or choose them. Read as their tools write them: Inspect logs (.eval, .json), evalplus, human-eval, LiveCodeBench, Qwen2.5-Math and the RLVR paper's eval output, verl validation dumps (a run folder of <step>.jsonl), lighteval and other Parquet tables; any JSON Lines with one line per problem ({\"idx\", \"score\": [true, false, …]}), per sample ({\"task_id\", \"passed\"}) or counts ({\"problem_id\", \"n\", \"c\"}); .gz of any. Other schemas: map their fields."
            </label>
            <div class="pickers">
                <input
                    id="file-input"
                    type="file"
                    multiple
                    accept=".jsonl,.json,.gz,.txt,.eval,.parquet"
                    data-testid="file-input"
                    on:change=on_change
                />
                <label class="folder-pick">
                    <span>"A folder (a training run, lighteval details…):"</span>
                    <input
                        type="file"
                        multiple
                        prop:webkitdirectory=true
                        data-testid="folder-input"
                        on:change=on_change
                    />
                </label>
            </div>
        </div>
    }
}
