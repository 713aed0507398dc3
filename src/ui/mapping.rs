//! The field-mapping panel: for a file whose schema was not recognised (or is ambiguous), a
//! preview of its first records and a choice of the field that holds each thing, the drawer's
//! texts included.

use leptos::prelude::*;
use passk_lens_core::read::mapping::Mapping;
use passk_lens_core::read::FileReport;

/// One `<select>` of field paths. `none` names the empty choice when the field is optional.
#[component]
fn PathSelect(
    /// The `data-testid` of the select.
    testid: &'static str,
    /// What the field holds, for the label.
    label: &'static str,
    /// The paths found in the file.
    paths: Vec<String>,
    /// The empty choice's label, for optional fields.
    none: &'static str,
    /// The chosen path.
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="control">
            <span>{label}</span>
            <select
                data-testid=testid
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                <option value="">{none}</option>
                {paths
                    .into_iter()
                    .map(|p| {
                        let text = p.clone();
                        view! { <option value=p>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// The `mapping-panel` of one file.
#[component]
pub fn MappingPanel(
    /// The report of the file to map: its fields and first records.
    report: FileReport,
    /// Re-reads the file with the chosen mapping.
    on_apply: Callback<Mapping>,
) -> impl IntoView {
    let guess = Mapping::guess(&report.fields);
    let id = RwSignal::new(guess.id);
    let correct = RwSignal::new(guess.correct);
    let model = RwSignal::new(guess.model);
    let benchmark = RwSignal::new(guess.benchmark);
    let [response, question, reference] = [(); 3].map(|_| RwSignal::new(String::new()));
    let apply = move |_| {
        on_apply.run(Mapping {
            id: id.get_untracked(),
            correct: correct.get_untracked(),
            model: model.get_untracked(),
            benchmark: benchmark.get_untracked(),
            response: response.get_untracked(),
            question: question.get_untracked(),
            reference: reference.get_untracked(),
        })
    };
    let ready = move || !id.with(String::is_empty) && !correct.with(String::is_empty);
    let paths = report.fields;
    view! {
        <section class="mapping" data-testid="mapping-panel" data-file=report.file.clone()>
            <h3>{format!("Which fields of {} hold what?", report.file)}</h3>
            <p class="note">
                "Paths: " <code>"a.b"</code> " is field b of a, " <code>"a[]"</code> " the items of list a, "
                <code>"a[].r"</code> " field r of each item. A correctness path that reaches a list gives one sample per item."
            </p>
            <div class="mapping-fields">
                <PathSelect testid="mapping-id" label="Problem id" paths=paths.clone() none="(choose)" value=id />
                <PathSelect testid="mapping-correct" label="Correct (per sample)" paths=paths.clone() none="(choose)" value=correct />
                <PathSelect testid="mapping-model" label="Model" paths=paths.clone() none="(the file name)" value=model />
                <PathSelect testid="mapping-benchmark" label="Benchmark" paths=paths.clone() none="(all)" value=benchmark />
                <PathSelect testid="mapping-response" label="Responses (per sample)" paths=paths.clone() none="(the usual fields)" value=response />
                <PathSelect testid="mapping-question" label="Problem text" paths=paths.clone() none="(the usual fields)" value=question />
                <PathSelect testid="mapping-reference" label="Reference answer" paths=paths none="(the usual fields)" value=reference />
                <button data-testid="mapping-apply" on:click=apply disabled=move || !ready()>
                    "Read the file with this mapping"
                </button>
            </div>
            <details class="preview" open>
                <summary>"The first records"</summary>
                {report.preview.into_iter().map(|p| view! { <pre>{p}</pre> }).collect_view()}
            </details>
        </section>
    }
}
