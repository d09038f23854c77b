//! Native benchmarks of every lab's default view: both pipelines (x and g·x)
//! and the per-layer checks, as the lab recomputes them after an edit
//! (`symmetry_lab::workloads`). The targets of issue 6 (8 ms median, 12 ms
//! p95) are for the browser; these native numbers show where time goes.
//! `cargo bench --bench labs` (or `scripts/bench.sh`).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use std::time::Duration;
use symmetry_lab::workloads::{lab_case, LAB_CASES};

fn labs(c: &mut Criterion) {
    let mut group = c.benchmark_group("labs");
    group.sample_size(10).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    for name in LAB_CASES {
        let mut case = lab_case(name).expect("every workload builds");
        group.bench_function(name, |b| b.iter(|| black_box(case.run().expect("every workload runs"))));
    }
    group.finish();
}

criterion_group!(benches, labs);
criterion_main!(benches);
