//! Browser tests (wasm-bindgen-test in headless Chromium) of the components:
//! each renders into a fresh element, flushes yew's scheduler and reads the
//! DOM through the design's `data-testid` contract.
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use symmetry_lab::app::graph_lab::GraphLab;
use symmetry_lab::app::image_lab::ImageLab;
use symmetry_lab::app::widgets::alert::{Alert, AlertProps};
use symmetry_lab::app::widgets::layer_check::{LayerCheckProps, LayerCheckReadout};
use symmetry_lab::engine::check::Verdict;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(wasm_bindgen::JsCast::unchecked_into).collect()
}

#[wasm_bindgen_test]
async fn layer_check_carries_the_contract_attributes() {
    let root = fresh_root();
    let props = LayerCheckProps {
        index: 2,
        kind: "maxpool".into(),
        label: "max pool".into(),
        invariance_error: 0.42,
        equivariance_error: None,
        baseline_error: 1.3,
        local_error: None,
        verdict: Verdict::Neither,
        no_action: Some("no action".into()),
    };
    yew::Renderer::<LayerCheckReadout>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let el = root.query_selector("[data-testid=layer-check]").unwrap().expect("rendered");
    assert_eq!(el.get_attribute("data-layer").as_deref(), Some("2"));
    assert_eq!(el.get_attribute("data-kind").as_deref(), Some("maxpool"));
    assert_eq!(el.get_attribute("data-verdict").as_deref(), Some("neither"));
    assert_eq!(el.get_attribute("data-invariance-error").unwrap().parse::<f64>().unwrap(), 0.42);
    assert!(el.get_attribute("data-equivariance-error").is_none(), "absent when g has no action");
    assert!(el.get_attribute("data-local-error").is_none(), "absent when g has no action");
    assert_eq!(el.get_attribute("data-baseline-error").unwrap().parse::<f64>().unwrap(), 1.3);
    assert_eq!(el.get_attribute("data-action").as_deref(), Some("none"));
    // Neutral words, not a red failure badge, where g has no action.
    let text = el.text_content().unwrap();
    assert!(text.contains("no action") && text.contains("g does not act on this output"), "{text}");
    assert!(el.class_name().split_whitespace().any(|c| c == "verdict-none"));
}

#[wasm_bindgen_test]
async fn alert_is_an_accessible_alert_only_when_there_is_a_message() {
    let root = fresh_root();
    let props = AlertProps { message: Some("bad file".into()), on_dismiss: Callback::noop() };
    yew::Renderer::<Alert>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let el = root.query_selector("[data-testid=error]").unwrap().expect("shown");
    assert_eq!(el.get_attribute("role").as_deref(), Some("alert"));
    assert!(el.text_content().unwrap().contains("bad file"));

    let empty = fresh_root();
    yew::Renderer::<Alert>::with_root_and_props(
        empty.clone(),
        AlertProps { message: None, on_dismiss: Callback::noop() },
    )
    .render();
    yew::scheduler::flush().await;
    assert!(empty.query_selector("[data-testid=error]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn image_lab_checks_every_layer_of_the_default_view() {
    let root = fresh_root();
    yew::Renderer::<ImageLab>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let checks = all(&root, "[data-testid=layer-check]");
    let kinds: Vec<String> = checks.iter().map(|e| e.get_attribute("data-kind").unwrap()).collect();
    assert_eq!(kinds, ["conv2d", "relu", "maxpool", "conv2d", "relu", "gap", "dense"]);
    // Default g = shift(4,6) with circular padding, a multiple of the pooling
    // stride: every layer is exact and the head invariant (the clean case first).
    let verdicts: Vec<String> = checks.iter().map(|e| e.get_attribute("data-verdict").unwrap()).collect();
    assert_eq!(
        verdicts,
        ["equivariant", "equivariant", "equivariant", "equivariant", "equivariant", "invariant", "invariant"]
    );
    assert!(checks.iter().all(|c| c.get_attribute("data-baseline-error").is_some()));
    // The compare strip says the network's verdict.
    let verdict =
        root.query_selector("[data-testid=compare-strip] [data-testid=verdict]").unwrap().expect("strip verdict");
    assert_eq!(verdict.get_attribute("data-verdict").as_deref(), Some("invariant"));
    let ms = root.query_selector("[data-testid=compute-ms]").unwrap().unwrap();
    assert!(ms.get_attribute("data-ms").unwrap().parse::<f64>().unwrap() > 0.0);
    // Every layer draws its four stages (a grid of planes, or why there is none).
    let stages = all(&root, ".stage");
    assert_eq!(stages.len(), 7 * 4);
    assert!(stages.iter().all(|s| s.query_selector("canvas.heatmap, .no-action-box").unwrap().is_some()));
}

#[wasm_bindgen_test]
async fn line_chart_draws_and_lists_its_numbers() {
    use plotters::style::RGBColor;
    use symmetry_lab::app::widgets::line_chart::{LineChart, LineChartProps};
    use symmetry_lab::viz::line_chart::{verdict_rules, Axis, ChartParams, Series};
    let root = fresh_root();
    let series = |name: &str, k: f64| Series {
        name: name.into(),
        points: (0..5).map(|i| (90.0 * i as f64, k * i as f64)).collect(),
        color: RGBColor(0, 114, 178),
        dashed: false,
        width: 2,
        markers: false,
    };
    let data = ChartParams {
        series: vec![series("a", 1.0), series("b", 1e-6)],
        x: Axis::linear("angle").with_range(0.0, 360.0),
        y: Axis::log("error", 1e-8),
        rules: verdict_rules(),
        ..ChartParams::default()
    };
    let props = LineChartProps {
        data: data.into(),
        caption: "test chart".into(),
        cursor: Some(45.0),
        busy: false,
        width: 400,
        height: 200,
        testid: Some("chart".into()),
        class: yew::Classes::new(),
        on_pointer: None,
        max_rows: 200,
        file_name: "chart".into(),
    };
    yew::Renderer::<LineChart>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let canvas = root.query_selector("canvas[data-testid=chart]").unwrap().expect("rendered");
    assert_eq!(canvas.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(all(&root, "tbody tr").len(), 5);
    // Two series, and the two verdict rules named in the legend (not written over the data).
    assert_eq!(all(&root, ".legend-item:not(.rule)").len(), 2);
    assert_eq!(all(&root, ".legend-item.rule").len(), 2);
}

#[wasm_bindgen_test]
async fn matrix_heatmap_colours_cells_and_marks_pending_ones() {
    use symmetry_lab::app::widgets::matrix_heatmap::{MatrixCell, MatrixHeatmap, MatrixHeatmapProps};
    use symmetry_lab::viz::log_scale::LogScale;
    let root = fresh_root();
    let cell = |v: f64, verdict: &'static str| {
        Some(MatrixCell { value: v, text: verdict.into(), title: String::new(), verdict: Some(verdict) })
    };
    let props = MatrixHeatmapProps {
        caption: "sweep".into(),
        corner: "layer".into(),
        rows: vec!["1 conv".into(), "2 gap".into()],
        columns: vec!["e".into(), "r".into()],
        column_titles: vec![],
        cells: vec![vec![cell(0.0, "invariant"), cell(0.3, "neither")], vec![cell(0.0, "invariant"), None]],
        scale: LogScale { floor: 1e-7, top: 1.0 },
        ends: ("exact".into(), "broken".into()),
        testid: Some("m".into()),
        stale: false,
    };
    yew::Renderer::<MatrixHeatmap>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let fig = root.query_selector("[data-testid=m]").unwrap().expect("rendered");
    assert_eq!(fig.get_attribute("data-state").as_deref(), Some("running"), "one cell is still pending");
    assert_eq!(all(&root, "td[data-verdict=neither]").len(), 1);
    assert_eq!(all(&root, "td.pending").len(), 1);
}

#[wasm_bindgen_test]
async fn graph_lab_checks_the_default_view() {
    let root = fresh_root();
    yew::Renderer::<GraphLab>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    let checks = all(&root, "[data-testid=layer-check]");
    let got: Vec<String> = checks
        .iter()
        .map(|e| format!("{}:{}", e.get_attribute("data-kind").unwrap(), e.get_attribute("data-verdict").unwrap()))
        .collect();
    // Default: caffeine, g = perm(7), GCN with a sum readout and a dense head.
    assert_eq!(
        got,
        [
            "gcn:equivariant",
            "relu:equivariant",
            "gcn:equivariant",
            "relu:equivariant",
            "readout_sum:invariant",
            "dense:invariant"
        ]
    );
    let graph = root.query_selector("[data-testid=graph-x]").unwrap().expect("drawn");
    assert_eq!(graph.get_attribute("data-nodes").as_deref(), Some("14"));
    assert_eq!(all(&root, "[data-testid=graph-gx] [data-node]").len(), 14);
    let pa = root.query_selector("[data-testid=matrix-pa]").unwrap().expect("P A Pᵀ drawn");
    assert_eq!(pa.get_attribute("data-rows").as_deref(), Some("14"));
    assert!(root.query_selector("[data-testid=wl-verdict]").unwrap().is_some());
}
