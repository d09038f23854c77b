//! The `compute-ms` readout: the real time of the last recompute of both
//! pipelines and their checks.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComputeTimeProps {
    pub ms: f64,
}

#[component]
pub fn ComputeTime(p: &ComputeTimeProps) -> Html {
    html! {
        <span class="compute-ms" data-testid="compute-ms" data-ms={format!("{:.3}", p.ms)} title="time to run the network on x and on g·x and check every layer">
            { format!("recomputed in {:.1} ms", p.ms) }
        </span>
    }
}
