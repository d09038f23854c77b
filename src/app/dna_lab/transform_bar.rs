//! The DNA lab's transformation controls: the shared transformation panel
//! (chips, set or compose, g⁻¹, reset, typed expression) with the strand's
//! quick steps, rc and a cyclic shift by k. Every word of the group
//! {id, RC} ⋉ Z_L reduces to "RC or not, then one shift", which is what the
//! composed element says.

use super::state::{Action, DnaLabState};
use crate::app::widgets::transform_panel::{QuickStep, TransformPanel};
use crate::engine::transform::{Step, Transform};
use crate::io::transform_edit::GEdit;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The shift the k field starts at (and goes back to on Reset g).
const DEFAULT_K: i32 = 3;

#[derive(Properties, PartialEq)]
pub struct TransformBarProps {
    pub g: Transform,
    /// Length of the strand (shifts are taken modulo it).
    pub length: usize,
    pub dispatch: UseReducerDispatcher<DnaLabState>,
}

/// "rc then shift(3)": the composed element in words, shifts modulo `l`.
fn composed_text(g: &Transform, l: usize) -> String {
    let s = g.simplified();
    let l = l.max(1) as i64;
    let steps: Vec<String> = s
        .steps
        .iter()
        .filter_map(|st| match st {
            Step::Roll { k } if (*k as i64).rem_euclid(l) == 0 => None,
            Step::Roll { k } => Some(format!("shift({})", (*k as i64).rem_euclid(l))),
            other => Some(other.to_string()),
        })
        .collect();
    if steps.is_empty() {
        "the identity (nothing moves)".into()
    } else {
        steps.join(" then ")
    }
}

#[component]
pub fn TransformBar(p: &TransformBarProps) -> Html {
    let k = use_state(|| DEFAULT_K);
    let on_edit = {
        let (d, k) = (p.dispatch.clone(), k.clone());
        Callback::from(move |e: GEdit| {
            if e == GEdit::Clear {
                k.set(DEFAULT_K);
            }
            d.dispatch(Action::EditG(e));
        })
    };
    let on_k = {
        let k = k.clone();
        Callback::from(move |e: InputEvent| {
            let v: HtmlInputElement = e.target_unchecked_into();
            if let Ok(n) = v.value().parse::<i32>() {
                k.set(n.clamp(-1_000_000, 1_000_000));
            }
        })
    };
    let quick = vec![
        QuickStep::new(
            "rc",
            "reverse complement: read the other strand, 5′→3′ (positions reversed, A↔T, C↔G)",
            Step::ReverseComplement,
        ),
        QuickStep::new(
            format!("shift({})", *k),
            "cyclic shift: every base moves k positions to the right, wrapping around",
            Step::Roll { k: *k },
        ),
    ];
    let field = html! {
        <div class="tools" role="group" aria-label="The shift's k">
            <label class="num">{ "k " }<input type="number" min="-1000000" max="1000000" value={k.to_string()} oninput={on_k} aria-label="shift amount k" /></label>
        </div>
    };
    let note = html! {
        <p class="muted small">{ "rc reverses the positions and swaps A↔T, C↔G: the same molecule read from the other strand. shift(k) moves the bases k places, wrapping around the end (a circular genome, or a plasmid). rc then shift(k) is shift(−k) then rc." }</p>
    };
    html! {
        <TransformPanel g={p.g.clone()} {on_edit} {quick} composed={composed_text(&p.g, p.length)} example="rc;shift(4)" after={note}>
            { field }
        </TransformPanel>
    }
}
