//! Built-in graphs (`preset=NAME` in URLs) and the generators behind them.
//! Every preset comes with deterministic positions for drawing, in the unit
//! square.

use super::graph_karate::{karate_clubs, karate_edges, KARATE_NODES};
use super::graph_molecules::{benzene, caffeine};
use crate::engine::graph::Graph;
use crate::engine::graph_input::GraphInput;
use crate::engine::layout::{circle_layout, fit_unit_square, force_layout};
use crate::engine::rng::Rng;
use std::collections::HashSet;

/// A named preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GraphPreset {
    pub name: &'static str,
    pub title: &'static str,
    /// What this input is good for teaching.
    pub note: &'static str,
}

/// All presets, in the order of the picker.
pub const PRESETS: [GraphPreset; 9] = [
    GraphPreset {
        name: "karate",
        title: "Karate club",
        note: "Zachary's 34 club members and their 78 friendships: a real social network",
    },
    GraphPreset {
        name: "caffeine",
        title: "Caffeine",
        note: "14 heavy atoms, atom types as one-hot features: a molecule has no natural atom order",
    },
    GraphPreset {
        name: "benzene",
        title: "Benzene",
        note: "a ring of carbons with their hydrogens: many permutations leave it unchanged",
    },
    GraphPreset { name: "path", title: "Path", note: "8 nodes in a row: ends and middles differ" },
    GraphPreset { name: "star", title: "Star", note: "one hub and 7 leaves: every leaf looks the same" },
    GraphPreset { name: "grid", title: "Grid", note: "a 4 × 4 grid: an image is a graph too" },
    GraphPreset {
        name: "two-triangles",
        title: "Two triangles",
        note: "6 nodes of degree 2, like the hexagon: message passing cannot tell them apart",
    },
    GraphPreset {
        name: "hexagon",
        title: "Hexagon",
        note: "one 6-cycle: to 1-WL and every message-passing GNN it looks like two triangles",
    },
    GraphPreset {
        name: "random-10k",
        title: "Random, 10,000 nodes",
        note: "10,000 nodes and 50,000 random edges: sparse layers stay fast",
    },
];

/// Build preset `name`, or `None` for an unknown name.
pub fn load(name: &str) -> Option<GraphInput> {
    Some(match name {
        "karate" => karate(),
        "caffeine" => caffeine(),
        "benzene" => benzene(),
        "path" => path(8),
        "star" => star(8),
        "grid" => grid(4, 4),
        "two-triangles" => two_triangles(),
        "hexagon" => cycle(6),
        "random-10k" => random_sparse(10_000, 50_000, 1),
        _ => return None,
    })
}

fn unweighted(n: usize, edges: impl IntoIterator<Item = (usize, usize)>) -> Graph {
    Graph::new(n, edges.into_iter().map(|(u, v)| (u, v, 1.0)).collect())
}

fn with_positions(graph: Graph, positions: Vec<[f32; 2]>) -> GraphInput {
    let mut input = GraphInput::new(graph);
    input.positions = Some(positions);
    input
}

/// Zachary's karate club, laid out by the force layout from a circle. The
/// node types are the club each member joined after the split.
pub fn karate() -> GraphInput {
    let graph = unweighted(KARATE_NODES, karate_edges());
    let positions = force_layout(&graph, &circle_layout(KARATE_NODES), 300);
    let mut input = with_positions(graph, positions);
    input.types = Some(karate_clubs());
    input
}

/// `n` nodes in a row.
pub fn path(n: usize) -> GraphInput {
    let graph = unweighted(n, (1..n).map(|i| (i - 1, i)));
    with_positions(graph, fit_unit_square(&(0..n).map(|i| [i as f32, 0.0]).collect::<Vec<_>>()))
}

/// A hub (node 0) and `n - 1` leaves around it.
pub fn star(n: usize) -> GraphInput {
    let graph = unweighted(n, (1..n).map(|i| (0, i)));
    let mut positions = vec![[0.5, 0.5]];
    positions.extend(circle_layout(n.saturating_sub(1)));
    positions.truncate(n);
    with_positions(graph, positions)
}

/// A `w × h` grid, row by row.
pub fn grid(w: usize, h: usize) -> GraphInput {
    let id = |r: usize, c: usize| r * w + c;
    let mut edges = Vec::new();
    for r in 0..h {
        for c in 0..w {
            if c + 1 < w {
                edges.push((id(r, c), id(r, c + 1)));
            }
            if r + 1 < h {
                edges.push((id(r, c), id(r + 1, c)));
            }
        }
    }
    let positions: Vec<[f32; 2]> = (0..w * h).map(|i| [(i % w.max(1)) as f32, (i / w.max(1)) as f32]).collect();
    with_positions(unweighted(w * h, edges), fit_unit_square(&positions))
}

/// A cycle of `n` nodes (the hexagon for `n = 6`).
pub fn cycle(n: usize) -> GraphInput {
    with_positions(unweighted(n, (0..n).map(|i| (i, (i + 1) % n))), circle_layout(n))
}

/// Two separate triangles (0 1 2 and 3 4 5), side by side.
pub fn two_triangles() -> GraphInput {
    let graph = unweighted(6, [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]);
    let tri = circle_layout(3);
    let positions: Vec<[f32; 2]> =
        (0..6).map(|i| [tri[i % 3][0] * 0.4 + if i < 3 { 0.05 } else { 0.55 }, tri[i % 3][1] * 0.4 + 0.3]).collect();
    with_positions(graph, positions)
}

/// `n` nodes and `m` distinct random edges between different nodes (capped
/// at the complete graph), seeded; positions are random too (a force layout
/// of 10,000 nodes is the UI's choice, not the loader's).
pub fn random_sparse(n: usize, m: usize, seed: u64) -> GraphInput {
    let mut rng = Rng::new(seed);
    let m = m.min(n.saturating_mul(n.saturating_sub(1)) / 2);
    let mut seen = HashSet::with_capacity(m);
    let mut edges = Vec::with_capacity(m);
    while edges.len() < m {
        let (u, v) = (rng.below(n), rng.below(n));
        if u != v && seen.insert((u.min(v), u.max(v))) {
            edges.push((u, v));
        }
    }
    let positions = (0..n).map(|_| [rng.unit(), rng.unit()]).collect();
    with_positions(unweighted(n, edges), positions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_loads_with_positions() {
        for p in PRESETS {
            let g = load(p.name).unwrap_or_else(|| panic!("{}", p.name));
            let pos = g.positions.as_ref().unwrap();
            assert_eq!(pos.len(), g.node_count(), "{}", p.name);
            assert!(pos.iter().flatten().all(|v| (0.0..=1.0).contains(v)), "{}", p.name);
            assert!(g.graph.edges().iter().all(|&(u, v, _)| u != v), "{}: no self-loops", p.name);
        }
        assert!(load("nope").is_none());
        assert_eq!(karate(), karate(), "deterministic");
    }

    #[test]
    fn sizes() {
        let count = |name: &str| {
            let g = load(name).unwrap();
            (g.node_count(), g.graph.edges().len())
        };
        assert_eq!(count("karate"), (34, 78));
        assert_eq!(count("path"), (8, 7));
        assert_eq!(count("star"), (8, 7));
        assert_eq!(count("grid"), (16, 24));
        assert_eq!(count("two-triangles"), (6, 6));
        assert_eq!(count("hexagon"), (6, 6));
        let r = random_sparse(1000, 5000, 3);
        assert_eq!((r.node_count(), r.graph.edges().len()), (1000, 5000));
        assert_eq!(random_sparse(4, 100, 1).graph.edges().len(), 6, "capped at the complete graph");
        assert_eq!(random_sparse(0, 10, 1).node_count(), 0);
    }
}
