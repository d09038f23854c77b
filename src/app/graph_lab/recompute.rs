//! Rerunning only what a change invalidated: a new graph reruns both
//! pipelines (and rebuilds the model), a new g only the g·x pipeline, a drag
//! or a layout frame no network at all. Times the work into `compute_ms`.

use super::state::{join, now_ms, GraphLabState, Source};
use crate::engine::graph_input::{GraphInput, NodeMove};
use crate::engine::models::graph::build;
use crate::engine::pipelines;
use std::rc::Rc;

impl GraphLabState {
    /// A new graph (from an edit, a preset or a file): keep g where it still
    /// acts, keep the features kind where it still exists, rerun everything.
    pub(super) fn set_input(&mut self, input: GraphInput, source: Source) {
        self.input = Rc::new(input);
        self.source = source;
        self.refresh_link();
        let mut notes = Vec::new();
        self.features = self.checked_features(Some(self.features), &mut notes);
        let g = std::mem::take(&mut self.g);
        self.accept_g(g, &mut notes);
        if !notes.is_empty() {
            self.notice = join(notes);
        }
        if self.picked.is_some_and(|p| p >= self.n()) {
            self.picked = None;
        }
        if self.pending_swap.is_some_and(|p| p >= self.n()) {
            self.pending_swap = None;
        }
        self.recompute(true);
    }

    /// Only the positions changed (a drag, a layout frame): move the drawing
    /// of g·x along without rerunning any network.
    pub(super) fn set_positions(&mut self, positions: Vec<[f32; 2]>) {
        let input = Rc::make_mut(&mut self.input);
        input.positions = Some(positions);
        let mut moved = (*self.moved).clone();
        moved.positions = input.positions.as_ref().map(|p| scatter(p, &self.node_move.graph));
        self.moved = Rc::new(moved);
    }

    /// Rerun the pipelines: both when `input_or_model` changed, else only g·x.
    pub(super) fn recompute(&mut self, input_or_model: bool) {
        let t0 = now_ms();
        let n = self.n();
        self.node_move = NodeMove::of(&self.g, n).unwrap_or_else(|_| NodeMove::identity(n));
        self.moved = Rc::new(self.input.permuted(&self.node_move));
        let x = match self.input.signal(self.features) {
            Ok(x) => x,
            Err(e) => {
                self.fail(format!("The node features cannot be built: {e}."));
                self.finish(t0);
                return;
            }
        };
        if input_or_model || self.model.is_none() {
            let width = x.shape().get(1).copied().unwrap_or(1);
            match build(&self.cfg, n, width) {
                Ok(m) => {
                    self.model = Some(m);
                    self.model_error = None;
                }
                Err(e) => {
                    self.model = None;
                    self.fail(format!("The {} model cannot run on this graph: {}.", self.cfg.arch.name(), e.0));
                    self.finish(t0);
                    return;
                }
            }
        }
        let Some(model) = self.model.as_ref() else { return };
        let result = match (&self.pipelines, input_or_model) {
            (Some(p), false) => pipelines::retransform(model, model, p, &self.g),
            _ => pipelines::run(model, &x, &self.g),
        };
        match result {
            Ok(p) => self.pipelines = Some(Rc::new(p)),
            Err(e) => self.fail(e),
        }
        self.finish(t0);
    }

    fn fail(&mut self, message: String) {
        self.model_error = Some(message.clone());
        self.error = Some(message);
        self.pipelines = None;
    }

    fn finish(&mut self, t0: f64) {
        self.compute_ms = now_ms() - t0;
        self.compute_rev += 1;
        self.revision += 1;
    }
}

/// `out[perm[i]] = v[i]`.
fn scatter<T: Clone>(v: &[T], perm: &[usize]) -> Vec<T> {
    let mut out = v.to_vec();
    for (i, &to) in perm.iter().enumerate() {
        if let (Some(slot), Some(x)) = (out.get_mut(to), v.get(i)) {
            *slot = x.clone();
        }
    }
    out
}
