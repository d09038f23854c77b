//! Small finite groups for the groups explorer, built from the same steps
//! and the same action as every lab: cyclic shifts Z_n of a DNA strand, the
//! rotations C4 and the dihedral group D4 of an image, the reverse-complement
//! group {1, RC} of a strand, and the permutation groups S3 and S4 of a small
//! graph.
//!
//! Nothing here is a hand-written multiplication table: the product `g·h`
//! ("first h, then g", so that `g(h x) = (g h) x`) is the word `h; g`, and it
//! is identified with an element by acting on a probe signal on which the
//! group acts faithfully (claim C1). Inverses, commutativity, subgroups and
//! orbits follow.

use crate::engine::check::relative_error;
use crate::engine::graph::Graph;
use crate::engine::grid_group::GridGroup;
use crate::engine::nucleotide;
use crate::engine::rng::Rng;
use crate::engine::space::{Signal, Space};
use crate::engine::transform::{Step, Transform};
use ndarray::{Array2, Array3};
use std::sync::Arc;

/// Which group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupKind {
    /// Cyclic shifts of a strand of `n` positions.
    Cyclic(usize),
    C4,
    D4,
    ReverseComplement,
    /// All permutations of `n` nodes (3 or 4).
    Symmetric(usize),
}

impl GroupKind {
    /// The choices of the explorer.
    pub const MENU: [GroupKind; 7] = [
        GroupKind::Cyclic(6),
        GroupKind::C4,
        GroupKind::D4,
        GroupKind::ReverseComplement,
        GroupKind::Symmetric(3),
        GroupKind::Symmetric(4),
        GroupKind::Cyclic(8),
    ];

    /// Stable name for URLs: `z6`, `c4`, `d4`, `rc`, `s3`, `s4`.
    pub fn name(self) -> String {
        match self {
            GroupKind::Cyclic(n) => format!("z{n}"),
            GroupKind::C4 => "c4".into(),
            GroupKind::D4 => "d4".into(),
            GroupKind::ReverseComplement => "rc".into(),
            GroupKind::Symmetric(n) => format!("s{n}"),
        }
    }

    pub fn parse(s: &str) -> Option<GroupKind> {
        let num = |t: &str| t.parse::<usize>().ok();
        match s {
            "c4" => Some(GroupKind::C4),
            "d4" => Some(GroupKind::D4),
            "rc" => Some(GroupKind::ReverseComplement),
            _ => match s.split_at_checked(1)? {
                ("z", n) => num(n).filter(|n| (2..=12).contains(n)).map(GroupKind::Cyclic),
                ("s", n) => num(n).filter(|n| (3..=4).contains(n)).map(GroupKind::Symmetric),
                _ => None,
            },
        }
    }

    /// The name learners read.
    pub fn title(self) -> String {
        match self {
            GroupKind::Cyclic(n) => format!("Z{n}: cyclic shifts of {n} positions"),
            GroupKind::C4 => "C4: rotations by quarter turns".into(),
            GroupKind::D4 => "D4: rotations and reflections of the square".into(),
            GroupKind::ReverseComplement => "{1, RC}: the reverse complement".into(),
            GroupKind::Symmetric(n) => format!("S{n}: all renumberings of {n} nodes"),
        }
    }
}

/// One element: its name and the transformation it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub name: String,
    /// The textbook symbol, for the Cayley table: `e`, `r`, `r²`, `f`, `rf`,
    /// `(0 1)`, `3`, `RC`.
    pub short: String,
    pub transform: Transform,
}

/// A finite group acting on the signals of one lab.
#[derive(Clone, Debug, PartialEq)]
pub struct FiniteGroup {
    pub kind: GroupKind,
    /// Identity first.
    pub elements: Vec<Element>,
    /// A signal the group acts on faithfully (no two elements agree on it).
    probe: Signal,
    /// `table[g][h]` = index of `g·h` (first h, then g).
    table: Vec<Vec<usize>>,
}

/// Two signals are "the same picture" up to rounding.
fn same(a: &Signal, b: &Signal) -> bool {
    relative_error(&a.data, &b.data) < 1e-6
}

impl FiniteGroup {
    pub fn new(kind: GroupKind) -> FiniteGroup {
        let (elements, probe) = match kind {
            GroupKind::Cyclic(n) => {
                let els = (0..n).map(|k| element(&format!("shift({k})"), vec![Step::Roll { k: k as i32 }])).collect();
                (els, strand_probe(n))
            }
            GroupKind::C4 | GroupKind::D4 => {
                let group = if kind == GroupKind::C4 { GridGroup::C4 } else { GridGroup::D4 };
                let els = group
                    .elements()
                    .into_iter()
                    .map(|m| {
                        let steps = if m.name() == "identity" { vec![] } else { vec![Step::Point(m)] };
                        element(m.name(), steps)
                    })
                    .collect();
                (els, image_probe())
            }
            GroupKind::ReverseComplement => {
                (vec![element("identity", vec![]), element("rc", vec![Step::ReverseComplement])], strand_probe(6))
            }
            GroupKind::Symmetric(n) => {
                let els = permutations(n)
                    .into_iter()
                    .map(|p| {
                        let name = cycle_notation(&p);
                        let steps = if name == "identity" {
                            vec![]
                        } else {
                            vec![Step::Permute { perm: p, features_only: false }]
                        };
                        element(&name, steps)
                    })
                    .collect();
                (els, graph_probe(n))
            }
        };
        let mut g = FiniteGroup { kind, elements, probe, table: Vec::new() };
        g.table = (0..g.order())
            .map(|a| {
                (0..g.order())
                    .map(|b| {
                        g.index_of(&g.product_word(a, b)).expect("a group is closed under composition (tested: C1)")
                    })
                    .collect()
            })
            .collect();
        g
    }

    pub fn order(&self) -> usize {
        self.elements.len()
    }

    pub fn probe(&self) -> &Signal {
        &self.probe
    }

    /// The word of `g·h`: first `h`, then `g`.
    pub fn product_word(&self, g: usize, h: usize) -> Transform {
        self.elements[h].transform.then(&self.elements[g].transform)
    }

    /// The element whose action on the probe equals `t`'s, if any.
    pub fn index_of(&self, t: &Transform) -> Option<usize> {
        let target = t.act(&self.probe).ok()?;
        self.elements.iter().position(|e| e.transform.act(&self.probe).map(|y| same(&y, &target)).unwrap_or(false))
    }

    /// The Cayley table: `cayley()[g][h]` is the index of `g·h`.
    pub fn cayley(&self) -> &[Vec<usize>] {
        &self.table
    }

    /// Index of the inverse of `g`.
    pub fn inverse(&self, g: usize) -> usize {
        (0..self.order()).find(|&h| self.table[g][h] == 0).expect("every element of a finite group has an inverse")
    }

    /// `g·h = h·g`?
    pub fn commute(&self, g: usize, h: usize) -> bool {
        self.table[g][h] == self.table[h][g]
    }

    pub fn is_commutative(&self) -> bool {
        (0..self.order()).all(|g| (0..self.order()).all(|h| self.commute(g, h)))
    }

    /// The smallest subgroup containing `gens` (sorted indices).
    pub fn generated(&self, gens: &[usize]) -> Vec<usize> {
        let mut set = vec![0usize];
        let mut frontier: Vec<usize> = gens.to_vec();
        while let Some(x) = frontier.pop() {
            if set.contains(&x) {
                continue;
            }
            set.push(x);
            for &y in set.clone().iter() {
                for z in [self.table[x][y], self.table[y][x]] {
                    if !set.contains(&z) {
                        frontier.push(z);
                    }
                }
            }
        }
        set.sort_unstable();
        set
    }

    /// Every subgroup generated by at most two elements (all subgroups of the
    /// groups here), smallest first.
    pub fn subgroups(&self) -> Vec<Vec<usize>> {
        let mut found: Vec<Vec<usize>> = Vec::new();
        for a in 0..self.order() {
            for b in a..self.order() {
                let s = self.generated(&[a, b]);
                if !found.contains(&s) {
                    found.push(s);
                }
            }
        }
        found.sort_by_key(|s| (s.len(), s.clone()));
        found
    }

    /// The orbit of `x`: each distinct `g·x` with the elements that give it.
    /// Its size times the stabiliser's size is the group's order.
    pub fn orbit(&self, x: &Signal) -> Vec<(Signal, Vec<usize>)> {
        let mut out: Vec<(Signal, Vec<usize>)> = Vec::new();
        for (i, e) in self.elements.iter().enumerate() {
            let Ok(y) = e.transform.act(x) else { continue };
            match out.iter_mut().find(|(z, _)| z.data.shape() == y.data.shape() && same(z, &y)) {
                Some((_, who)) => who.push(i),
                None => out.push((y, vec![i])),
            }
        }
        out
    }
}

fn element(name: &str, steps: Vec<Step>) -> Element {
    let short = match name {
        "identity" => "e".to_string(),
        "rot90" => "r".into(),
        "rot180" => "r²".into(),
        "rot270" => "r³".into(),
        "flipx" => "f".into(),
        // transpose = first flipx, then rot90 = r·f; flipy = r²·f; antitranspose = r³·f.
        "transpose" => "rf".into(),
        "flipy" => "r²f".into(),
        "antitranspose" => "r³f".into(),
        "rc" => "RC".into(),
        other => match other.strip_prefix("shift(").and_then(|r| r.strip_suffix(')')) {
            Some(k) => k.to_string(),
            // Cycles of one-digit nodes read fine without spaces: (012)(3).
            None => other.replace(' ', ""),
        },
    };
    Element { name: name.to_string(), short, transform: Transform { steps } }
}

/// A strand with no repeated period, so every shift moves it visibly.
fn strand_probe(n: usize) -> Signal {
    let text: String = "GATTACAGCCTAGGCTTA".chars().cycle().take(n.max(2)).collect();
    nucleotide::encode(&text).unwrap_or_else(|_| Signal::new(Array2::zeros((4, n)).into_dyn(), Space::Invariant))
}

/// An image with no symmetry: every element of D4 moves it differently.
fn image_probe() -> Signal {
    let mut rng = Rng::new(42);
    Signal::image(Array3::from_shape_fn((1, 5, 5), |_| rng.unit()))
}

/// A path graph whose nodes carry distinct features, so every renumbering shows.
fn graph_probe(n: usize) -> Signal {
    let graph = Graph::new(n, (1..n).map(|i| (i - 1, i, 1.0)).collect());
    let x = Array2::from_shape_fn((n, 1), |(i, _)| (i + 1) as f32);
    Signal::new(x.into_dyn(), Space::Nodes { graph: Arc::new(graph) })
}

/// All permutations of `0..n` in lexicographic order (identity first).
pub fn permutations(n: usize) -> Vec<Vec<usize>> {
    fn go(prefix: &mut Vec<usize>, n: usize, out: &mut Vec<Vec<usize>>) {
        if prefix.len() == n {
            out.push(prefix.clone());
            return;
        }
        for k in 0..n {
            if !prefix.contains(&k) {
                prefix.push(k);
                go(prefix, n, out);
                prefix.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(&mut Vec::new(), n, &mut out);
    out
}

/// `(0 1 2)(3)` style, fixed points omitted; `identity` for the identity.
/// `perm[i]` is where node `i` goes.
pub fn cycle_notation(perm: &[usize]) -> String {
    let mut seen = vec![false; perm.len()];
    let mut parts = Vec::new();
    for start in 0..perm.len() {
        if seen[start] || perm[start] == start {
            seen[start] = true;
            continue;
        }
        let mut cycle = vec![start];
        seen[start] = true;
        let mut i = perm[start];
        while i != start && i < perm.len() && !seen[i] {
            seen[i] = true;
            cycle.push(i);
            i = perm[i];
        }
        parts.push(format!("({})", cycle.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")));
    }
    if parts.is_empty() {
        "identity".into()
    } else {
        parts.join("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_and_commutativity() {
        let cases = [
            (GroupKind::Cyclic(6), 6, true),
            (GroupKind::C4, 4, true),
            (GroupKind::D4, 8, false),
            (GroupKind::ReverseComplement, 2, true),
            (GroupKind::Symmetric(3), 6, false),
            (GroupKind::Symmetric(4), 24, false),
        ];
        for (kind, order, abelian) in cases {
            let g = FiniteGroup::new(kind);
            assert_eq!(g.order(), order, "{kind:?}");
            assert_eq!(g.is_commutative(), abelian, "{kind:?}");
        }
    }

    #[test]
    fn subgroup_counts() {
        // D4 has 10 subgroups, S3 has 6, S4 has 30, Z6 has 4.
        assert_eq!(FiniteGroup::new(GroupKind::D4).subgroups().len(), 10);
        assert_eq!(FiniteGroup::new(GroupKind::Symmetric(3)).subgroups().len(), 6);
        assert_eq!(FiniteGroup::new(GroupKind::Symmetric(4)).subgroups().len(), 30);
        assert_eq!(FiniteGroup::new(GroupKind::Cyclic(6)).subgroups().len(), 4);
    }

    #[test]
    fn names_parse_back() {
        for k in GroupKind::MENU {
            assert_eq!(GroupKind::parse(&k.name()), Some(k));
        }
        assert_eq!(GroupKind::parse("z1"), None);
        assert_eq!(GroupKind::parse("s9"), None);
        assert_eq!(cycle_notation(&[1, 2, 0, 3]), "(0 1 2)");
    }
}
