//! The progress of a load: bytes read of the total, the rate, the time left, and a way to stop.

use leptos::prelude::*;

/// Where a load is: bytes read so far of the total, and when it started (ms, `Date.now()`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub done: f64,
    pub total: f64,
    pub started: f64,
}

impl Progress {
    /// "120 of 523 MB · 410 MB/s · about 1 s left", once there is a rate to tell.
    fn text(&self, now: f64) -> String {
        let mb = |b: f64| b / 1e6;
        let seconds = (now - self.started) / 1e3;
        let mut text = format!("{:.0} of {:.0} MB", mb(self.done), mb(self.total));
        if seconds > 0.2 && self.done > 0.0 {
            let rate = self.done / seconds;
            let left = ((self.total - self.done).max(0.0) / rate).ceil();
            text += &format!(" · {:.0} MB/s · about {left} s left", mb(rate));
        }
        text
    }
}

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
