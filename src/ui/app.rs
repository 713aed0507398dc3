//! The page: its state and load life cycle provided as context, the masthead, and the sections
//! in order.

use super::loading::Loading;
use super::sections::{
    controls::ControlsSection, coverage::CoverageSection, drawer::DrawerSection,
    files::FilesSection, grid::GridSection, load::LoadSection, passk::PassKSection,
    problems::ProblemsSection, simulator::SimulatorSection, steps::StepsSection,
    summary::SummarySection, table::TableSection,
};
use super::share::{ShareBox, ShareLink};
use super::state::PageState;
use super::talk::TalkMode;
use leptos::prelude::*;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let page = PageState::provide();
    Loading::provide();
    let dark = page.dark;
    let shared = RwSignal::new(None);
    view! {
        <header class="masthead">
            <h1>"passk-lens"</h1>
            <p class="tagline">"Did RL teach your model anything new, or only sharpen it? Unbiased pass@k for every k."</p>
            <p class="privacy">"Files are read in this tab and never uploaded anywhere."</p>
            <div class="masthead-actions">
                <ShareLink out=shared />
                <TalkMode />
                <button class="theme" data-testid="theme-toggle" on:click=move |_| dark.update(|d| *d = !*d)>
                    {move || if dark.get() { "Light theme" } else { "Dark theme" }}
                </button>
            </div>
            <ShareBox out=shared />
            {move || page.notice.get().map(|n| view! {
                <p class="notice page-notice" data-testid="page-notice" role="alert">
                    {n}
                    <button class="link" on:click=move |_| page.notice.set(None)>"Dismiss"</button>
                </p>
            })}
        </header>
        <main>
            <LoadSection />
            <ControlsSection />
            <PassKSection />
            <StepsSection />
            <SummarySection />
            <GridSection />
            <CoverageSection />
            <ProblemsSection />
            <DrawerSection />
            <SimulatorSection />
            <TableSection />
            <FilesSection />
        </main>
        <footer>
            <p>
                "pass@k = 1 − C(n−c, k) / C(n, k) for a problem with n samples of which c are correct (Chen et al., 2021), "
                "averaged over problems, for every k up to the smallest n. Computed exactly in your browser."
            </p>
        </footer>
    }
}
