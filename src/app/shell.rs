//! The application shell: hash router, header navigation and the page for
//! each route. In embed mode (`embed=1`) only the lab is shown, with a small
//! link back to the full app.

use super::dna_lab::DnaLab;
use super::glossary::Glossary;
use super::graph_lab::GraphLab;
use super::groups::GroupsExplorer;
use super::home::Home;
use super::image_lab::ImageLab;
use super::routes::Route;
use super::sequence_lab::SequenceLab;
use super::tour::Tour;
use super::train_lab::TrainLab;
use super::url;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn App() -> Html {
    html! {
        <HashRouter>
            <Layout />
        </HashRouter>
    }
}

#[component]
fn Layout() -> Html {
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    // Before a lab reads its settings from the URL: a bare lab route gets
    // back the learner's last view of that lab.
    url::restore_last_view();
    if url::is_embed() {
        return html! {
            <div class="embed">
                <main class="embed-main">{ switch(route) }</main>
                // The link is written when it is followed, so it opens what the
                // reader did inside the embed, not the view the page first showed.
                <a class="embed-credit" href={ full_app_link() } target="_blank" rel="noopener" data-testid="open-full"
                    onclick={Callback::from(|e: MouseEvent| {
                        if let Some(a) = e.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlAnchorElement>(t).ok()) {
                            a.set_href(&full_app_link());
                        }
                    })}>{ "Open the full lab ↗" }</a>
            </div>
        };
    }
    html! {
        <>
            <a class="skip-link" href="#main-content" onclick={Callback::from(|e: MouseEvent| {
                e.prevent_default();
                if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main-content")) {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) { let _ = el.focus(); }
                }
            })}>{ "Skip to content" }</a>
            <header class="site-header">
                <Link<Route> to={Route::Home} classes="brand">
                    <img src="favicon.svg" alt="" width="28" height="28" />
                    <span>{ "Symmetry Lab" }</span>
                </Link<Route>>
                <nav aria-label="Labs">
                    { for Route::NAV.iter().map(|(r, title)| {
                        let class = if *r == route { "nav-link active" } else { "nav-link" };
                        html! { <Link<Route> to={r.clone()} classes={class}>{ *title }</Link<Route>> }
                    }) }
                </nav>
            </header>
            <main id="main-content" tabindex="-1">{ switch(route) }</main>
            <footer class="site-footer">
                { "Symmetry Lab runs entirely in your browser: nothing you draw or load leaves this page." }
            </footer>
        </>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Image => html! { <ImageLab /> },
        Route::Graph => html! { <GraphLab /> },
        Route::Dna => html! { <DnaLab /> },
        Route::Sequence => html! { <SequenceLab /> },
        Route::Groups => html! { <GroupsExplorer /> },
        Route::Glossary => html! { <Glossary /> },
        Route::Teachers => html! { <super::teachers::Teachers /> },
        Route::Train => html! { <TrainLab /> },
        Route::Tour => html! { <Tour /> },
        Route::Bench => html! { <super::bench::BenchPage /> },
        Route::NotFound => html! {
            <section class="page narrow">
                <h1>{ "Page not found" }</h1>
                <p>{ "This address does not name a lab. " }<Link<Route> to={Route::Home}>{ "Go to the start page" }</Link<Route>></p>
            </section>
        },
    }
}

/// The same view in the full app (the URL without `embed=1` and `view=`).
fn full_app_link() -> String {
    let mut loc = url::current_or_default();
    loc.set("embed", None);
    loc.set("view", None);
    format!("./{}", loc.to_hash())
}
