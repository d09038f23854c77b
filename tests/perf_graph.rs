//! Quick timings of the graph lab on the `random-10k` preset (10,000 nodes,
//! 50,000 edges). Not a benchmark and no assertions on time: run with
//!
//! `cargo test --release --test perf_graph -- --ignored --nocapture`
//!
//! and read the printed numbers.

use std::time::Instant;
use symmetry_lab::engine::graph_input::NodeFeatures;
use symmetry_lab::engine::layout::force_layout;
use symmetry_lab::engine::models::graph::{build, GraphArch, GraphModelConfig};
use symmetry_lab::engine::pipelines::run;
use symmetry_lab::engine::transform::{Step, Transform};
use symmetry_lab::io::graph_presets::random_sparse;

/// Median wall time of `f` over `runs` runs, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[runs / 2]
}

#[test]
#[ignore = "timing, run by hand in release mode"]
fn timings_on_10k_nodes() {
    let t0 = Instant::now();
    let input = random_sparse(10_000, 50_000, 1);
    println!("generate random-10k: {:.1} ms", t0.elapsed().as_secs_f64() * 1e3);
    let x = input.signal(NodeFeatures::Degree).unwrap();
    let g = Transform::single(Step::PermuteSeeded { seed: 7, inverse: false, features_only: false });
    for hidden in [8, 16, 32] {
        for arch in [GraphArch::Gcn, GraphArch::Gin, GraphArch::parse("mpnn-max").unwrap()] {
            let cfg = GraphModelConfig { arch, hidden, ..Default::default() };
            let model = build(&cfg, 10_000, 1).unwrap();
            let fwd = median_ms(21, || {
                model.forward(&x).unwrap();
            });
            let check = median_ms(5, || {
                run(&model, &x, &g).unwrap();
            });
            println!(
                "{:>9}, hidden {hidden:>2}: forward (2 layers + readout) {fwd:6.2} ms; \
                 full check (g·x, both traces, ρ(g) at every layer) {check:6.2} ms",
                arch.name()
            );
        }
    }
    let positions = input.positions_or_circle();
    let layout = median_ms(3, || {
        force_layout(&input.graph, &positions, 50);
    });
    println!("force layout, 50 iterations: {layout:.1} ms");
}
