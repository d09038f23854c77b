//! A classifier's answer for x and for g·x (`data-testid="prediction"`, with
//! `data-x` and `data-gx`): the predicted class and its probability, and how
//! far the scores moved against their spread. This is how the head of a
//! classifier is judged: did g change the answer?

use crate::engine::models::image::trained;
use crate::engine::models::image::ImageModelConfig;
use crate::engine::prediction::HeadAnswer;
use yew::prelude::*;

/// The names of the `n` classes of the image model `cfg` builds: the digits
/// "0" … "9" for the trained classifiers, "class 1" … for untrained heads.
pub fn class_labels(cfg: &ImageModelConfig, n: usize) -> Vec<String> {
    let labels = trained::class_labels(cfg);
    if labels.len() == n {
        labels
    } else {
        (1..=n).map(|i| format!("class {i}")).collect()
    }
}

#[derive(Properties, PartialEq)]
pub struct PredictionProps {
    pub labels: Vec<String>,
    pub answer: HeadAnswer,
}

fn percent(p: f64) -> String {
    format!("{:.0} %", 100.0 * p)
}

#[component]
pub fn Prediction(p: &PredictionProps) -> Html {
    let a = &p.answer;
    let name = |k: usize| p.labels.get(k).cloned().unwrap_or_else(|| format!("class {}", k + 1));
    let (x, gx) = (name(a.x.class), name(a.gx.class));
    let moved = if a.change_vs_spread.is_finite() {
        format!("the scores moved by {} of their spread", percent(a.change_vs_spread))
    } else {
        "all scores of x are equal".into()
    };
    let summary = if a.flipped() { "g changed the answer" } else { "same answer" };
    html! {
        <p class={classes!("prediction", a.flipped().then_some("flipped"))} data-testid="prediction" data-x={x.clone()} data-gx={gx.clone()}>
            <span class="pred"><span class="muted">{ "The network reads x as " }</span><strong>{ x }</strong>{ format!(" ({})", percent(a.x.probability)) }</span>
            <span class="pred"><span class="muted">{ " and g·x as " }</span><strong>{ gx }</strong>{ format!(" ({})", percent(a.gx.probability)) }</span>
            <span class="muted">{ format!(" — {summary}; {moved}.") }</span>
        </p>
    }
}
