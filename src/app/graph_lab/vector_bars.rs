//! A vector (the readout, the dense head, the MLP's output) as bars on a
//! given scale: one bar per entry, up from zero or down below it, filled
//! with the scale's colour, so the strip's f(x), f(g·x) and ρ(g)f(x) bars
//! compare at a glance. SVG, so it grows with its panel.

use crate::viz::colormap::Scale;
use std::rc::Rc;
use yew::prelude::*;

/// Height of the drawing in viewBox units; each bar is 10 wide.
const H: f64 = 60.0;

#[derive(Properties, PartialEq)]
pub struct VectorBarsProps {
    pub values: Rc<Vec<f32>>,
    /// The range of the axis and the bars' colours.
    pub scale: Scale,
    /// Accessible name of the picture.
    pub label: AttrValue,
}

#[component]
pub fn VectorBars(p: &VectorBarsProps) -> Html {
    let n = p.values.len().max(1);
    let (lo, hi) = (p.scale.lo.min(0.0) as f64, p.scale.hi.max(0.0) as f64);
    let span = (hi - lo).max(1e-30);
    let y = |v: f64| 2.0 + (hi - v) / span * (H - 4.0);
    let zero = y(0.0);
    let width = n as f64 * 10.0;
    html! {
        <svg class="vector-bars" viewBox={format!("0 0 {width} {H}")} preserveAspectRatio="none" role="img" aria-label={p.label.clone()}>
            <rect class="bars-bg" x="0" y="0" width={width.to_string()} height={H.to_string()} />
            { for p.values.iter().enumerate().map(|(i, &v)| {
                let top = y(v as f64).min(zero);
                let h = (y(v as f64) - zero).abs().max(0.4);
                html! {
                    <rect class="bar" x={format!("{:.2}", i as f64 * 10.0 + 1.5)} y={format!("{top:.2}")} width="7" height={format!("{h:.2}")}
                        fill={p.scale.css(v)}>
                        <title>{ format!("h{}: {v:.4}", i + 1) }</title>
                    </rect>
                }
            }) }
            <line class="zero" x1="0" x2={width.to_string()} y1={format!("{zero:.2}")} y2={format!("{zero:.2}")} />
        </svg>
    }
}
