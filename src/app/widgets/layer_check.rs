//! The per-layer readout of the design's contract: one element with
//! `data-testid="layer-check"` and the numbers as attributes, and the same
//! verdict in words for every reader (and screen reader).

use crate::engine::check::{LayerCheck, Verdict};
use yew::prelude::*;

/// An error as an attribute value JavaScript's `parseFloat` reads back.
pub fn attr_number(v: f64) -> String {
    if v.is_infinite() {
        "Infinity".into()
    } else {
        format!("{v:e}")
    }
}

/// An error for people: `0`, `3.1e-8`, `0.42`, `∞`.
pub fn human_number(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v.is_infinite() {
        "∞ (shapes differ)".into()
    } else if v < 1e-3 {
        format!("{v:.1e}")
    } else {
        format!("{v:.3}")
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct LayerCheckProps {
    pub index: usize,
    pub kind: AttrValue,
    pub label: AttrValue,
    pub invariance_error: f64,
    pub equivariance_error: Option<f64>,
    pub verdict: Verdict,
    /// Why g has no action on this output, when it has none.
    #[prop_or_default]
    pub no_action: Option<AttrValue>,
}

impl LayerCheckProps {
    pub fn from_check(c: &LayerCheck) -> Self {
        LayerCheckProps {
            index: c.index,
            kind: c.kind.into(),
            label: c.label.clone().into(),
            invariance_error: c.invariance_error,
            equivariance_error: c.equivariance_error,
            verdict: c.verdict,
            no_action: c.moved.no_action().map(|s| s.into()),
        }
    }
}

#[component]
pub fn LayerCheckReadout(p: &LayerCheckProps) -> Html {
    let verdict = p.verdict.as_str();
    let eq_text = match p.equivariance_error {
        Some(e) => format!("equivariance error {}", human_number(e)),
        None => "no equivariance error: g has no action on this output".into(),
    };
    let summary = format!(
        "Layer {} ({}): {verdict}. {eq_text}; invariance error {}.",
        p.index + 1,
        p.kind,
        human_number(p.invariance_error)
    );
    html! {
        <div class={classes!("layer-check", format!("verdict-{verdict}"))}
            data-testid="layer-check"
            data-layer={p.index.to_string()}
            data-kind={p.kind.clone()}
            data-invariance-error={attr_number(p.invariance_error)}
            data-equivariance-error={p.equivariance_error.map(attr_number)}
            data-verdict={verdict}
            aria-label={summary.clone()}>
            <span class="verdict-badge">{ verdict }</span>
            <span class="errors">
                <span title="‖f(g·x) − ρ(g)f(x)‖ / ‖ρ(g)f(x)‖">{ eq_text }</span>
                <span title="‖f(g·x) − f(x)‖ / ‖f(x)‖">{ format!("invariance error {}", human_number(p.invariance_error)) }</span>
            </span>
            if let Some(reason) = &p.no_action {
                <span class="no-action">{ reason.clone() }</span>
            }
        </div>
    }
}
