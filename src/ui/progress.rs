//! The progress of a load: bytes read of the total, the rate, the time left, and a way to stop.

use super::model::load::Progress;
use leptos::prelude::*;

/// The `progress` bar and the `cancel-load` button, shown while files are read.
#[component]
pub fn LoadProgress(
    /// The load in progress, if any.
    #[prop(into)]
    progress: Signal<Option<Progress>>,
    /// Stops the load; what was loaded before stays.
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || progress.with(Option::is_some)>
            <div class="progress-row" role="status">
                <progress
                    data-testid="progress"
                    aria-label="Bytes read"
                    max=move || progress.get().map_or(1.0, |p| p.total.max(1.0))
                    value=move || progress.get().map_or(0.0, |p| p.done)
                ></progress>
                <span class="progress-text">
                    {move || progress.get().map(|p| p.text(js_sys::Date::now())).unwrap_or_default()}
                </span>
                <button data-testid="cancel-load" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
        </Show>
    }
}
