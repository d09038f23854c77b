//! Small molecules as graphs: atoms are nodes with their element as the node
//! type (one-hot features), bonds are edges. Drawn with regular rings, as a
//! chemist would.

use crate::engine::graph::Graph;
use crate::engine::graph_input::GraphInput;
use crate::engine::layout::fit_unit_square;
use std::f32::consts::PI;

/// A point at `radius` and `degrees` from `centre` (y up; flipped for the canvas at the end).
fn polar(centre: [f32; 2], radius: f32, degrees: f32) -> [f32; 2] {
    let a = degrees * PI / 180.0;
    [centre[0] + radius * a.cos(), centre[1] + radius * a.sin()]
}

fn molecule(atoms: &[(&str, &str, [f32; 2])], bonds: &[(usize, usize)]) -> GraphInput {
    let mut input = GraphInput::new(Graph::new(atoms.len(), bonds.iter().map(|&(u, v)| (u, v, 1.0)).collect()));
    input.labels = Some(atoms.iter().map(|a| a.0.to_string()).collect());
    input.types = Some(atoms.iter().map(|a| a.1.to_string()).collect());
    let flipped: Vec<[f32; 2]> = atoms.iter().map(|a| [a.2[0], -a.2[1]]).collect();
    input.positions = Some(fit_unit_square(&flipped));
    input
}

/// Caffeine, C8H10N4O2, heavy atoms only: 14 atoms (8 C, 4 N, 2 O), 15 bonds.
/// A six-membered ring (N1 C2 N3 C4 C5 C6) fused with a five-membered ring
/// (C4 C5 N7 C8 N9), two carbonyl oxygens and three methyl groups.
pub fn caffeine() -> GraphInput {
    let hex = [0.0, 0.0];
    let apothem = 0.5 / (PI / 5.0).tan();
    let pent = [hex[0] + (PI / 6.0).cos() + apothem, 0.0];
    let r5 = 0.5 / (PI / 5.0).sin();
    let atoms = [
        ("N1", "N", polar(hex, 1.0, 150.0)),
        ("C2", "C", polar(hex, 1.0, 210.0)),
        ("N3", "N", polar(hex, 1.0, 270.0)),
        ("C4", "C", polar(hex, 1.0, 330.0)),
        ("C5", "C", polar(hex, 1.0, 30.0)),
        ("C6", "C", polar(hex, 1.0, 90.0)),
        ("N7", "N", polar(pent, r5, 72.0)),
        ("C8", "C", polar(pent, r5, 0.0)),
        ("N9", "N", polar(pent, r5, 288.0)),
        ("O2", "O", polar(hex, 2.0, 210.0)),
        ("O6", "O", polar(hex, 2.0, 90.0)),
        ("CH3", "C", polar(hex, 2.0, 150.0)),
        ("CH3", "C", polar(hex, 2.0, 270.0)),
        ("CH3", "C", polar(pent, r5 + 1.0, 72.0)),
    ];
    let bonds = [
        (0, 1),
        (1, 2),
        (2, 3),
        (3, 4),
        (4, 5),
        (5, 0),
        (4, 6),
        (6, 7),
        (7, 8),
        (8, 3),
        (1, 9),
        (5, 10),
        (0, 11),
        (2, 12),
        (6, 13),
    ];
    molecule(&atoms, &bonds)
}

/// Benzene, C6H6, with its hydrogens: a ring of 6 carbons, each bonded to one
/// hydrogen (12 atoms, 12 bonds). Every carbon looks the same, and so does
/// every hydrogen: a very symmetric graph.
pub fn benzene() -> GraphInput {
    let mut atoms: Vec<(String, &str, [f32; 2])> = Vec::new();
    for k in 0..6 {
        atoms.push((format!("C{}", k + 1), "C", polar([0.0, 0.0], 1.0, 90.0 + 60.0 * k as f32)));
    }
    for k in 0..6 {
        atoms.push((format!("H{}", k + 1), "H", polar([0.0, 0.0], 1.8, 90.0 + 60.0 * k as f32)));
    }
    let bonds: Vec<(usize, usize)> = (0..6).flat_map(|k| [(k, (k + 1) % 6), (k, k + 6)]).collect();
    let atoms: Vec<(&str, &str, [f32; 2])> = atoms.iter().map(|(l, t, p)| (l.as_str(), *t, *p)).collect();
    molecule(&atoms, &bonds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caffeine_formula_and_valences() {
        let c = caffeine();
        assert_eq!((c.node_count(), c.graph.edges().len()), (14, 15));
        let types = c.types.clone().unwrap();
        let count = |t: &str| types.iter().filter(|x| *x == t).count();
        assert_eq!((count("C"), count("N"), count("O")), (8, 4, 2));
        // Heavy-atom degrees: ring N's 3, carbonyl O's 1, methyl C's 1.
        assert_eq!(c.graph.degree(0), 3);
        assert_eq!(c.graph.degree(9), 1);
        assert_eq!(c.graph.degree(13), 1);
        // Bond lengths are all about one unit: the drawing is regular.
        let p = c.positions.unwrap();
        let len = |u: usize, v: usize| ((p[u][0] - p[v][0]).powi(2) + (p[u][1] - p[v][1]).powi(2)).sqrt();
        let lens: Vec<f32> = c.graph.edges().iter().map(|&(u, v, _)| len(u, v)).collect();
        let (lo, hi) = lens.iter().fold((f32::MAX, 0f32), |(lo, hi), &l| (lo.min(l), hi.max(l)));
        assert!(hi / lo < 1.01, "bond lengths from {lo} to {hi}");
    }

    #[test]
    fn benzene_is_a_ring_with_hydrogens() {
        let b = benzene();
        assert_eq!((b.node_count(), b.graph.edges().len()), (12, 12));
        assert!((0..6).all(|i| b.graph.degree(i) == 3) && (6..12).all(|i| b.graph.degree(i) == 1));
    }
}
