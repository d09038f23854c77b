//! The typed form of g, the same in every lab: a text field that follows the
//! current g (its written form) until the learner types, and an Apply button
//! that hands the text to the lab, which parses it in its own grammar and
//! says why when it cannot.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GExpressionProps {
    /// The current g as the `g=` grammar writes it.
    pub g: AttrValue,
    /// An example for the field's accessible name, e.g. `shift(3,5);rot90`.
    pub example: &'static str,
    pub on_apply: Callback<String>,
}

#[component]
pub fn GExpression(p: &GExpressionProps) -> Html {
    let text = use_state(|| p.g.to_string());
    {
        let text = text.clone();
        use_effect_with(p.g.clone(), move |g| text.set(g.to_string()));
    }
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let submit = {
        let (apply, text) = (p.on_apply.clone(), text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            apply.emit((*text).clone());
        })
    };
    html! {
        <form class="g-form" onsubmit={submit}>
            <label>{ "Expression " }
                <input type="text" value={(*text).clone()} oninput={on_input} spellcheck="false" data-testid="g-input"
                    aria-label={format!("transformation expression, for example {}", p.example)} />
            </label>
            <button type="submit">{ "Apply" }</button>
        </form>
    }
}
