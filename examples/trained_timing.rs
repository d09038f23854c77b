//! Time one recompute of the image lab (both pipelines and the per-layer
//! check, as `examples/gconv_timing.rs`) for each preset with today's
//! random filters and with the trained variant's sizes, so the trained
//! networks' cost can be compared with the presets they replace.
//!
//! `cargo run --release --example trained_timing [-- ARCH C1 C2 K1 K2 ...]`: with
//! arguments, times those candidate sizes (random weights) instead of the
//! committed networks.

use ndarray::Array3;
use std::time::Instant;
use symmetry_lab::engine::grid_group::Mat2;
use symmetry_lab::engine::model::Model;
use symmetry_lab::engine::models::filters::FilterSource;
use symmetry_lab::engine::models::image::trained::{committed, pieces, Piece, Spec};
use symmetry_lab::engine::models::image::{build, ImageArch, ImageModelConfig};
use symmetry_lab::engine::pipelines::run;
use symmetry_lab::engine::rng::Rng;
use symmetry_lab::engine::space::Signal;
use symmetry_lab::engine::train::fit::{init_params, training_settings};
use symmetry_lab::engine::transform::{Step, Transform};

/// (fastest, median) of `reps` runs in ms.
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

fn report(name: &str, model: &Model, x: &Signal, g: &Transform) {
    let (best, median) = time_ms(
        || {
            run(model, x, g).expect("the model runs");
        },
        61,
    );
    println!("{name:40} x and g·x + check {best:6.2} ms (median {median:6.2})");
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut rng = Rng::new(1);
    let x = Signal::image(Array3::from_shape_fn((1, 64, 64), |_| rng.symmetric(1.0)));
    let g = Transform::single(Step::Point(Mat2::ROT90));
    for arch in ImageArch::ALL {
        report(&format!("{} today (random)", arch.name()), &build(&ImageModelConfig::for_arch(arch)), &x, &g);
    }
    if args.is_empty() {
        for net in committed() {
            let cfg = ImageModelConfig { filters: FilterSource::Trained, ..ImageModelConfig::for_arch(net.spec.arch) };
            report(
                &format!("{} trained {:?} k{:?}", net.spec.arch.name(), net.spec.channels, net.spec.kernels),
                &build(&cfg),
                &x,
                &g,
            );
        }
        return;
    }
    for c in args.chunks(5) {
        let (Some(arch), Ok(n)) =
            (ImageArch::parse(&c[0]), c[1..].iter().map(|v| v.parse()).collect::<Result<Vec<usize>, _>>())
        else {
            eprintln!("expected ARCH C1 C2 K1 K2, got {c:?}");
            return;
        };
        let spec = Spec { arch, channels: [n[0], n[1]], kernels: [n[2], n[3]] };
        let params = init_params(&spec, 64, &mut rng);
        let layers = pieces(&spec, &params, 64, &training_settings(&spec, 64))
            .expect("fits")
            .into_iter()
            .map(Piece::layer)
            .collect();
        report(
            &format!("{} candidate {:?} k{:?}", arch.name(), spec.channels, spec.kernels),
            &Model::new(arch.name(), layers),
            &x,
            &g,
        );
    }
}
