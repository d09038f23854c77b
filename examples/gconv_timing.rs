//! Time one recompute of the image lab with a group CNN: the model on `x` and
//! on `g·x` plus the per-layer check (what the lab does on every edit).
//!
//! `cargo run --release --example gconv_timing`

use ndarray::Array3;
use std::time::Instant;
use symmetry_lab::engine::grid_group::Mat2;
use symmetry_lab::engine::models::image::{build, ImageArch, ImageModelConfig};
use symmetry_lab::engine::pipelines::run;
use symmetry_lab::engine::rng::Rng;
use symmetry_lab::engine::space::Signal;
use symmetry_lab::engine::sweep::{angle_sweep, full_turn};
use symmetry_lab::engine::transform::{Step, Transform};

/// (fastest, median) of `reps` runs in ms. The fastest is the cost without
/// interference from other processes on a shared machine.
fn time_ms(mut f: impl FnMut(), reps: usize) -> (f64, f64) {
    f();
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[0], t[reps / 2])
}

fn main() {
    let mut rng = Rng::new(1);
    let rot = Transform::single(Step::Point(Mat2::ROT90));
    for (arch, n, channels) in
        [(ImageArch::CnnGap, 64, 8), (ImageArch::P4Cnn, 64, 8), (ImageArch::P4mCnn, 64, 4), (ImageArch::P4mCnn, 64, 8)]
    {
        let model = build(&ImageModelConfig { input_size: n, channels, ..ImageModelConfig::for_arch(arch) });
        let x = Signal::image(Array3::from_shape_fn((1, n, n), |_| rng.symmetric(1.0)));
        let (check, check_med) = time_ms(
            || {
                run(&model, &x, &rot).unwrap();
            },
            41,
        );
        let (sweep, _) = time_ms(
            || {
                angle_sweep(&model, &x, &full_turn(72), true).unwrap();
            },
            3,
        );
        println!(
            "{:8} {n}x{n}, {channels} ch: x and g·x + check {check:5.2} ms (median {check_med:5.2}); 72-angle sweep {sweep:6.0} ms",
            arch.name()
        );
    }
}
