//! Both pipelines of a lab and their checks, computed in one place: the
//! network on x, on g·x, and on the scrambled s·x (the baseline of the
//! verdict rule, [`crate::engine::scramble`]), and the check of every layer
//! ([`crate::engine::check`]). The labs, the export, the sweeps and the
//! benchmarks all call these functions, so what is measured and exported is
//! what the learner sees.
//!
//! A new g reruns only the g·x pipeline ([`retransform`]): the traces of x
//! and of s·x do not depend on g, and are shared (`Arc`) between the old and
//! the new pipelines.

pub mod strand;
pub mod strand_edit;

use crate::engine::check::{compare, LayerCheck, Traces};
use crate::engine::model::Model;
use crate::engine::scramble::scramble;
use crate::engine::space::Signal;
use crate::engine::transform::Transform;
use std::sync::Arc;

/// The inputs, every layer's output for each of them, and the checks.
#[derive(Clone, Debug)]
pub struct Pipelines {
    pub x: Signal,
    pub gx: Signal,
    /// The scrambled input of the baseline.
    pub sx: Signal,
    pub trace_x: Arc<Vec<Signal>>,
    pub trace_gx: Arc<Vec<Signal>>,
    pub trace_sx: Arc<Vec<Signal>>,
    pub checks: Vec<LayerCheck>,
}

impl Pipelines {
    /// The three traces, as the check reads them.
    pub fn traces(&self) -> Traces<'_> {
        Traces { x: &self.trace_x, gx: &self.trace_gx, sx: &self.trace_sx }
    }

    /// The check of the last layer (the network's output), if any.
    pub fn head(&self) -> Option<&LayerCheck> {
        self.checks.last()
    }
}

fn trace(model: &Model, x: &Signal) -> Result<Arc<Vec<Signal>>, String> {
    model.trace(x).map(Arc::new).map_err(|e| e.0)
}

fn act(g: &Transform, x: &Signal) -> Result<Signal, String> {
    g.act(x).map_err(|e| format!("{g} cannot act on this input: {e}"))
}

/// Run `model` on x, g·x and s·x, and check every layer.
pub fn run(model: &Model, x: &Signal, g: &Transform) -> Result<Pipelines, String> {
    run_with(model, model, x, g)
}

/// [`run`] when g also acts on the weights: the g·x pipeline runs `model_gx`
/// (e.g. a gated RNN whose gate was slowed down by the warp factor, claim
/// S2) and is compared with ρ(g)·Φ_θ(x) of `model_x`. Both models must have
/// the same layers with the same output spaces; labels come from `model_x`.
pub fn run_with(model_x: &Model, model_gx: &Model, x: &Signal, g: &Transform) -> Result<Pipelines, String> {
    same_depth(model_x, model_gx)?;
    let gx = act(g, x)?;
    let sx = scramble(x);
    let trace_x = trace(model_x, x)?;
    let trace_gx = trace(model_gx, &gx)?;
    let trace_sx = trace(model_x, &sx)?;
    let checks = compare(model_x, model_gx, Traces { x: &trace_x, gx: &trace_gx, sx: &trace_sx }, g);
    Ok(Pipelines { x: x.clone(), gx, sx, trace_x, trace_gx, trace_sx, checks })
}

/// The pipelines of `p` for a new `g`: x's and the baseline's traces are
/// kept (shared), g·x's is rerun, every layer checked again.
pub fn retransform(model_x: &Model, model_gx: &Model, p: &Pipelines, g: &Transform) -> Result<Pipelines, String> {
    same_depth(model_x, model_gx)?;
    let gx = act(g, &p.x)?;
    let trace_gx = trace(model_gx, &gx)?;
    let checks = compare(model_x, model_gx, Traces { x: &p.trace_x, gx: &trace_gx, sx: &p.trace_sx }, g);
    Ok(Pipelines {
        x: p.x.clone(),
        gx,
        sx: p.sx.clone(),
        trace_x: p.trace_x.clone(),
        trace_gx,
        trace_sx: p.trace_sx.clone(),
        checks,
    })
}

fn same_depth(model_x: &Model, model_gx: &Model) -> Result<(), String> {
    if model_x.layers.len() != model_gx.layers.len() {
        return Err(format!(
            "the two models differ in depth ({} and {} layers)",
            model_x.layers.len(),
            model_gx.layers.len()
        ));
    }
    Ok(())
}
