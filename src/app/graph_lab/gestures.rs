//! The editor's gestures as state changes: what a tap on a node does in
//! each mode, deleting nodes, loading a new graph, starting the animated
//! force layout. Called by the reducer.

use super::state::{EditMode, GraphLabState, Source};
use crate::engine::graph_input::GraphInput;
use crate::engine::text::thousands;
use crate::engine::transform::{Step, Transform};

/// Frames and iterations per frame of the animated force layout, by size:
/// about 20 ms per iteration on 10,000 nodes, so big graphs get one per frame.
fn layout_plan(n: usize) -> Option<(usize, usize)> {
    match n {
        0..=1 => None,
        2..=200 => Some((60, 4)),
        201..=2000 => Some((40, 2)),
        2001..=20000 => Some((20, 1)),
        _ => None,
    }
}

impl GraphLabState {
    /// Renumber node `i` of x into g·x's numbering (by A's permutation, or
    /// by X's in the mistake, where only X moves).
    fn in_moved(&self, i: usize) -> usize {
        let perm = if self.mistake() { &self.node_move.features } else { &self.node_move.graph };
        perm.get(i).copied().unwrap_or(i)
    }

    pub(super) fn edit(&mut self, f: impl FnOnce(&GraphInput) -> GraphInput) {
        self.push_undo();
        let next = f(&self.input);
        self.set_input(next, Source::Edited);
    }

    pub(super) fn swap_tap(&mut self, i: usize) {
        match self.pending_swap {
            Some(p) if p != i => {
                let (a, b) = (self.in_moved(p), self.in_moved(i));
                let step = Step::Swap { i: a, j: b, features_only: self.mistake() };
                self.set_g(self.g.then(&Transform::single(step)));
                self.pending_swap = None;
            }
            Some(_) => self.pending_swap = None,
            None => self.pending_swap = Some(i),
        }
        self.picked = Some(i);
    }

    pub(super) fn node_tap(&mut self, i: usize) {
        if i >= self.n() {
            return;
        }
        match self.mode {
            EditMode::Edit => match self.picked {
                Some(p) if p == i => self.picked = None,
                Some(p) => {
                    self.edit(|g| g.toggle_edge(p, i));
                    self.picked = Some(i);
                }
                None => self.picked = Some(i),
            },
            EditMode::Delete => self.remove_node(i),
            EditMode::Swap => self.swap_tap(i),
        }
    }

    pub(super) fn remove_node(&mut self, i: usize) {
        if i >= self.n() {
            return;
        }
        self.picked = match self.picked {
            Some(p) if p == i => None,
            Some(p) if p > i => Some(p - 1),
            other => other,
        };
        self.pending_swap = None;
        self.edit(|g| g.remove_node(i));
    }

    pub(super) fn load(&mut self, input: GraphInput, source: Source) {
        self.push_undo();
        self.features = input.default_features();
        self.picked = None;
        self.pending_swap = None;
        self.layout_frames = 0;
        self.set_input(input, source);
    }

    /// The force layout ended: the link takes the new drawing. A preset laid
    /// out anew becomes the learner's graph when it fits a link (so the link
    /// keeps the drawing); a big one stays the preset (its link then shows
    /// the preset's own layout).
    pub(super) fn layout_done(&mut self) {
        if let Source::Preset(_) = self.source {
            match crate::io::graph_link::for_link(&self.input) {
                Ok(code) => {
                    self.source = Source::Edited;
                    self.link = Ok(Some(code));
                }
                Err(_) => return,
            }
        } else {
            self.refresh_link();
        }
        self.revision += 1;
    }

    pub(super) fn start_layout(&mut self) {
        match layout_plan(self.n()) {
            Some((frames, iterations)) => {
                self.push_undo();
                self.layout_frames = frames;
                self.layout_iterations = iterations;
                self.layout_tick += 1;
            }
            None if self.n() < 2 => {}
            None => {
                self.notice = Some(format!(
                    "The force layout is off above 20,000 nodes (this graph has {}): it would take seconds per step.",
                    thousands(self.n())
                ))
            }
        }
    }
}
