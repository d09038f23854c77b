//! What the 1-WL panel shows for a pair of presets (claim G6): the presets
//! loaded, and the engine's comparison of them (`engine::wl_pair`), timed.

use super::state::now_ms;
use crate::engine::graph_input::{GraphInput, NodeFeatures};
use crate::engine::models::graph::GraphModelConfig;
use crate::engine::wl_pair::{compare_pair, WlPair};
use crate::io::graph_presets;
use std::ops::Deref;
use std::rc::Rc;

/// Everything the panel draws for one pair.
#[derive(Clone, Debug, PartialEq)]
pub struct WlData {
    pub a: Rc<GraphInput>,
    pub b: Rc<GraphInput>,
    pub pair: WlPair,
    pub ms: f64,
}

impl Deref for WlData {
    type Target = WlPair;
    fn deref(&self) -> &WlPair {
        &self.pair
    }
}

/// Load the two presets, refine them and run the network on both.
pub fn compute(pair: &(String, String), cfg: &GraphModelConfig, wanted: NodeFeatures) -> Option<WlData> {
    let t0 = now_ms();
    let a = graph_presets::load(&pair.0)?;
    let b = graph_presets::load(&pair.1)?;
    let result = compare_pair(&a, &b, cfg, wanted)?;
    Some(WlData { a: Rc::new(a), b: Rc::new(b), pair: result, ms: now_ms() - t0 })
}
