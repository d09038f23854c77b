//! A small picture of any signal the explorer's groups act on: an image as a
//! heatmap, a DNA strand as coloured letters, a small graph as nodes on a
//! circle whose letters show which original node sits where.

use crate::app::widgets::heatmap::{Heatmap, Plane};
use crate::engine::nucleotide::decode_argmax;
use crate::engine::space::{Signal, Space};
use crate::viz::colormap::{ColorMap, Scale};
use ndarray::{Ix2, Ix3};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SampleViewProps {
    pub signal: Rc<Signal>,
    pub caption: AttrValue,
}

#[component]
pub fn SampleView(p: &SampleViewProps) -> Html {
    let body = match &p.signal.space {
        Space::Grid { .. } => image(&p.signal, &p.caption),
        Space::Strand { .. } => strand(&p.signal),
        Space::Nodes { .. } => graph(&p.signal),
        _ => html! { <span class="muted">{ "(no picture)" }</span> },
    };
    html! {
        <figure class="sample">
            { body }
            <figcaption>{ p.caption.clone() }</figcaption>
        </figure>
    }
}

fn image(s: &Signal, caption: &str) -> Html {
    let plane = s.data.view().into_dimensionality::<Ix3>().ok().map(|a| a.index_axis(ndarray::Axis(0), 0).to_owned());
    match plane {
        Some(a) => html! {
            <div class="sample-image">
                <Heatmap plane={Plane(Rc::new(a))} scale={Scale { map: ColorMap::Ink, lo: 0.0, hi: 1.0 }} label={caption.to_string()} />
            </div>
        },
        None => html! {},
    }
}

fn strand(s: &Signal) -> Html {
    let text = s.data.view().into_dimensionality::<Ix2>().map(|a| decode_argmax(a)).unwrap_or_default();
    html! {
        <div class="sample-strand" aria-label={format!("DNA strand {text}")}>
            { for text.chars().map(|c| html! { <span class={format!("base base-{}", c.to_ascii_lowercase())}>{ c }</span> }) }
        </div>
    }
}

/// Nodes sit on a circle by index; each shows the letter of the original
/// node whose features it now holds.
fn graph(s: &Signal) -> Html {
    let Space::Nodes { graph } = &s.space else { return html! {} };
    let n = graph.node_count();
    let pos = |i: usize| {
        let a = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
        (50.0 + 34.0 * a.cos(), 50.0 + 34.0 * a.sin())
    };
    let letter = |i: usize| {
        let v = s.data.iter().nth(i * s.data.shape().get(1).copied().unwrap_or(1)).copied().unwrap_or(0.0);
        char::from(b'A' + (v.round().clamp(1.0, 26.0) as u8 - 1))
    };
    let names: String = (0..n).map(letter).collect();
    html! {
        <svg class="sample-graph" viewBox="0 0 100 100" role="img" aria-label={format!("graph; node 0 to {} hold {}", n.saturating_sub(1), names)}>
            { for graph.edges().iter().map(|&(u, v, _)| {
                let ((x1, y1), (x2, y2)) = (pos(u), pos(v));
                html! { <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} class="edge" /> }
            }) }
            { for (0..n).map(|i| {
                let (x, y) = pos(i);
                let c = letter(i);
                html! {
                    <g>
                        <circle cx={x.to_string()} cy={y.to_string()} r="11" class={format!("node node-{}", c.to_ascii_lowercase())} />
                        <text x={x.to_string()} y={(y + 4.0).to_string()} class="node-letter">{ c }</text>
                        <text x={(x + 13.0).to_string()} y={(y - 9.0).to_string()} class="node-index">{ i }</text>
                    </g>
                }
            }) }
        </svg>
    }
}
