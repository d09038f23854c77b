//! Property tests of the backward passes (`engine::train::backprop`): for
//! random shapes, weights and inputs, every layer the image presets use,
//! with both paddings where a layer pads, gives the gradients that central
//! finite differences measure (`gradcheck`, f32 with the tolerance
//! documented there). Inputs that meet a max or a ReLU are ladders of
//! distinct values away from 0, so a finite-difference step never crosses
//! a kink; convolutions and dense layers, which have none, get uniform
//! inputs in [-1, 1].

use proptest::prelude::*;
use symmetry_lab::engine::grid_group::GridGroup;
use symmetry_lab::engine::kernels::conv2d::Padding;
use symmetry_lab::engine::layers::activation::Activation;
use symmetry_lab::engine::layers::conv2d::Conv2d;
use symmetry_lab::engine::layers::dense::Dense;
use symmetry_lab::engine::layers::flatten::Flatten;
use symmetry_lab::engine::layers::global_pool::GlobalPool;
use symmetry_lab::engine::layers::group_conv::GroupConv;
use symmetry_lab::engine::layers::lift_conv::LiftConv;
use symmetry_lab::engine::layers::orient_pool::{OrientPool, OrientReduce};
use symmetry_lab::engine::layers::pool::{Pool, PoolMode};
use symmetry_lab::engine::rng::Rng;
use symmetry_lab::engine::space::{Signal, Space, Tensor};
use symmetry_lab::engine::train::backprop::gradcheck::{check_layer, distinct_input, random_tensor};
use symmetry_lab::engine::train::backprop::Backward;

fn padding() -> impl Strategy<Value = Padding> {
    prop_oneof![Just(Padding::Circular), Just(Padding::Zero)]
}

fn group() -> impl Strategy<Value = GridGroup> {
    prop_oneof![Just(GridGroup::C4), Just(GridGroup::D4)]
}

/// Check `layer` at `x` with a random probe; a mismatch fails the case.
fn check(layer: &dyn Backward, x: &Signal, rng: &mut Rng) -> Result<(), TestCaseError> {
    let y = layer.forward(x).map_err(|e| TestCaseError::fail(e.0))?;
    let probe = random_tensor(y.data.shape(), rng);
    check_layer(layer, x, &probe).map_err(|m| TestCaseError::fail(format!("{}: {m}", layer.label())))
}

fn array<D: ndarray::Dimension>(t: Tensor) -> ndarray::Array<f32, D> {
    t.into_dimensionality().expect("the shape has the right rank")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn conv2d(seed in any::<u64>(), c in 1usize..3, o in 1usize..3, h in 2usize..7, w in 2usize..7, k in prop_oneof![Just(1usize), Just(3), Just(5)], pad in padding()) {
        let mut rng = Rng::new(seed);
        let layer = Conv2d::new(array(random_tensor(&[o, c, k, k], &mut rng)), array(random_tensor(&[o], &mut rng)), pad);
        let x = Signal::image(array(random_tensor(&[c, h, w], &mut rng)));
        check(&layer, &x, &mut rng)?;
    }

    #[test]
    fn pointwise_and_flatten(seed in any::<u64>(), c in 1usize..3, h in 1usize..6, w in 1usize..6) {
        let mut rng = Rng::new(seed);
        let x = Signal::image(array(distinct_input(&[c, h, w], &mut rng)));
        check(&Activation::Relu, &x, &mut rng)?;
        check(&Activation::Tanh, &x, &mut rng)?;
        check(&Flatten, &x, &mut rng)?;
    }

    #[test]
    fn local_pooling(seed in any::<u64>(), c in 1usize..3, h in 2usize..9, w in 2usize..9, orientations in prop_oneof![Just(0usize), Just(4)],
                     mode in prop_oneof![Just(PoolMode::Max), Just(PoolMode::Mean), Just(PoolMode::Blur)]) {
        let mut rng = Rng::new(seed);
        let x = if orientations == 0 {
            Signal::image(array(distinct_input(&[c, h, w], &mut rng)))
        } else {
            Signal::new(distinct_input(&[c, orientations, h, w], &mut rng), Space::GroupGrid { group: GridGroup::C4, stride: 1 })
        };
        check(&Pool { mode, size: 2, stride: 2 }, &x, &mut rng)?;
    }

    #[test]
    fn global_and_orientation_pooling(seed in any::<u64>(), c in 1usize..3, h in 1usize..6, w in 1usize..6, g in group(), max in any::<bool>()) {
        let mut rng = Rng::new(seed);
        let img = Signal::image(array(distinct_input(&[c, h, w], &mut rng)));
        check(&GlobalPool { max }, &img, &mut rng)?;
        let maps = Signal::new(distinct_input(&[c, g.order(), h, w], &mut rng), Space::GroupGrid { group: g, stride: 2 });
        check(&GlobalPool { max }, &maps, &mut rng)?;
        let reduce = if max { OrientReduce::Max } else { OrientReduce::Mean };
        check(&OrientPool { reduce }, &maps, &mut rng)?;
    }

    #[test]
    fn dense(seed in any::<u64>(), o in 1usize..11, i in 1usize..20) {
        let mut rng = Rng::new(seed);
        let layer = Dense { weight: array(random_tensor(&[o, i], &mut rng)), bias: array(random_tensor(&[o], &mut rng)) };
        check(&layer, &Signal::new(random_tensor(&[i], &mut rng), Space::Invariant), &mut rng)?;
    }
}

proptest! {
    // Group convolutions have |G| times more filters to difference: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn lifting_conv(seed in any::<u64>(), c in 1usize..3, o in 1usize..3, h in 2usize..6, w in 2usize..6, k in prop_oneof![Just(3usize), Just(5)], g in group(), pad in padding()) {
        let mut rng = Rng::new(seed);
        let layer = LiftConv::new(g, array(random_tensor(&[o, c, k, k], &mut rng)), array(random_tensor(&[o], &mut rng)), pad);
        check(&layer, &Signal::image(array(random_tensor(&[c, h, w], &mut rng))), &mut rng)?;
    }

    #[test]
    fn group_conv(seed in any::<u64>(), c in 1usize..3, h in 2usize..5, w in 2usize..5, k in prop_oneof![Just(1usize), Just(3)], g in group(), pad in padding()) {
        let mut rng = Rng::new(seed);
        let layer = GroupConv::new(g, array(random_tensor(&[1, c, g.order(), k, k], &mut rng)), array(random_tensor(&[1], &mut rng)), pad);
        let x = Signal::new(random_tensor(&[c, g.order(), h, w], &mut rng), Space::GroupGrid { group: g, stride: 1 });
        check(&layer, &x, &mut rng)?;
    }
}
