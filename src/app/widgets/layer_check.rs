//! The per-layer readout of the design's contract: one element with
//! `data-testid="layer-check"` and the numbers as attributes, and the same
//! verdict in words for every reader (and screen reader).
//!
//! The words follow the revised rule: an exact verdict says so (and, for an
//! equivariant layer, that a large invariance error is expected: the output
//! moves with the input); a layer where g has no action says it in neutral
//! grey, not as a failure; a small error is "approximate" only against the
//! baseline, and a layer that barely reacts even to a scramble is called
//! insensitive; a broken layer says whether it broke the symmetry itself
//! (its local error) or received it broken from an earlier layer.

use super::predict::{use_predict, GuessButtons, GuessResult};
use crate::engine::check::{is_insensitive, is_small_but_above_scramble, LayerCheck, Origin, Verdict};
use crate::io::classroom_settings::PredictScope;
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
    /// The layer's change under the fixed scramble of the input.
    #[prop_or_default]
    pub baseline_error: f64,
    /// The layer's own error, where g acts on its input and output.
    #[prop_or_default]
    pub local_error: Option<f64>,
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
            baseline_error: c.baseline_error,
            local_error: c.local_error,
            verdict: c.verdict,
            no_action: c.moved.no_action().map(|s| s.into()),
        }
    }

    /// Where the error arises (see [`Origin`]).
    pub fn origin(&self) -> Origin {
        Origin::of(self.verdict, self.local_error)
    }

    /// The smaller of the two errors.
    pub fn smaller_error(&self) -> f64 {
        self.invariance_error.min(self.equivariance_error.unwrap_or(f64::INFINITY))
    }

    /// Small, but only because the layer barely reacts to where things are.
    pub fn insensitive(&self) -> bool {
        is_insensitive(self.verdict, self.invariance_error, self.equivariance_error, self.baseline_error)
    }

    /// Small, yet more than a scramble of the input changes the layer.
    pub fn above_scramble(&self) -> bool {
        is_small_but_above_scramble(self.verdict, self.invariance_error, self.equivariance_error, self.baseline_error)
    }

    /// The badge: the verdict, except a neutral "no action" where g does not
    /// act on this output and nothing is invariant either.
    pub fn badge(&self) -> (&'static str, &'static str) {
        match (self.verdict, &self.no_action) {
            (Verdict::Neither, Some(_)) => ("no action", "verdict-none"),
            (v, _) => (v.as_str(), ""),
        }
    }

    /// The verdict in one sentence of plain words, with the numbers.
    pub fn sentence(&self) -> String {
        let inv = human_number(self.invariance_error);
        match self.verdict {
            Verdict::Invariant => format!("Invariant: g does not change this output (invariance error {inv})."),
            Verdict::Equivariant => {
                let eq = human_number(self.equivariance_error.unwrap_or(0.0));
                format!(
                    "Equivariant: it moves with the input, f(g·x) = ρ(g) f(x) (equivariance error {eq}; invariance error {inv}: as expected, it is not invariant, it moves)."
                )
            }
            Verdict::Approximate => format!(
                "Approximate: the error {} is small, and small against how much the layer reacts to a scramble of the input ({}).",
                human_number(self.smaller_error()),
                human_number(self.baseline_error)
            ),
            Verdict::Neither if self.insensitive() => format!(
                "Neither. The error {} looks small, but this layer barely reacts to where things are: a scramble of the input changes it by only {}, so the small number says nothing about g.",
                human_number(self.smaller_error()),
                human_number(self.baseline_error)
            ),
            Verdict::Neither if self.above_scramble() => format!(
                "Neither. The error {} is small, but g changes this layer more than a scramble of the input does ({}): a real failure, not a near-success.",
                human_number(self.smaller_error()),
                human_number(self.baseline_error)
            ),
            Verdict::Neither => match &self.no_action {
                Some(_) => format!(
                    "g does not act on this output, so only invariance can be asked: it is not invariant (invariance error {inv})."
                ),
                None => format!(
                    "Neither invariant nor equivariant (equivariance error {}, invariance error {inv}).",
                    human_number(self.equivariance_error.unwrap_or(f64::INFINITY))
                ),
            },
        }
    }

    /// Where a broken symmetry breaks, in words (`None` when exact).
    pub fn origin_words(&self) -> Option<String> {
        match self.origin() {
            Origin::Exact => None,
            Origin::Here => Some(format!(
                "Broken here: even on an exactly moved input this layer is off by {}.",
                human_number(self.local_error.unwrap_or(0.0))
            )),
            Origin::Earlier => Some(format!(
                "Lost earlier: on an exactly moved input this layer keeps the symmetry (local error {}); its input already differed.",
                human_number(self.local_error.unwrap_or(0.0))
            )),
            Origin::Unknown => None,
        }
    }
}

#[component]
pub fn LayerCheckReadout(p: &LayerCheckProps) -> Html {
    let predict = use_predict();
    if let Some(pr) = predict.as_ref().filter(|pr| pr.hiding()) {
        // Predict first: the element keeps its layer and kind, but no verdict
        // and no error until the learner has guessed.
        return html! {
            <div class="layer-check hidden-answer" data-testid="layer-check" data-layer={p.index.to_string()}
                data-kind={p.kind.clone()} data-hidden="predict">
                if pr.scope == Some(PredictScope::Layers) {
                    <GuessButtons layer={p.index} label={format!("Your guess for layer {} ({})", p.index + 1, p.kind)} />
                } else {
                    <span class="muted">{ "Hidden until you have guessed the network's answer (in the strip above)." }</span>
                }
            </div>
        };
    }
    let verdict = p.verdict.as_str();
    let (badge, badge_class) = p.badge();
    let eq_text = match p.equivariance_error {
        Some(e) => format!("equivariance error {}", human_number(e)),
        None => "no equivariance error: g has no action on this output".into(),
    };
    let summary = format!("Layer {} ({}): {}", p.index + 1, p.kind, p.sentence());
    let origin = p.origin();
    html! {
        <div class={classes!("layer-check", format!("verdict-{verdict}"), badge_class)}
            data-testid="layer-check"
            data-layer={p.index.to_string()}
            data-kind={p.kind.clone()}
            data-invariance-error={attr_number(p.invariance_error)}
            data-equivariance-error={p.equivariance_error.map(attr_number)}
            data-baseline-error={attr_number(p.baseline_error)}
            data-local-error={p.local_error.map(attr_number)}
            data-action={p.no_action.as_ref().map(|_| "none")}
            data-verdict={verdict}
            aria-label={summary}>
            <span class="verdict-badge">{ badge }</span>
            if origin == Origin::Here {
                <span class="origin-tag here">{ "broken here" }</span>
            } else if origin == Origin::Earlier {
                <span class="origin-tag earlier">{ "lost earlier" }</span>
            }
            <span class="errors">
                <span title="‖f(g·x) − ρ(g)f(x)‖ / ‖ρ(g)f(x)‖">{ eq_text }</span>
                <span title="‖f(g·x) − f(x)‖ / ‖f(x)‖">{ format!("invariance error {}", human_number(p.invariance_error)) }</span>
                <span title="‖f(s·x) − f(x)‖ / ‖f(x)‖, s a fixed scramble of the input">{ format!("scramble {}", human_number(p.baseline_error)) }</span>
            </span>
            <span class="verdict-words">{ p.sentence() }</span>
            if let Some(words) = p.origin_words() {
                <span class="origin-words">{ words }</span>
            }
            if let Some(reason) = &p.no_action {
                <span class="no-action">{ reason.clone() }</span>
            }
            <GuessResult layer={p.index} verdict={p.verdict} why={AttrValue::from(format!("{} {}", p.sentence(), p.origin_words().unwrap_or_default()))} />
        </div>
    }
}
