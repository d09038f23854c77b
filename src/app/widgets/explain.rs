//! An explanation a student can open in place: a small "?" button that
//! reveals a side note (text, an optional MathML formula, a link into the
//! glossary). Works with a keyboard, a mouse and a finger; nothing is
//! hover-only.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExplainProps {
    /// What is explained, for the button's accessible name.
    pub topic: AttrValue,
    /// A glossary entry to link to (its id), if any.
    #[prop_or_default]
    pub term: Option<AttrValue>,
    pub children: Html,
}

#[component]
pub fn Explain(p: &ExplainProps) -> Html {
    let open = use_state(|| false);
    let id = use_memo((), |_| format!("explain-{}", next_id()));
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <span class="explain">
            <button class="explain-button" aria-expanded={open.to_string()} aria-controls={(*id).clone()}
                aria-label={format!("Explain: {}", p.topic)} onclick={toggle}>{ "?" }</button>
            if *open {
                <aside class="explain-note" id={(*id).clone()} role="note">
                    { p.children.clone() }
                    if let Some(term) = &p.term {
                        <a class="glossary-link" href={format!("#/glossary?term={term}")}>{ "In the glossary →" }</a>
                    }
                </aside>
            }
        </span>
    }
}

fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
