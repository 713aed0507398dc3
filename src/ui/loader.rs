//! The file picker and drop zone: both hand the chosen files to the same callback.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else {
        return Vec::new();
    };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// A drop zone wrapping a multi-file input.
#[component]
pub fn Loader(
    /// Called with the files the user picked or dropped.
    on_files: Callback<Vec<web_sys::File>>,
) -> impl IntoView {
    let hover = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        on_files.run(list(input.files()));
        // Choosing the same file again must load it again.
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        hover.set(false);
        on_files.run(list(ev.data_transfer().and_then(|d| d.files())));
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
                <strong>"Drop result files here"</strong>
                " or choose them: JSON Lines with one line per problem ({\"idx\", \"score\": [true, false, …]}), per sample ({\"task_id\", \"passed\"}) or counts ({\"problem_id\", \"n\", \"c\"}); JSON arrays; evalplus eval_results.json; .gz of any. Other schemas: map their fields."
            </label>
            <input
                id="file-input"
                type="file"
                multiple
                accept=".jsonl,.json,.gz,.txt"
                data-testid="file-input"
                on:change=on_change
            />
        </div>
    }
}
