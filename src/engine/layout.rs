//! Node positions for drawing graphs: a circle, fitting given coordinates
//! into the unit square, and a force-directed layout (Fruchterman & Reingold
//! 1991) for the lab's "force layout" button.
//!
//! Positions are `[x, y]` in the unit square, x to the right and y down as on
//! a canvas. Everything here is pure and deterministic: the same graph and
//! start positions give the same drawing on every machine (no random
//! numbers, loops in index order), so a shared link looks the same.

use crate::engine::graph::Graph;
use std::f32::consts::PI;

/// `n` points evenly on a circle, node 0 at the top, going clockwise.
pub fn circle_layout(n: usize) -> Vec<[f32; 2]> {
    if n == 1 {
        return vec![[0.5, 0.5]];
    }
    (0..n)
        .map(|i| {
            let a = 2.0 * PI * i as f32 / n as f32 - PI / 2.0;
            [0.5 + 0.5 * a.cos(), 0.5 + 0.5 * a.sin()]
        })
        .collect()
}

/// Scale and centre points into the unit square, keeping the aspect ratio.
/// Non-finite coordinates are treated as 0; a single point goes to the centre.
pub fn fit_unit_square(points: &[[f32; 2]]) -> Vec<[f32; 2]> {
    let clean = |v: f32| if v.is_finite() { v } else { 0.0 };
    let pts: Vec<[f32; 2]> = points.iter().map(|p| [clean(p[0]), clean(p[1])]).collect();
    let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for p in &pts {
        for a in 0..2 {
            lo[a] = lo[a].min(p[a]);
            hi[a] = hi[a].max(p[a]);
        }
    }
    let span = (hi[0] - lo[0]).max(hi[1] - lo[1]);
    if pts.is_empty() || span <= 0.0 || !span.is_finite() {
        return vec![[0.5, 0.5]; pts.len()];
    }
    let pad = [(span - (hi[0] - lo[0])) / 2.0, (span - (hi[1] - lo[1])) / 2.0];
    pts.iter().map(|p| [(p[0] - lo[0] + pad[0]) / span, (p[1] - lo[1] + pad[1]) / span]).collect()
}

/// Run `iterations` steps of a force-directed layout from `positions` (any
/// coordinates; the circle if their count does not match the graph) and
/// return positions fitted to the unit square.
///
/// Edges pull their ends together (`d² / k`), nodes push each other apart
/// (`k² / d`, only within `2k`, found through a grid of cells, so one step
/// costs about O(N + E) rather than O(N²)), and a weak pull to the centre
/// keeps separate components on screen. The step size cools linearly to 0.
/// Small graphs take microseconds; `random-10k` takes about 20 ms per
/// iteration (native, release), so the UI should run few iterations, or
/// none, on graphs that big.
pub fn force_layout(graph: &Graph, positions: &[[f32; 2]], iterations: usize) -> Vec<[f32; 2]> {
    let n = graph.node_count();
    let mut pos = if positions.len() == n { fit_unit_square(positions) } else { fit_unit_square(&circle_layout(n)) };
    if n < 2 {
        return pos;
    }
    let k = (1.0 / n as f32).sqrt();
    let cells = ((1.0 / (2.0 * k)).ceil() as usize).clamp(1, 1024);
    let mut disp = vec![[0f32; 2]; n];
    for it in 0..iterations {
        let temperature = 0.1 * (1.0 - it as f32 / iterations as f32);
        disp.iter_mut().for_each(|d| *d = [0.0, 0.0]);
        repel(&pos, k, cells, &mut disp);
        for &(u, v, _) in graph.edges() {
            if u == v {
                continue;
            }
            let (dx, dy) = (pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]);
            let d = (dx * dx + dy * dy).sqrt().max(1e-6);
            let f = d / k; // (d² / k) / d
            disp[u][0] -= dx * f;
            disp[u][1] -= dy * f;
            disp[v][0] += dx * f;
            disp[v][1] += dy * f;
        }
        for (p, d) in pos.iter_mut().zip(&mut disp) {
            d[0] += k * (0.5 - p[0]);
            d[1] += k * (0.5 - p[1]);
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if len > 0.0 {
                let step = len.min(temperature) / len;
                p[0] = (p[0] + d[0] * step).clamp(0.0, 1.0);
                p[1] = (p[1] + d[1] * step).clamp(0.0, 1.0);
            }
        }
    }
    fit_unit_square(&pos)
}

/// Most nodes of one cell that a node is pushed by, one by one; a crowded
/// cell is sampled (evenly, deterministically) and the forces scaled up, so a
/// step stays O(N) even when a large graph bunches up in the middle.
const CELL_SAMPLE: usize = 24;

/// Add the repulsive forces to `disp`, looking only at nodes in the 3×3
/// cells around each node (cells of side ≥ 2k in the unit square).
fn repel(pos: &[[f32; 2]], k: f32, cells: usize, disp: &mut [[f32; 2]]) {
    let cell_of = |p: &[f32; 2]| {
        let c = |v: f32| ((v * cells as f32) as usize).min(cells - 1);
        (c(p[0]), c(p[1]))
    };
    // Counting sort of the nodes by cell: `order[start[c]..start[c + 1]]`.
    let mut start = vec![0usize; cells * cells + 1];
    for p in pos {
        let (cx, cy) = cell_of(p);
        start[cy * cells + cx + 1] += 1;
    }
    for c in 0..cells * cells {
        start[c + 1] += start[c];
    }
    let mut fill = start.clone();
    let mut order = vec![0usize; pos.len()];
    for (i, p) in pos.iter().enumerate() {
        let (cx, cy) = cell_of(p);
        order[fill[cy * cells + cx]] = i;
        fill[cy * cells + cx] += 1;
    }
    let (k2, reach2) = (k * k, 4.0 * k * k);
    for (i, p) in pos.iter().enumerate() {
        let (cx, cy) = cell_of(p);
        for ny in cy.saturating_sub(1)..=(cy + 1).min(cells - 1) {
            for nx in cx.saturating_sub(1)..=(cx + 1).min(cells - 1) {
                let members = &order[start[ny * cells + nx]..start[ny * cells + nx + 1]];
                let step = members.len().div_ceil(CELL_SAMPLE).max(1);
                let scale = step as f32;
                for &j in members.iter().step_by(step) {
                    if j == i {
                        continue;
                    }
                    let (mut dx, mut dy) = (p[0] - pos[j][0], p[1] - pos[j][1]);
                    if dx == 0.0 && dy == 0.0 {
                        // Coincident nodes: separate them along a direction
                        // fixed by their indices (deterministic, antisymmetric).
                        let s = if i < j { -1.0 } else { 1.0 };
                        (dx, dy) = (s * 1e-4, s * 1e-4 * ((i + j) % 3) as f32);
                    }
                    let d2 = dx * dx + dy * dy;
                    if d2 < reach2 {
                        let f = scale * k2 / d2; // (k² / d) / d
                        disp[i][0] += dx * f;
                        disp[i][1] += dy * f;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(n: usize) -> Graph {
        Graph::new(n, (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect())
    }

    #[test]
    fn circle_and_fit() {
        let c = circle_layout(4);
        assert!((c[0][0] - 0.5).abs() < 1e-6 && c[0][1].abs() < 1e-6);
        let f = fit_unit_square(&[[2.0, 5.0], [4.0, 5.0], [f32::NAN, 5.0]]);
        assert_eq!(f, vec![[0.5, 0.5], [1.0, 0.5], [0.0, 0.5]]);
        assert_eq!(fit_unit_square(&[[3.0, 3.0]]), vec![[0.5, 0.5]]);
        assert!(fit_unit_square(&[]).is_empty());
    }

    #[test]
    fn force_layout_is_deterministic_and_spreads_nodes() {
        let g = ring(12);
        // Start with every node on the same spot: the layout must still separate them.
        let start = vec![[0.3, 0.3]; 12];
        let a = force_layout(&g, &start, 80);
        assert_eq!(a, force_layout(&g, &start, 80));
        for i in 0..12 {
            for j in 0..i {
                let d = ((a[i][0] - a[j][0]).powi(2) + (a[i][1] - a[j][1]).powi(2)).sqrt();
                assert!(d > 0.02, "nodes {i} and {j} overlap: {a:?}");
            }
        }
        assert!(a.iter().all(|p| (0.0..=1.0).contains(&p[0]) && (0.0..=1.0).contains(&p[1])));
        assert!(force_layout(&Graph::new(0, vec![]), &[], 10).is_empty());
        assert_eq!(force_layout(&Graph::new(1, vec![]), &[], 10), vec![[0.5, 0.5]]);
    }

    #[test]
    fn neighbours_end_up_closer_than_strangers() {
        // Two triangles joined by one long path: edges should be short.
        let g = Graph::new(
            8,
            vec![
                (0, 1, 1.0),
                (1, 2, 1.0),
                (2, 0, 1.0),
                (2, 3, 1.0),
                (3, 4, 1.0),
                (4, 5, 1.0),
                (5, 6, 1.0),
                (6, 7, 1.0),
                (7, 5, 1.0),
            ],
        );
        let p = force_layout(&g, &circle_layout(8), 200);
        let dist = |i: usize, j: usize| ((p[i][0] - p[j][0]).powi(2) + (p[i][1] - p[j][1]).powi(2)).sqrt();
        let edge_mean: f32 = g.edges().iter().map(|&(u, v, _)| dist(u, v)).sum::<f32>() / 9.0;
        assert!(edge_mean < dist(0, 7), "edges {edge_mean} vs far pair {}", dist(0, 7));
    }
}
