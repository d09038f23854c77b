//! Claims I8–I11 of DESIGN.md (group convolutions p4 and p4m), over random
//! inputs and weights, each with its negative: ordinary convolutions, a group
//! convolution with the wrong index convention, flips on p4 maps, odd input
//! sizes after striding, interpolated rotations.

mod common;

use common::*;
use ndarray::{Array1, Array3, Array4, Array5, Axis, Ix4};
use proptest::prelude::*;
use std::sync::Arc;
use symmetry_lab::engine::check::{relative_error, Verdict};
use symmetry_lab::engine::grid_group::{transform_plane, GridGroup, Mat2};
use symmetry_lab::engine::kernels::conv2d::{conv2d, Padding};
use symmetry_lab::engine::layers::activation::Activation;
use symmetry_lab::engine::layers::conv2d::Conv2d;
use symmetry_lab::engine::layers::global_pool::GlobalPool;
use symmetry_lab::engine::layers::group_conv::GroupConv;
use symmetry_lab::engine::layers::lift_conv::LiftConv;
use symmetry_lab::engine::layers::orient_pool::{OrientPool, OrientReduce};
use symmetry_lab::engine::layers::pool::PoolMode;
use symmetry_lab::engine::layers::{Layer, LayerError};
use symmetry_lab::engine::model::Model;
use symmetry_lab::engine::models::image::{build, ImageArch, ImageModelConfig};
use symmetry_lab::engine::rng::Rng;
use symmetry_lab::engine::space::{Signal, Space};
use symmetry_lab::engine::stride_parity::stride_parity;
use symmetry_lab::engine::sweep::{angle_sweep, full_turn, point_elements, shift_elements, sweep};
use symmetry_lab::engine::transform::{Fill, Step, Transform};

fn base_filters(seed: u64, cout: usize, cin: usize) -> Array4<f32> {
    let mut rng = Rng::new(seed);
    Array4::from_shape_vec((cout, cin, 3, 3), rng.weights(cout * cin * 9, cin * 9)).unwrap()
}

fn bias(seed: u64, n: usize) -> Array1<f32> {
    Array1::from(Rng::new(seed ^ 0xb1a5).weights(n, 9))
}

fn lift(group: GridGroup, seed: u64, cin: usize, cout: usize, pad: Padding) -> Arc<dyn Layer> {
    Arc::new(LiftConv::new(group, base_filters(seed, cout, cin), bias(seed, cout), pad))
}

fn group_psi(group: GridGroup, seed: u64, cout: usize, cin: usize) -> Array5<f32> {
    let g = group.order();
    let mut rng = Rng::new(seed);
    Array5::from_shape_vec((cout, cin, g, 3, 3), rng.weights(cout * cin * g * 9, cin * g * 9)).unwrap()
}

fn gconv(group: GridGroup, seed: u64, cin: usize, cout: usize, pad: Padding) -> Arc<dyn Layer> {
    Arc::new(GroupConv::new(group, group_psi(group, seed, cout, cin), bias(seed, cout), pad))
}

fn point(m: Mat2) -> Transform {
    Transform::single(Step::Point(m))
}

fn shift(dx: i32, dy: i32) -> Transform {
    Transform::single(Step::Shift { dx, dy, fill: Fill::Cyclic })
}

fn padding() -> impl Strategy<Value = Padding> {
    prop_oneof![Just(Padding::Circular), Just(Padding::Zero)]
}

/// A group conv with a deliberately wrong index convention: output
/// orientation `r` reads base plane `pick(r, h)` instead of `r⁻¹h`.
#[derive(Debug)]
struct WrongGconv {
    group: GridGroup,
    bank: Array4<f32>,
}

impl WrongGconv {
    fn new(group: GridGroup, psi: &Array5<f32>, pick: impl Fn(usize, usize) -> usize) -> Self {
        let (co, ci, g, k, _) = psi.dim();
        let els = group.elements();
        let mut bank = Array4::zeros((co * g, ci * g, k, k));
        for row in 0..co * g {
            for col in 0..ci * g {
                let (o, r, i, h) = (row / g, row % g, col / g, col % g);
                let plane = psi.index_axis(Axis(0), o).index_axis_move(Axis(0), i).index_axis_move(Axis(0), pick(r, h));
                bank.index_axis_mut(Axis(0), row).index_axis_mut(Axis(0), col).assign(&transform_plane(plane, els[r]));
            }
        }
        WrongGconv { group, bank }
    }
}

impl Layer for WrongGconv {
    fn kind(&self) -> &'static str {
        "wrong_gconv"
    }
    fn label(&self) -> String {
        "group conv with the wrong index convention".into()
    }
    fn forward(&self, x: &Signal) -> Result<Signal, LayerError> {
        let v = x.data.view().into_dimensionality::<Ix4>().unwrap();
        let (c, g, h, w) = v.dim();
        let planes = v.as_standard_layout().into_owned().into_shape_with_order((c * g, h, w)).unwrap();
        let y = conv2d(planes.view(), self.bank.view(), Array1::zeros(self.bank.dim().0).view(), Padding::Circular);
        let data = y.into_shape_with_order(vec![self.bank.dim().0 / g, g, h, w]).unwrap();
        Ok(Signal::new(data, Space::GroupGrid { group: self.group, stride: 1 }))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// I8: the lifting conv is exactly rot90-equivariant, and the action is
    /// "rotate every plane AND shift the 4 orientations cyclically" (checked
    /// here by hand, not through the action code); rotating the planes alone
    /// is wrong, and an ordinary conv with the same base filter is not equivariant.
    #[test]
    fn i8_lifting_conv_is_rot90_equivariant(seed in any::<u64>(), n in 4usize..13, k in 1i32..4, pad in padding()) {
        let x = random_image(2, n, seed);
        let m = Mat2::rot90_pow(k);
        let layer = lift(GridGroup::C4, seed ^ 8, 2, 3, pad);
        let c = checks(vec![layer.clone()], &x, &point(m));
        prop_assert!(c[0].equivariance_error.unwrap() < EXACT);
        prop_assert_eq!(c[0].verdict, Verdict::Equivariant);
        // By hand: out(g·x)[c, r] = rot(out(x)[c, r − k mod 4]).
        let fx = layer.forward(&x).unwrap().data.into_dimensionality::<Ix4>().unwrap();
        let fgx = layer.forward(&point(m).act(&x).unwrap()).unwrap().data.into_dimensionality::<Ix4>().unwrap();
        let expected = Array4::from_shape_fn(fx.dim(), |(ch, r, i, j)| {
            let from = (r as i32 - k).rem_euclid(4) as usize;
            transform_plane(fx.index_axis(Axis(0), ch).index_axis(Axis(0), from), m)[(i, j)]
        });
        prop_assert!(relative_error(&fgx.clone().into_dyn(), &expected.into_dyn()) < EXACT);
        // Rotating the planes without moving the orientations is not the action.
        let planes_only = Array4::from_shape_fn(fx.dim(), |(ch, r, i, j)| {
            transform_plane(fx.index_axis(Axis(0), ch).index_axis(Axis(0), r), m)[(i, j)]
        });
        prop_assert!(relative_error(&fgx.into_dyn(), &planes_only.into_dyn()) > 0.05);
        // The ordinary convolution with the same base filters is not equivariant.
        let plain: Arc<dyn Layer> = Arc::new(Conv2d::new(base_filters(seed ^ 8, 3, 2), bias(seed ^ 8, 3), pad));
        let c = checks(vec![plain], &x, &point(m));
        prop_assert!(c[0].equivariance_error.unwrap() > 0.05);
        prop_assert_eq!(c[0].verdict, Verdict::Neither);
    }

    /// I8: with circular padding the lifting conv also commutes with cyclic
    /// shifts; flips have no action on p4 maps (and the output does change).
    #[test]
    fn i8_shifts_act_and_flips_do_not((seed, n) in seed_and_even_size(), dx in -9i32..9, dy in -9i32..9, flip_y in any::<bool>()) {
        let x = random_image(1, n, seed);
        let layer = lift(GridGroup::C4, seed ^ 18, 1, 2, Padding::Circular);
        let c = checks(vec![layer.clone()], &x, &shift(dx, dy));
        prop_assert!(c[0].equivariance_error.unwrap() < EXACT);
        let flip = if flip_y { Mat2::FLIP_Y } else { Mat2::FLIP_X };
        let c = checks(vec![layer], &x, &point(flip));
        prop_assert!(c[0].equivariance_error.is_none());
        let reason = c[0].moved.no_action().unwrap();
        prop_assert!(reason.contains("not in the group C4"), "{}", reason);
        prop_assert!(c[0].invariance_error > 0.05);
        prop_assert_eq!(c[0].verdict, Verdict::Neither);
    }

    /// I9: the p4 group conv is exactly equivariant to rot90 composed with any
    /// cyclic shift; orientation pooling keeps it (as an ordinary map that
    /// turns), global pooling makes it exactly invariant.
    #[test]
    fn i9_group_conv_orientation_pool_and_global_pool(seed in any::<u64>(), n in 4usize..12, k in 0i32..4, dx in -7i32..7, dy in -7i32..7, mean in any::<bool>()) {
        let x = random_image(1, n, seed);
        let g = point(Mat2::rot90_pow(k)).then(&shift(dx, dy));
        let reduce = if mean { OrientReduce::Mean } else { OrientReduce::Max };
        let layers = vec![
            lift(GridGroup::C4, seed ^ 9, 1, 3, Padding::Circular),
            Arc::new(Activation::Relu),
            gconv(GridGroup::C4, seed ^ 19, 3, 2, Padding::Circular),
            Arc::new(OrientPool { reduce }),
            Arc::new(GlobalPool { max: false }),
        ];
        let c = checks(layers, &x, &g);
        for layer in &c[..4] {
            prop_assert!(layer.equivariance_error.unwrap() < EXACT, "{}: {:?}", layer.kind, layer.equivariance_error);
        }
        prop_assert_eq!(c[3].kind, "orient_pool");
        prop_assert!(c[4].invariance_error < EXACT);
        prop_assert_eq!(c[4].verdict, Verdict::Invariant);
    }

    /// I9 negative: the index convention matters. Reading base plane `r·h`
    /// instead of `r⁻¹h` breaks equivariance on C4; on D4 (not commutative)
    /// even `h·r⁻¹` does.
    #[test]
    fn i9_the_wrong_index_convention_is_caught(seed in any::<u64>(), n in 4usize..10) {
        for group in [GridGroup::C4, GridGroup::D4] {
            let t = group.cayley_table();
            let x = random_image(1, n, seed);
            let psi = group_psi(group, seed ^ 29, 2, 2);
            let right: Arc<dyn Layer> = Arc::new(GroupConv::new(group, psi.clone(), Array1::zeros(2), Padding::Circular));
            let mut wrong: Vec<Arc<dyn Layer>> = vec![Arc::new(WrongGconv::new(group, &psi, |r, h| t[r][h]))];
            if group == GridGroup::D4 {
                wrong.push(Arc::new(WrongGconv::new(group, &psi, |r, h| t[h][group.inverse_index(r)])));
            }
            let g = point(Mat2::ROT90);
            let first = lift(group, seed ^ 39, 1, 2, Padding::Circular);
            let c = checks(vec![first.clone(), right], &x, &g);
            prop_assert!(c[1].equivariance_error.unwrap() < EXACT);
            for w in wrong {
                let g = if group == GridGroup::D4 { point(Mat2::FLIP_X) } else { g.clone() };
                let c = checks(vec![first.clone(), w], &x, &g);
                prop_assert!(c[1].equivariance_error.unwrap() > 0.05, "{:?}", c[1].equivariance_error);
            }
        }
    }

    /// I10: lifting and group convolutions on p4m are exactly equivariant to
    /// all 8 symmetries of the square (with shifts); the pooled head is invariant.
    #[test]
    fn i10_p4m_layers_are_equivariant_to_flips_too(seed in any::<u64>(), n in 4usize..10, e in 0usize..8, dx in -5i32..5, pad in padding()) {
        let x = random_image(1, n, seed);
        let m = GridGroup::D4.elements()[e];
        let g = if pad == Padding::Circular { shift(dx, 0).then(&point(m)) } else { point(m) };
        let layers = vec![
            lift(GridGroup::D4, seed ^ 10, 1, 2, pad),
            Arc::new(Activation::Relu),
            gconv(GridGroup::D4, seed ^ 20, 2, 2, pad),
            Arc::new(OrientPool { reduce: OrientReduce::Max }),
            Arc::new(GlobalPool { max: true }),
        ];
        let c = checks(layers, &x, &g);
        for layer in &c[..4] {
            prop_assert!(layer.equivariance_error.unwrap() < EXACT, "{}: {:?}", layer.kind, layer.equivariance_error);
        }
        prop_assert_eq!(c[0].kind, "lift_p4m");
        prop_assert_eq!(c[2].kind, "gconv_p4m");
        prop_assert_eq!(c[4].verdict, Verdict::Invariant);
    }

    /// I9/I10 on the presets: p4cnn is invariant to rot90 and even shifts,
    /// p4mcnn to all 8 symmetries; p4cnn is not invariant to flips, and
    /// cnn-gap not to rot90.
    #[test]
    fn i9_i10_presets_are_invariant((seed, n) in seed_and_even_size(), e in 0usize..8, d in -4i32..4) {
        let x = random_image(1, n, seed);
        let m = GridGroup::D4.elements()[e];
        let g = point(m).then(&shift(2 * d, -2 * d));
        let model = |arch| build(&ImageModelConfig { input_size: n, seed, ..ImageModelConfig::for_arch(arch) });
        let p4m = run_model(&model(ImageArch::P4mCnn), &x, &g);
        prop_assert!(p4m.iter().all(|c| c.equivariance_error.unwrap() < EXACT));
        prop_assert_eq!(p4m[6].verdict, Verdict::Invariant);
        prop_assert_eq!(p4m[7].verdict, Verdict::Invariant);
        let p4 = run_model(&model(ImageArch::P4Cnn), &x, &g);
        if e < 4 {
            prop_assert!(p4.iter().all(|c| c.equivariance_error.unwrap() < EXACT));
            prop_assert_eq!(p4[7].verdict, Verdict::Invariant);
            if e > 0 {
                let cnn = run_model(&model(ImageArch::CnnGap), &x, &g);
                prop_assert!(last(&cnn).invariance_error > 1e-3, "cnn-gap {}", last(&cnn).invariance_error);
            }
        } else {
            prop_assert!(p4[0].equivariance_error.is_none());
            prop_assert!(p4[7].invariance_error > 1e-3, "p4cnn under a flip: {}", p4[7].invariance_error);
        }
    }

    /// Odd sizes after stride-2 pooling break exact rot90 equivariance; even
    /// sizes keep it (max, average and blurred pooling alike), and
    /// `stride_parity` says which.
    #[test]
    fn odd_sizes_break_rot90_after_striding(seed in any::<u64>(), half in 3usize..9, odd in any::<bool>(), pool in prop_oneof![Just(PoolMode::Max), Just(PoolMode::Mean), Just(PoolMode::Blur)]) {
        let n = 2 * half + odd as usize;
        let x = random_image(1, n, seed);
        let model = build(&ImageModelConfig { input_size: n, seed, pool, ..ImageModelConfig::for_arch(ImageArch::P4Cnn) });
        let c = run_model(&model, &x, &point(Mat2::ROT90));
        let parity = stride_parity(&model, n);
        prop_assert!(c[0].equivariance_error.unwrap() < EXACT, "the lifting conv is exact at any size");
        if odd {
            prop_assert_eq!(parity.first_break, Some(2));
            prop_assert!(c[2].equivariance_error.unwrap() > 1e-3, "pooling at odd size {}", n);
            prop_assert!(c[7].invariance_error > EXACT);
        } else {
            prop_assert!(parity.exact());
            prop_assert!(c.iter().all(|l| l.equivariance_error.unwrap() < EXACT));
        }
    }
}

fn run_model(model: &Model, x: &Signal, g: &Transform) -> Vec<symmetry_lab::engine::check::LayerCheck> {
    symmetry_lab::engine::pipelines::run(model, x, g).unwrap().checks
}

/// Literal values: C4 lifting of `arange(16)` with one filter, circular padding.
#[test]
fn i8_literal_values() {
    // numpy:
    //   x = np.arange(16.).reshape(4,4); psi = np.arange(9.).reshape(3,3) - 4
    //   corr = lambda x, w: sum(w[u,v]*np.roll(x, (1-u, 1-v), (0,1)) for u in range(3) for v in range(3))
    //   out = np.stack([corr(x, np.rot90(psi, r)) for r in range(4)])
    //   out[:, 0, 0] == [-78, 6, 78, -6];  out[:, 1, 2] == [78, -6, -78, 6]
    let x = Signal::image(Array3::from_shape_fn((1, 4, 4), |(_, i, j)| (4 * i + j) as f32));
    let psi = Array4::from_shape_fn((1, 1, 3, 3), |(_, _, i, j)| (3 * i + j) as f32 - 4.0);
    let layer = LiftConv::new(GridGroup::C4, psi, Array1::zeros(1), Padding::Circular);
    let y = layer.forward(&x).unwrap().data;
    let at = |i: usize, j: usize| -> Vec<f32> { (0..4).map(|r| y[[0, r, i, j]]).collect() };
    assert_eq!(at(0, 0), vec![-78.0, 6.0, 78.0, -6.0]);
    assert_eq!(at(1, 2), vec![78.0, -6.0, -78.0, 6.0]);
}

/// A smooth random image: the sum of a few Gaussian blobs.
fn smooth_image(n: usize, seed: u64) -> Signal {
    let mut rng = Rng::new(seed);
    let blobs: Vec<(f32, f32, f32)> =
        (0..5).map(|_| (rng.unit() * n as f32, rng.unit() * n as f32, 1.5 + rng.unit() * 3.0)).collect();
    Signal::image(Array3::from_shape_fn((1, n, n), |(_, i, j)| {
        blobs.iter().map(|&(y, x, r)| (-((i as f32 - y).powi(2) + (j as f32 - x).powi(2)) / (2.0 * r * r)).exp()).sum()
    }))
}

/// I11: rotations by other angles are only approximate. Over random images
/// (half noise, half smooth blobs), for p4cnn and p4mcnn: exact at 90° with
/// or without the mask; every layer's error at 45° is larger; and the disc
/// mask lowers the error at 45° at every layer (summed over the inputs), the
/// invariant head's by more than 10% (no content leaves the frame).
#[test]
fn i11_interpolated_rotations_are_approximate() {
    let n = 16;
    for arch in [ImageArch::P4Cnn, ImageArch::P4mCnn] {
        let model = build(&ImageModelConfig { input_size: n, ..ImageModelConfig::for_arch(arch) });
        let mut sums = [vec![0.0f64; model.layers.len()], vec![0.0f64; model.layers.len()]];
        for seed in 0..16u64 {
            let x = if seed % 2 == 0 { random_image(1, n, seed) } else { smooth_image(n, seed) };
            for (t, mask) in [false, true].into_iter().enumerate() {
                let e = angle_sweep(&model, &x, &[90.0, 45.0], mask).unwrap().errors();
                for (k, row) in e.iter().enumerate() {
                    assert!(row[0] < EXACT, "{arch:?} layer {k} at 90°: {}", row[0]);
                    assert!(row[1] > 1e-3, "{arch:?} layer {k} at 45°: {}", row[1]);
                    sums[t][k] += row[1];
                }
            }
        }
        for (k, (masked, plain)) in sums[1].iter().zip(&sums[0]).enumerate() {
            assert!(masked < plain, "{arch:?} layer {k}: mask {masked} vs none {plain}");
        }
        // Measured here (sums over 16 inputs): p4cnn head 4.5 → 3.8, p4mcnn 4.2 → 3.6.
        assert!(sums[1][6] < 0.9 * sums[0][6], "{arch:?}: mask {} vs none {}", sums[1][6], sums[0][6]);
    }
}

/// The error-versus-angle chart: zero at multiples of 90° for p4cnn, not in
/// between; the plain CNN is not exact at 90° (its gap is not invariant).
#[test]
fn i11_angle_sweep_is_exact_only_at_quarter_turns() {
    let n = 16;
    let x = smooth_image(n, 7);
    let angles = full_turn(8);
    let p4 = build(&ImageModelConfig { input_size: n, ..ImageModelConfig::for_arch(ImageArch::P4Cnn) });
    let s = angle_sweep(&p4, &x, &angles, true).unwrap();
    assert_eq!(s.elements[1], "rot(45)");
    for (j, a) in angles.iter().enumerate() {
        let worst = s.errors().iter().map(|row| row[j]).fold(0.0, f64::max);
        if a % 90.0 == 0.0 {
            assert!(worst < EXACT, "{a}°: {worst}");
        } else {
            assert!(worst > 1e-2, "{a}°: {worst}");
        }
    }
    let cnn = build(&ImageModelConfig { input_size: n, ..ImageModelConfig::for_arch(ImageArch::CnnGap) });
    let s = angle_sweep(&cnn, &x, &[90.0], false).unwrap();
    assert!(s.cells[5][0].invariance > 1e-3);
}

/// Sweep the group: p4mcnn is exact in every cell of the D4 sweep; p4cnn has
/// no action of the flips on its group maps and its head is not
/// flip-invariant; odd shifts have no action after the stride-2 pooling.
#[test]
fn sweep_the_group_and_the_shifts() {
    let n = 12;
    let x = random_image(1, n, 11);
    let p4m = build(&ImageModelConfig { input_size: n, ..ImageModelConfig::for_arch(ImageArch::P4mCnn) });
    let s = sweep(&p4m, &x, &point_elements(GridGroup::D4)).unwrap();
    assert_eq!(s.kinds.len(), 8);
    assert!(s.errors().iter().flatten().all(|&e| e < EXACT));
    let p4 = build(&ImageModelConfig { input_size: n, ..ImageModelConfig::for_arch(ImageArch::P4Cnn) });
    let s = sweep(&p4, &x, &point_elements(GridGroup::D4)).unwrap();
    for j in 4..8 {
        assert!(s.cells[0][j].equivariance.is_none(), "{}", s.elements[j]);
        assert!(s.cells[7][j].invariance > 1e-3);
    }
    let s = sweep(&p4, &x, &shift_elements(-3, 3, false)).unwrap();
    for (j, d) in (-3..=3).enumerate() {
        assert!(s.cells[0][j].equivariance.unwrap() < EXACT);
        assert_eq!(s.cells[2][j].equivariance.is_some(), d % 2 == 0, "shift {d} after pooling");
        assert_eq!(s.cells[7][j].verdict == Verdict::Invariant, d % 2 == 0, "head under shift {d}");
    }
}

/// The filter bank for display: base filter first, then its copies.
#[test]
fn filter_bank_shows_the_copies() {
    let model = build(&ImageModelConfig::for_arch(ImageArch::P4Cnn));
    let lift_bank = model.layers[0].filter_bank().unwrap();
    assert_eq!(lift_bank.filters.len(), 8);
    let f = &lift_bank.filters[0];
    assert_eq!(f.copies.len(), 4);
    let base = f.copies[0].index_axis(Axis(0), 0);
    assert_eq!(f.copies[1].index_axis(Axis(0), 0), transform_plane(base, Mat2::ROT90));
    let g_bank = model.layers[3].filter_bank().unwrap();
    assert_eq!((g_bank.filters.len(), g_bank.planes), (64, 4));
    // Copy r = rot90: plane h is the base plane h − 1, turned.
    let f = &g_bank.filters[5];
    for h in 0..4 {
        let turned = transform_plane(f.copies[0].index_axis(Axis(0), (h + 3) % 4), Mat2::ROT90);
        assert_eq!(f.copies[1].index_axis(Axis(0), h), turned);
    }
    assert!(model.layers[1].filter_bank().is_none());
}

/// I11 with the verdict the design asks for: rotations by other angles are
/// only approximately a symmetry of a group CNN. On a smooth picture (the
/// blob preset, 64 × 64) the trained p4cnn's and p4mcnn's heads are
/// "approximate" under rot(15), rot(30) and rot(45): not exact (the rotation
/// is interpolated) but small against the scramble. The negative: the
/// trained plain CNN's head is "neither" there. Deterministic (committed
/// weights, a preset); measured: p4cnn 0.0066–0.0116 against a baseline of
/// 0.51, p4mcnn 0.0028–0.0090 against 0.32, cnn-gap 0.055–0.18.
#[test]
fn i11_group_cnns_are_approximate_under_interpolated_rotations() {
    use symmetry_lab::engine::models::filters::FilterSource;
    use symmetry_lab::engine::sweep::rotation_check;
    use symmetry_lab::io::image_presets::render;
    let head = |arch: ImageArch, degrees: f32| {
        let cfg = ImageModelConfig { filters: FilterSource::Trained, ..ImageModelConfig::for_arch(arch) };
        let x = Signal::image(render("blob", cfg.input_size).unwrap().insert_axis(Axis(0)));
        rotation_check(&build(&cfg), &x, degrees, false).unwrap().checks.pop().unwrap()
    };
    for degrees in [15.0, 30.0, 45.0] {
        for arch in [ImageArch::P4Cnn, ImageArch::P4mCnn] {
            let h = head(arch, degrees);
            assert_eq!(
                h.verdict,
                Verdict::Approximate,
                "{arch:?} at {degrees}°: {} against {}",
                h.invariance_error,
                h.baseline_error
            );
        }
        let plain = head(ImageArch::CnnGap, degrees);
        assert_eq!(plain.verdict, Verdict::Neither, "cnn-gap at {degrees}°: {}", plain.invariance_error);
    }
}
