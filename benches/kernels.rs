//! Native benchmarks of the engine's kernels at the shapes of issue 6:
//! conv2d 3×3, 16 → 16 channels on 128×128 (both kernels: direct and
//! im2col + GEMM, and the lab shapes that decide between them), and a
//! 512×512 matrix product (ndarray's `dot`, and the packed gemm that runs
//! in wasm, here with its portable tile);
//! criterion reports GFLOP/s through `Throughput`.
//! `cargo bench --bench kernels` (or `scripts/bench.sh`). Short runs: the
//! machine is shared, so numbers are noisy; see BENCHMARKS.md.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;
use symmetry_lab::engine::kernels::conv2d::{conv2d_im2col, Padding};
use symmetry_lab::engine::kernels::conv2d_direct::conv2d_direct;
use symmetry_lab::engine::kernels::gemm::{matmul_blocked, KC, MR};
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
    // What `run` is in wasm (natively it is ndarray's `dot`): the packed product with the portable tile.
    group.bench_function(format!("matmul-{MATMUL_N}-packed"), |b| {
        b.iter(|| black_box(matmul_blocked::<MR, KC>(mm.a.view(), mm.b.view())[[0, 0]]))
    });
    group.finish();
}

/// Both conv2d kernels on the benchmark shape and on the labs' shapes
/// (channels in → out, side): the image CNNs' first layer (1 → 8), their
/// second (8 → 8), p4cnn's group conv (8·4 → 8·4) and the benchmark's 16 → 16.
fn conv_kernels(c: &mut Criterion) {
    let mut group = c.benchmark_group("conv2d");
    group.sample_size(15).measurement_time(Duration::from_secs(1)).warm_up_time(Duration::from_millis(300));
    for (ci, co, side) in [(1, 8, 64), (8, 8, 64), (32, 32, 64), (16, 16, 128)] {
        let case = ConvCase::with_shape(ci, co, side);
        group.throughput(Throughput::Elements((2 * ci * co * 9 * side * side) as u64));
        let name = format!("{ci}to{co}-{side}");
        group.bench_function(format!("direct-{name}"), |b| {
            b.iter(|| black_box(conv2d_direct(case.x.view(), case.w.view(), case.b.view(), Padding::Circular)))
        });
        group.bench_function(format!("im2col-{name}"), |b| {
            b.iter(|| black_box(conv2d_im2col(case.x.view(), case.w.view(), case.b.view(), Padding::Circular)))
        });
    }
    group.finish();
}

criterion_group!(benches, kernels, conv_kernels);
criterion_main!(benches);
