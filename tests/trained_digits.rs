//! The committed digit classifiers (`filters=trained`): what they get right,
//! measured on fixed inputs, so nothing here depends on luck. Nothing is
//! trained here; the weights are the committed ones.
//!
//! The bulk of the forward passes (hundreds of held-out digits) run through
//! `conv2d_im2col` (ndarray's optimised matrix product even in a debug
//! build) instead of the lab's direct kernel; `the_fast_path_is_the_lab_model`
//! checks that both give the same scores.

mod drawn_digits;

use drawn_digits::{paint, DRAWINGS};
use ndarray::{Array2, Axis};
use symmetry_lab::engine::check::relative_error;
use symmetry_lab::engine::grid_group::Mat2;
use symmetry_lab::engine::kernels::conv2d::conv2d_im2col;
use symmetry_lab::engine::kernels::group_bank::expand_bias;
use symmetry_lab::engine::models::filters::FilterSource;
use symmetry_lab::engine::models::image::trained::{self, committed_net, pieces, Piece};
use symmetry_lab::engine::models::image::{build, ImageArch, ImageModelConfig};
use symmetry_lab::engine::space::{Signal, Space};
use symmetry_lab::engine::train::digits::{self, Split};
use symmetry_lab::engine::transform::{Step, Transform};
use symmetry_lab::io::image_presets::{render, DIGITS};

/// Held-out test digits per preset (the first ones of the trainer's test split).
const HELD_OUT: usize = 300;

/// The lowest held-out accuracy each preset must keep on [`HELD_OUT`] digits:
/// a few points below what the committed weights measured there (README).
fn threshold(arch: ImageArch) -> f32 {
    // Measured on these 300 digits: cnn-gap 0.990, cnn-flatten 0.990, p4cnn
    // 0.860 (a quarter-turn-invariant network cannot tell a 6 from a 9),
    // p4mcnn 0.853 (nor mirror images apart).
    match arch {
        ImageArch::CnnGap => 0.95,
        ImageArch::CnnFlatten => 0.95,
        ImageArch::P4Cnn => 0.80,
        ImageArch::P4mCnn => 0.80,
    }
}

/// The lab's settings with trained filters at side `size`.
fn config(arch: ImageArch, size: usize) -> ImageModelConfig {
    ImageModelConfig { filters: FilterSource::Trained, input_size: size, ..ImageModelConfig::for_arch(arch) }
}

/// The trained network's layers in the lab's settings.
fn layers(arch: ImageArch, size: usize) -> Vec<Piece> {
    let net = committed_net(arch).expect("the committed file has every preset");
    pieces(&net.spec, &net.params, net.input_size, &config(arch, size)).expect("the weights fit")
}

/// The network's scores, its convolutions computed by im2col.
fn fast_scores(layers: &[Piece], x: &Signal) -> Vec<f32> {
    let mut s = x.clone();
    for p in layers {
        let planes = |s: &Signal| {
            let (h, w) = (s.data.shape()[s.data.ndim() - 2], s.data.shape()[s.data.ndim() - 1]);
            let c = s.data.len() / (h * w);
            s.data.as_standard_layout().into_owned().into_shape_with_order((c, h, w)).unwrap()
        };
        s = match p {
            Piece::Conv(l) => {
                let y = conv2d_im2col(planes(&s).view(), l.weight.view(), l.bias.view(), l.padding);
                Signal::new(y.into_dyn(), s.space.clone())
            }
            Piece::Lift(l) => {
                let g = l.group.order();
                let y = conv2d_im2col(planes(&s).view(), l.bank(), expand_bias(l.bias.view(), g).view(), l.padding);
                let (_, h, w) = y.dim();
                let Space::Grid { stride } = s.space else { panic!("a lifting conv reads an image") };
                let data = y.into_shape_with_order(vec![l.out_channels(), g, h, w]).unwrap();
                Signal::new(data, Space::GroupGrid { group: l.group, stride })
            }
            Piece::GroupConv(l) => {
                let g = l.group.order();
                let y = conv2d_im2col(planes(&s).view(), l.bank(), expand_bias(l.bias.view(), g).view(), l.padding);
                let (_, h, w) = y.dim();
                Signal::new(y.into_shape_with_order(vec![l.out_channels(), g, h, w]).unwrap(), s.space.clone())
            }
            other => other.clone().layer().forward(&s).unwrap(),
        };
    }
    s.data.iter().copied().collect()
}

fn image(a: Array2<f32>) -> Signal {
    Signal::image(a.insert_axis(Axis(0)))
}

fn predicted(scores: &[f32]) -> usize {
    trained::predict(scores).expect("finite scores").0
}

/// Accuracy of `arch` on the first `n` held-out digits at side `size`.
fn held_out_accuracy(arch: ImageArch, n: usize, size: usize) -> f32 {
    let net = layers(arch, size);
    let set = digits::dataset(Split::Test, 0, n, size);
    let right = set.images.iter().zip(&set.labels).filter(|(x, &y)| predicted(&fast_scores(&net, x)) == y).count();
    right as f32 / n as f32
}

fn assert_held_out(arch: ImageArch) {
    let acc = held_out_accuracy(arch, HELD_OUT, 64);
    println!("{}: {acc:.4} on {HELD_OUT} held-out digits", arch.name());
    assert!(acc >= threshold(arch), "{}: {acc} < {}", arch.name(), threshold(arch));
    // The lab's odd side: 100 digits drawn on a 63 × 63 canvas, a few points of slack more.
    let acc63 = held_out_accuracy(arch, 100, 63);
    println!("{}: {acc63:.4} on 100 held-out digits at 63 × 63", arch.name());
    assert!(acc63 >= threshold(arch) - 0.05, "{} at 63: {acc63}", arch.name());
}

#[test]
fn cnn_gap_held_out_accuracy() {
    assert_held_out(ImageArch::CnnGap);
}

#[test]
fn cnn_flatten_held_out_accuracy() {
    assert_held_out(ImageArch::CnnFlatten);
}

#[test]
fn p4cnn_held_out_accuracy() {
    assert_held_out(ImageArch::P4Cnn);
}

#[test]
fn p4mcnn_held_out_accuracy() {
    assert_held_out(ImageArch::P4mCnn);
}

/// For the group CNNs, the pairs of digits a rotation-invariant network is
/// not asked to tell apart: 6 and 9 are a half turn apart.
fn excused(arch: ImageArch, digit: usize) -> bool {
    arch.group().order() > 1 && (digit == 6 || digit == 9)
}

#[test]
fn every_digit_preset_is_recognised() {
    for arch in ImageArch::ALL {
        for size in [64, 63] {
            let net = layers(arch, size);
            for (d, name) in DIGITS.iter().enumerate() {
                let got = predicted(&fast_scores(&net, &image(render(name, size).unwrap())));
                if !excused(arch, d) {
                    assert_eq!(got, d, "{} at {size} reads {name} as {got}", arch.name());
                }
            }
        }
    }
}

/// The price of rotation invariance, asserted: a half turn of the digit 6
/// (which reads 9) gets exactly the 6's scores from p4cnn and p4mcnn, so at
/// least one of the two is misread; the plain CNNs tell them apart.
#[test]
fn group_cnns_cannot_tell_a_six_from_a_turned_six() {
    let six = image(render("digit6", 64).unwrap());
    let turned = Transform::single(Step::Point(Mat2::rot90_pow(2))).act(&six).unwrap();
    for arch in ImageArch::ALL {
        let net = layers(arch, 64);
        let (a, b) = (fast_scores(&net, &six), fast_scores(&net, &turned));
        if arch.group().order() > 1 {
            assert_eq!(predicted(&a), predicted(&b), "{}", arch.name());
        } else {
            assert_eq!((predicted(&a), predicted(&b)), (6, 9), "{} reads the 6 and the turned 6", arch.name());
        }
    }
}

/// How many of the 24 brush drawings that are not a 6 or a 9 a network may
/// misread: none for the plain CNNs; the group CNNs, which are about 85 %
/// accurate on held-out digits, may misread two (measured: p4cnn none,
/// p4mcnn two, a 3 read as 5 and a 7 read as 4).
fn misreads_allowed(arch: ImageArch) -> usize {
    if arch.group().order() > 1 {
        2
    } else {
        0
    }
}

#[test]
fn digits_drawn_with_the_brush_are_recognised() {
    for arch in ImageArch::ALL {
        let net = layers(arch, 64);
        let wrong: Vec<String> = DRAWINGS
            .iter()
            .enumerate()
            .filter(|(_, dr)| !excused(arch, dr.digit))
            .filter_map(|(k, dr)| {
                let got = predicted(&fast_scores(&net, &image(paint(dr, 64))));
                (got != dr.digit).then(|| format!("drawing {k} ({}) read as {got}", dr.digit))
            })
            .collect();
        println!("{}: {} of the drawings misread {wrong:?}", arch.name(), wrong.len());
        assert!(wrong.len() <= misreads_allowed(arch), "{}: {wrong:?}", arch.name());
    }
}

/// The fast path above computes what the lab's model computes, and the
/// trained group CNNs are exactly invariant (relative error below 1e-4,
/// the app's "exact") under quarter turns, and p4mcnn under flips too,
/// whatever they learned; the plain CNN is not.
#[test]
fn the_fast_path_is_the_lab_model_and_group_cnns_are_exactly_invariant() {
    let x = image(paint(&DRAWINGS[9], 64));
    let act = |m: Mat2| Transform::single(Step::Point(m)).act(&x).unwrap();
    for arch in ImageArch::ALL {
        let model = build(&config(arch, 64));
        assert_eq!(model.layers.last().unwrap().params()[1].value.len(), 10, "{}: ten classes", arch.name());
        let fx = model.forward(&x).unwrap().data;
        let fast = ndarray::ArrayD::from_shape_vec(fx.shape().to_vec(), fast_scores(&layers(arch, 64), &x)).unwrap();
        assert!(relative_error(&fast, &fx) < 1e-5, "{}", arch.name());
        let quarter = model.forward(&act(Mat2::ROT90)).unwrap().data;
        let err = relative_error(&quarter, &fx);
        match arch.group().order() {
            1 => assert!(err > 1e-2, "{} changes under a quarter turn: {err}", arch.name()),
            _ => assert!(err < 1e-4, "{} is invariant under a quarter turn: {err}", arch.name()),
        }
        if arch == ImageArch::P4mCnn {
            let flipped = model.forward(&act(Mat2::FLIP_X)).unwrap().data;
            assert!(relative_error(&flipped, &fx) < 1e-4);
        }
    }
}

#[test]
fn the_weights_do_not_depend_on_the_seed_and_label_ten_digits() {
    for arch in ImageArch::ALL {
        let a = build(&ImageModelConfig { seed: 1, ..config(arch, 64) });
        let b = build(&ImageModelConfig { seed: 987_654, ..config(arch, 64) });
        let params = |m: &symmetry_lab::engine::model::Model| -> Vec<_> {
            m.layers.iter().flat_map(|l| l.params()).map(|p| p.value).collect()
        };
        assert_eq!(params(&a), params(&b), "{}", arch.name());
        assert_eq!(trained::class_labels(&config(arch, 64)), (0..10).map(|d| d.to_string()).collect::<Vec<_>>());
        // Untrained heads keep their classes and labels.
        let random = ImageModelConfig::for_arch(arch);
        assert_eq!(trained::class_labels(&random), vec!["class 1", "class 2", "class 3", "class 4"]);
        let scores = build(&random).forward(&image(render("digit3", 64).unwrap())).unwrap();
        assert_eq!(scores.data.len(), 4);
    }
}

/// The int8 weights lose nothing that matters: the trainer measured the
/// f32 and the int8 weights on the same held-out digits, and the committed
/// file records both.
#[test]
fn quantisation_keeps_the_accuracy() {
    for arch in ImageArch::ALL {
        let net = committed_net(arch).unwrap();
        assert!(net.held_out >= 1000, "{}", arch.name());
        assert!(
            net.int8_accuracy >= net.float_accuracy - 0.005,
            "{}: int8 {} vs f32 {}",
            arch.name(),
            net.int8_accuracy,
            net.float_accuracy
        );
    }
    // And the file is small.
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/src/engine/models/image/trained_digits.bin")).unwrap();
    assert!(bytes.len() < 150_000, "{} bytes", bytes.len());
    assert_eq!(trained::decode(&bytes).unwrap(), trained::committed());
}

#[test]
fn the_drawings_are_drawings() {
    // Every test drawing has ink in the canvas and all ten digits are there three times.
    let mut count = [0; 10];
    for dr in &DRAWINGS {
        count[dr.digit] += 1;
        let img = paint(dr, 64);
        assert!(img.iter().filter(|&&v| v > 0.5).count() > 40);
        assert!(img.iter().all(|v| (0.0..=1.0).contains(v)));
    }
    assert_eq!(count, [3; 10]);
}
