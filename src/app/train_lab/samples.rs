//! A few training letters, one per class, each beside its augmented copies
//! (what the augmented head sees and the plain head does not).

use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::engine::space::Signal;
use crate::engine::train::{Trainer, CLASS_NAMES};
use crate::viz::colormap::{ColorMap, Scale};
use ndarray::Array2;
use std::rc::Rc;
use yew::prelude::*;

/// Copies shown per letter at most (the shift group has 15).
const MAX_SHOWN: usize = 5;

/// One row: class name, the letter, its copies (with the element's name).
#[derive(Clone, PartialEq)]
pub struct SampleRow {
    pub class: &'static str,
    pub planes: Vec<(String, Plane)>,
    pub more: usize,
}

fn plane(x: &Signal) -> Plane {
    let s = x.data.shape();
    let (h, w) = (s[s.len() - 2], s[s.len() - 1]);
    let a = Array2::from_shape_vec((h, w), x.data.iter().copied().collect()).unwrap_or_else(|_| Array2::zeros((1, 1)));
    Plane(Rc::new(a))
}

/// The first sample of every class with its copies.
pub fn rows(t: &Trainer) -> Vec<SampleRow> {
    (0..CLASS_NAMES.len().min(t.train.images.len()))
        .map(|i| {
            let x = &t.train.images[i];
            let els = &t.copies[i];
            let mut planes = vec![("x".to_string(), plane(x))];
            for &e in els.iter().take(MAX_SHOWN) {
                if let Ok(y) = t.group[e].act(x) {
                    planes.push((t.group[e].to_string(), plane(&y)));
                }
            }
            SampleRow { class: CLASS_NAMES[t.train.labels[i]], planes, more: els.len().saturating_sub(MAX_SHOWN) }
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct SamplesProps {
    pub rows: Rc<Vec<SampleRow>>,
}

#[component]
pub fn Samples(p: &SamplesProps) -> Html {
    let scale = Scale { map: ColorMap::Ink, lo: 0.0, hi: 1.0 };
    html! {
        <div class="train-samples" data-testid="train-samples">
            { for p.rows.iter().map(|r| html! {
                <div class="sample-row">
                    <span class="sample-class">{ r.class }</span>
                    { for r.planes.iter().enumerate().map(|(k, (name, pl))| html! {
                        <figure class={classes!("sample-cell", (k > 0).then_some("copy"))}>
                            <Heatmap plane={pl.clone()} {scale} label={format!("letter {} {}", r.class, if k == 0 { "as drawn".to_string() } else { format!("moved by {name}") })} />
                            <figcaption>{ name.clone() }</figcaption>
                        </figure>
                    }) }
                    if r.more > 0 { <span class="muted sample-more">{ format!("+{} more", r.more) }</span> }
                    if r.planes.len() == 1 { <span class="muted sample-more">{ "no copies" }</span> }
                </div>
            }) }
        </div>
    }
}
