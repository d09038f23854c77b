//! The transformation panel, the same in every lab: the steps of g as chips
//! (each removable), the composed element in words, the lab's quick buttons,
//! Apply g⁻¹, Reset g, and the typed expression (`data-testid="g-input"`).
//!
//! A quick button SETS g to its step; with "compose" ticked it appends the
//! step to g instead, so `shift(3,5)` then "+ rot90" is `shift(3,5);rot90`
//! and pressing a button twice does not silently double it.

use super::g_expression::GExpression;
use crate::engine::transform::{Step, Transform};
use crate::io::transform_edit::GEdit;
use yew::prelude::*;

/// A quick button: its label, tooltip and the step it sets (or appends).
#[derive(Clone, PartialEq)]
pub struct QuickStep {
    pub label: AttrValue,
    pub title: AttrValue,
    pub step: Step,
}

impl QuickStep {
    pub fn new(label: impl Into<AttrValue>, title: impl Into<AttrValue>, step: Step) -> Self {
        QuickStep { label: label.into(), title: title.into(), step }
    }
}

#[derive(Properties, PartialEq)]
pub struct TransformPanelProps {
    pub g: Transform,
    /// Every edit of g goes here (the lab's reducer applies it, or says why not).
    pub on_edit: Callback<GEdit>,
    /// The lab's quick buttons.
    #[prop_or_default]
    pub quick: Vec<QuickStep>,
    /// The composed element in words (the lab knows how to say it).
    pub composed: AttrValue,
    /// Offer "Apply g⁻¹" (not where g has no inverse in general).
    #[prop_or(true)]
    pub invertible: bool,
    /// An example for the expression field.
    pub example: &'static str,
    #[prop_or(AttrValue::Static("Transformation g"))]
    pub title: AttrValue,
    /// Lab-specific inputs, shown before the quick buttons (fields that the
    /// quick steps read, sliders, the lab's mistake switch).
    #[prop_or_default]
    pub children: Html,
    /// More lab-specific controls, after the quick buttons.
    #[prop_or_default]
    pub after: Html,
}

#[component]
pub fn TransformPanel(p: &TransformPanelProps) -> Html {
    let compose = use_state(|| false);
    let edit = |e: GEdit| {
        let cb = p.on_edit.clone();
        Callback::from(move |_: MouseEvent| cb.emit(e.clone()))
    };
    let toggle = {
        let compose = compose.clone();
        Callback::from(move |_: Event| compose.set(!*compose))
    };
    let apply_text = p.on_edit.reform(GEdit::Text);
    let verb = if *compose { "append" } else { "set g to" };
    html! {
        <div class="panel transform-panel">
            <h2 class="panel-title">{ p.title.clone() }</h2>
            <div class="g-stack" aria-live="polite">
                <span class="g-label">{ "g = " }</span>
                if p.g.steps.is_empty() { <span class="muted">{ "identity" }</span> }
                { for p.g.steps.iter().enumerate().map(|(i, st)| {
                    let cb = p.on_edit.clone();
                    html! {
                        <span class="chip">
                            <code>{ st.to_string() }</code>
                            <button class="chip-x" aria-label={format!("remove {st}")} onclick={Callback::from(move |_| cb.emit(GEdit::Remove(i)))}>{ "×" }</button>
                        </span>
                    }
                }) }
            </div>
            <p class="composed" data-testid="composed">{ "Composed: " }<strong>{ p.composed.clone() }</strong>
                if p.g.steps.len() > 1 { <span class="muted">{ " (steps apply left to right)" }</span> }</p>
            { p.children.clone() }
            if !p.quick.is_empty() {
                <div class="tools quick-steps" role="group" aria-label={format!("Quick buttons: {verb} the step")}>
                    { for p.quick.iter().map(|q| {
                        let e = if *compose { GEdit::Push(q.step.clone()) } else { GEdit::Set(q.step.clone()) };
                        let label = if *compose { format!("+ {}", q.label) } else { q.label.to_string() };
                        html! { <button onclick={edit(e)} title={q.title.clone()}>{ label }</button> }
                    }) }
                </div>
                <label class="compose-toggle" title="when ticked, a button appends its step to g instead of replacing g">
                    <input type="checkbox" checked={*compose} onchange={toggle} data-testid="compose-toggle" />
                    { " compose: add the button's step to g" }
                </label>
            }
            { p.after.clone() }
            <div class="tools">
                if p.invertible {
                    <button onclick={edit(GEdit::Invert)} title="append g⁻¹: the composed element becomes the identity">{ "Apply g⁻¹" }</button>
                }
                <button onclick={edit(GEdit::Clear)} data-testid="reset-g">{ "Reset g" }</button>
            </div>
            <GExpression g={p.g.to_string()} example={p.example} on_apply={apply_text} />
        </div>
    }
}
