//! The test transformation g of the augmentation lab, in the shared
//! transformation panel: quick buttons for the moves the augmentation groups
//! contain (quarter turns, flips, a shift by a quarter of the letter) and
//! one they do not (a shift by one pixel), the chips, compose, reset and the
//! typed expression. A new g moves the test letters, so the run starts again
//! (the heads' history was measured under the old g); a g that cannot move a
//! letter is refused in words and the run kept.

use super::reducer::Action;
use super::state::TrainState;
use crate::app::widgets::transform_panel::{QuickStep, TransformPanel};
use crate::engine::grid_group::Mat2;
use crate::engine::space::Signal;
use crate::engine::train::TrainConfig;
use crate::engine::transform::{Fill, Step, Transform};
use crate::io::transform_edit::{self, GEdit};
use crate::io::transform_expr::Domain;
use ndarray::Array3;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TransformBarProps {
    pub state: UseReducerHandle<TrainState>,
}

/// The side of the letters.
pub fn letter_size() -> usize {
    TrainConfig::default().size.max(16)
}

/// "rot90 then flipx": the composed element in words.
fn composed_text(g: &Transform) -> String {
    let s = g.simplified();
    if s.is_identity() {
        return "the identity (nothing moves)".into();
    }
    s.steps.iter().map(|st| st.to_string()).collect::<Vec<_>>().join(" then ")
}

#[component]
pub fn TransformBar(p: &TransformBarProps) -> Html {
    let st = &p.state;
    let g = st.settings.g.clone();
    let on_edit = {
        let (d, settings) = (st.dispatcher(), st.settings.clone());
        Callback::from(move |e: GEdit| match transform_edit::apply(&settings.g, e, Domain::Image) {
            Ok(g) => {
                let n = letter_size();
                let letter = Signal::image(Array3::zeros((1, n, n)));
                match g.act(&letter) {
                    Ok(_) => d.dispatch(Action::Apply(
                        crate::io::train_settings::TrainSettings { g, ..settings.clone() },
                        vec![],
                    )),
                    Err(e) => d.dispatch(Action::Refuse(format!(
                        "{g} cannot move a {n}×{n} letter: {}. The run and its g were kept.",
                        e.0
                    ))),
                }
            }
            Err(message) => d.dispatch(Action::Refuse(message)),
        })
    };
    let q = (letter_size() / 4) as i32;
    let point = |m: Mat2| Step::Point(m);
    let quick = vec![
        QuickStep::new("rot90", "quarter turn counterclockwise", point(Mat2::ROT90)),
        QuickStep::new("rot180", "half turn", point(Mat2::rot90_pow(2))),
        QuickStep::new("flip ↔", "mirror left-right (flipx)", point(Mat2::FLIP_X)),
        QuickStep::new("flip ↕", "mirror top-bottom (flipy)", point(Mat2::FLIP_Y)),
        QuickStep::new(
            format!("shift({q},0)"),
            "move the letter a quarter of its width right (one of the shift copies)",
            Step::Shift { dx: q, dy: 0, fill: Fill::Cyclic },
        ),
        QuickStep::new(
            "shift(1,0)",
            "move the letter one pixel right (not one of the shift copies)",
            Step::Shift { dx: 1, dy: 0, fill: Fill::Cyclic },
        ),
    ];
    let note = html! {
        <p class="muted small">{ "g moves the test letters only; the copies come from the augmentation group above. A new g starts the run again: its history was measured under the old g." }</p>
    };
    html! {
        <TransformPanel {g} {on_edit} {quick} composed={composed_text(&st.settings.g)} invertible={false}
            example="rot90;flipx" title="Test transformation g" after={note} />
    }
}
