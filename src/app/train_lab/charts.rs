//! The run's curves on the shared line chart: training loss and invariance
//! error under g against the epoch, for both heads (the invariance chart on
//! a log axis with the verdict thresholds, exact zeros on its floor), and the
//! test accuracy on x and on g·x as bars.

use crate::app::widgets::bar_chart::{BarChart, Series as Bars};
use crate::app::widgets::line_chart::{ChartData, LineChart};
use crate::engine::train::trainer::{AUGMENTED, PLAIN};
use crate::engine::train::EpochStats;
use crate::viz::line_chart::{verdict_rules, Axis, ChartParams, Series};
use plotters::style::RGBColor;
use std::rc::Rc;
use yew::prelude::*;

/// Okabe–Ito blue (plain head) and vermillion (augmented head).
pub const PLAIN_COLOR: RGBColor = RGBColor(0, 114, 178);
pub const AUG_COLOR: RGBColor = RGBColor(213, 94, 0);
pub const HEAD_NAMES: [&str; 2] = ["plain head", "augmented head"];

fn series(name: &str, color: RGBColor, points: Vec<(f64, f64)>) -> Series {
    // Dots while there are few epochs, so the first points are visible.
    let markers = points.len() <= 12;
    Series { name: name.into(), points, color, dashed: false, width: 2, markers }
}

fn x_axis(history: &[EpochStats]) -> Axis {
    let last = history.last().map_or(1, |s| s.epoch).max(1);
    Axis::linear("epoch").with_range(0.0, last as f64)
}

#[derive(Properties, PartialEq)]
pub struct CurvesProps {
    /// The history, rebuilt (a new Rc) after every tick.
    pub history: Rc<Vec<EpochStats>>,
    pub g: AttrValue,
}

#[component]
pub fn Curves(p: &CurvesProps) -> Html {
    let loss = use_memo(p.history.clone(), |h| -> ChartData {
        let s = [PLAIN, AUGMENTED].map(|k| {
            let pts = h.iter().map(|s| (s.epoch as f64, s.loss[k] as f64)).collect();
            series(HEAD_NAMES[k], if k == PLAIN { PLAIN_COLOR } else { AUG_COLOR }, pts)
        });
        ChartParams { series: s.to_vec(), x: x_axis(h.as_slice()), y: Axis::linear("loss"), ..Default::default() }
            .into()
    });
    let inv = use_memo(p.history.clone(), |h| -> ChartData {
        let s = [PLAIN, AUGMENTED].map(|k| {
            let pts = h.iter().map(|s| (s.epoch as f64, s.invariance[k])).collect();
            series(HEAD_NAMES[k], if k == PLAIN { PLAIN_COLOR } else { AUG_COLOR }, pts)
        });
        ChartParams {
            series: s.to_vec(),
            x: x_axis(h.as_slice()),
            y: Axis::log("error", 1e-7),
            rules: verdict_rules(),
            ..Default::default()
        }
        .into()
    });
    html! {
        <div class="train-curves">
            <div>
                <h3 class="chart-title">{ "Training loss" }</h3>
                <LineChart data={(*loss).clone()} caption="Training loss of both heads against the epoch" width={400} height={230} testid={Some(AttrValue::from("loss-chart"))} />
            </div>
            <div>
                <h3 class="chart-title">{ format!("Invariance error of the head under g = {}", p.g) }</h3>
                <LineChart data={(*inv).clone()} caption={format!("Mean invariance error ‖head(g·x) − head(x)‖ / ‖head(x)‖ over the test set, g = {}, against the epoch", p.g)} width={400} height={230} testid={Some(AttrValue::from("invariance-chart"))} />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AccuracyProps {
    pub last: Option<EpochStats>,
}

#[component]
pub fn Accuracy(p: &AccuracyProps) -> Html {
    let Some(s) = p.last else { return html! {} };
    let labels = vec!["test x".to_string(), "test g·x".to_string()];
    let series = [PLAIN, AUGMENTED]
        .map(|k| Bars {
            name: HEAD_NAMES[k].into(),
            values: vec![s.acc_x[k], s.acc_gx[k]],
            color: if k == PLAIN { PLAIN_COLOR } else { AUG_COLOR },
        })
        .to_vec();
    html! {
        <BarChart {labels} {series} caption="Test accuracy of both heads on the test letters x and on the moved letters g·x" />
    }
}
