//! The hidden benchmark page (`#/bench`, not in the navigation): runs the
//! engine's kernels (alternating with TensorFlow.js's wasm backend when
//! `scripts/bench.sh` put it beside the app) and every lab's default view
//! in this browser, and shows medians, 95th percentiles, ratios and the wasm
//! heap in a table whose cells carry `data-*` values for the script.

mod peer;
mod runner;
mod stats;

use runner::{Msg, Row};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Default, PartialEq)]
struct State {
    rows: Vec<Row>,
    status: String,
    done: bool,
}

impl Reducible for State {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::Status(t) => s.status = t,
            Msg::Row(r) => s.rows.push(r),
            Msg::Done => {
                s.done = true;
                s.status = "done".into();
            }
        }
        Rc::new(s)
    }
}

fn ms(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_default()
}

fn attr(v: Option<f64>) -> Option<AttrValue> {
    v.map(|v| AttrValue::from(format!("{v:.4}")))
}

fn row_html(r: &Row) -> Html {
    let (median, p95, max) = (r.stats.map(|s| s.median), r.stats.map(|s| s.p95), r.stats.map(|s| s.max));
    let peer = r.peer.map(|p| p.median);
    let verdict = match r.met {
        Some(true) => "met",
        Some(false) => "missed",
        None => "",
    };
    html! {
        <tr data-testid="bench-row" data-name={r.id.clone()} data-median={attr(median)} data-p95={attr(p95)}
            data-max={attr(max)} data-peer-median={attr(peer)} data-ratio={attr(r.ratio)} data-gflops={attr(r.gflops)}
            data-value={attr(r.value)} data-target={r.target.clone()} data-verdict={verdict} data-note={r.note.clone()}>
            <th scope="row">{ &r.id }</th>
            <td>{ &r.target }</td>
            <td>{ ms(median) }</td>
            <td>{ ms(p95) }</td>
            <td>{ ms(max) }</td>
            <td>{ ms(peer) }</td>
            <td>{ r.ratio.map(|v| format!("{v:.2}×")).unwrap_or_default() }</td>
            <td>{ r.gflops.map(|v| format!("{v:.1}")).or(r.value.map(|v| format!("{v:.1} MB"))).unwrap_or_default() }</td>
            <td>{ verdict }</td>
            <td class="bench-note">{ &r.note }</td>
        </tr>
    }
}

#[component]
pub fn BenchPage() -> Html {
    let state = use_reducer(State::default);
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            yew::platform::spawn_local(runner::run(Callback::from(move |m| dispatch.dispatch(m))));
        });
    }
    html! {
        <section class="page bench">
            <h1>{ "Benchmarks" }</h1>
            <p>{ "Every kernel and every lab's default view, timed in this browser (milliseconds). Targets from issue 6; see BENCHMARKS.md." }</p>
            <p data-testid="bench-status" data-state={if state.done { "done" } else { "running" }} role="status">{ &state.status }</p>
            <table data-testid="bench-table" class="bench-table">
                <thead><tr>
                    <th scope="col">{ "what" }</th><th scope="col">{ "target" }</th><th scope="col">{ "median" }</th>
                    <th scope="col">{ "p95" }</th><th scope="col">{ "max" }</th><th scope="col">{ "tfjs median" }</th>
                    <th scope="col">{ "ratio" }</th><th scope="col">{ "GFLOP/s or MB" }</th><th scope="col">{ "target" }</th>
                    <th scope="col">{ "note" }</th>
                </tr></thead>
                <tbody>{ for state.rows.iter().map(row_html) }</tbody>
            </table>
        </section>
    }
}
