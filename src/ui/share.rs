//! The share link: a button that writes the current view and the loaded counts into a link
//! (`share-url`, and the clipboard), and the box that shows it.

use super::state::use_page;
use crate::io::error::Error;
use crate::io::share::{copy, fragment, link_to};
use leptos::prelude::*;
use leptos::task::spawn_local;
use passk_lens_core::export::share::View;

/// A link just made.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    url: String,
    /// Whether the browser let the page write it to the clipboard.
    copied: bool,
}

/// Links longer than this may be cut by chat apps and mail clients.
const LONG: usize = 8_000;

/// The `share-link` button: makes a link to the current view and the loaded counts (the
/// payload written by the statistics worker, which holds them), shown by [`ShareBox`].
#[component]
pub fn ShareLink(
    /// Where the link goes.
    out: RwSignal<Option<Result<Shared, String>>>,
) -> impl IntoView {
    let page = use_page();
    let make = move |_| {
        page.when_computed(move || {
            let (r, c) = (page.results, page.choices);
            let view = View {
                k: Some(r.k.get_untracked()),
                base: Some(r.base.get_untracked()),
                benchmark: Some(r.benchmark.get_untracked()),
                hat: c.show_hat.get_untracked(),
                linear_k: !c.log_x.get_untracked(),
                hidden: c.hidden.get_untracked(),
                slice: c.slice.get_untracked(),
                problem: r
                    .problem
                    .with_untracked(|p| p.as_ref().map(|v| v.problem.clone())),
            };
            page.share_payload(view, move |payload| {
                spawn_local(async move {
                    let made = match payload {
                        Ok(payload) => match fragment(payload.as_bytes()).await {
                            Ok(f) => link_to(&f).ok_or(Error::NoPage("address")),
                            Err(why) => Err(why),
                        },
                        Err(why) => Err(why),
                    };
                    let shared = match made {
                        Ok(url) => Ok(Shared {
                            copied: copy(&url).await,
                            url,
                        }),
                        Err(why) => Err(format!("Could not make a link: {why}")),
                    };
                    out.set(Some(shared));
                });
            });
        })
    };
    view! {
        <button
            data-testid="share-link"
            on:click=make
            disabled=move || page.results.empty.get()
            title="A link that opens this view with the same counts, with no server"
        >
            "Share link"
        </button>
    }
}

/// The link made by [`ShareLink`], selectable, with what it holds.
#[component]
pub fn ShareBox(out: RwSignal<Option<Result<Shared, String>>>) -> impl IntoView {
    move || {
        out.get().map(|made| match made {
            Ok(Shared { url, copied }) => {
                let kb = url.len() as f64 / 1000.0;
                let how = if copied {
                    "Copied to the clipboard"
                } else {
                    "Copy it from the box"
                };
                let long = (url.len() > LONG).then_some(
                    " Links this long may be cut by chat apps and mail: load fewer models to shorten it.",
                );
                view! {
                    <div class="share-box">
                        <label class="control">
                            <span>"Share link"</span>
                            <input
                                data-testid="share-url"
                                readonly
                                prop:value=url
                                on:focus=|ev| {
                                    use wasm_bindgen::JsCast;
                                    if let Some(input) = ev
                                        .target()
                                        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                                    {
                                        input.select();
                                    }
                                }
                            />
                        </label>
                        <button class="link" on:click=move |_| out.set(None)>"Close"</button>
                        <p class="note">
                            {format!(
                                "{how} ({kb:.1} KB). It holds this view and the counts (n, c per problem and model); the data rides after the #, which browsers never send to a server.{}",
                                long.unwrap_or("")
                            )}
                        </p>
                    </div>
                }
                .into_any()
            }
            Err(why) => view! { <p class="notice share-box">{why}</p> }.into_any(),
        })
    }
}
