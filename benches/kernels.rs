//! Native benchmarks of the engine's kernels at the shapes of issue 6:
//! conv2d 3×3, 16 → 16 channels on 128×128 (im2col + GEMM), and a 512×512
//! matrix product; criterion reports GFLOP/s through `Throughput`.
//! `cargo bench --bench kernels` (or `scripts/bench.sh`). Short runs: the
//! machine is shared, so numbers are noisy; see BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;
use symmetry_lab::workloads::{conv_flops, matmul_flops, ConvCase, MatmulCase, MATMUL_N};

fn kernels(c: &mut Criterion) {
    let mut group = c.benchmark_group("kernels");
    group.sample_size(20).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    let conv = ConvCase::new();
    group.throughput(Throughput::Elements(conv_flops() as u64));
    group.bench_function("conv2d-3x3-16ch-128", |b| b.iter(|| black_box(conv.run())));
    let mm = MatmulCase::new(MATMUL_N);
    group.throughput(Throughput::Elements(matmul_flops(MATMUL_N) as u64));
    group.bench_function(format!("matmul-{MATMUL_N}"), |b| b.iter(|| black_box(mm.run())));
    group.finish();
}

criterion_group!(benches, kernels);
criterion_main!(benches);
