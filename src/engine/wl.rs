//! 1-WL colour refinement (Weisfeiler & Leman 1968), step by step, for the
//! limit of message passing (claim G6).
//!
//! Round 0 colours the nodes by their initial labels. Each round then gives
//! every node a new colour for the pair (its colour, the multiset of its
//! neighbours' colours), until the partition into colours stops changing.
//! A message-passing GNN is a "soft" version of one round per layer: if two
//! nodes have the same colour after `k` rounds, every `k`-layer GNN gives
//! them the same embedding, so two graphs with the same colour histogram at
//! every round get the same readout from every such GNN, even when they are
//! different graphs (two triangles vs a hexagon).
//!
//! Colours are canonical: a round names its colours `0, 1, ...` in the sorted
//! order of their (colour, neighbour colours) signatures, so they never depend
//! on the node numbering, and two graphs refined together share one palette.

use crate::engine::graph::Graph;

/// Colour of every node after each round: `rounds[r][i]`, round 0 being the
/// initial colouring.
pub type Rounds = Vec<Vec<u32>>;

/// Canonical colours for initial labels: the rank of each label among the
/// distinct labels (so `[7, 3, 7]` becomes `[1, 0, 1]`).
pub fn canonical_labels<T: Ord + Clone>(labels: &[T]) -> Vec<u32> {
    let mut distinct = labels.to_vec();
    distinct.sort();
    distinct.dedup();
    labels.iter().map(|l| distinct.binary_search(l).unwrap_or(0) as u32).collect()
}

/// One refinement round over several graphs at once (one palette).
fn refine_once(graphs: &[&Graph], colours: &[Vec<u32>]) -> Vec<Vec<u32>> {
    let signatures: Vec<Vec<(u32, Vec<u32>)>> = graphs
        .iter()
        .zip(colours)
        .map(|(g, c)| {
            (0..g.node_count())
                .map(|i| {
                    let mut nb: Vec<u32> = g.neighbours(i).filter_map(|(j, _)| c.get(j).copied()).collect();
                    nb.sort_unstable();
                    (c.get(i).copied().unwrap_or(0), nb)
                })
                .collect()
        })
        .collect();
    let mut palette: Vec<&(u32, Vec<u32>)> = signatures.iter().flatten().collect();
    palette.sort();
    palette.dedup();
    signatures.iter().map(|sig| sig.iter().map(|s| palette.binary_search(&s).unwrap_or(0) as u32).collect()).collect()
}

fn distinct(colours: &[Vec<u32>]) -> usize {
    let mut all: Vec<u32> = colours.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all.len()
}

/// Refine several graphs together from their initial colours. Stops at the
/// first round that splits no colour class (that round is included, so the
/// last two rounds show the stable partition), or after `max_rounds`.
/// Returns, per graph, its colours after each round.
pub fn refine_many(graphs: &[&Graph], initial: &[Vec<u32>], max_rounds: usize) -> Vec<Rounds> {
    let init: Vec<Vec<u32>> = graphs
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let given = initial.get(k).filter(|c| c.len() == g.node_count());
            given.cloned().unwrap_or_else(|| vec![0; g.node_count()])
        })
        .collect();
    // Rename the initial colours canonically across all graphs.
    let flat: Vec<u32> = init.iter().flatten().copied().collect();
    let canon = canonical_labels(&flat);
    let mut offset = 0;
    let mut current: Vec<Vec<u32>> = init
        .iter()
        .map(|c| {
            offset += c.len();
            canon[offset - c.len()..offset].to_vec()
        })
        .collect();
    let mut out: Vec<Rounds> = current.iter().map(|c| vec![c.clone()]).collect();
    for _ in 0..max_rounds {
        let next = refine_once(graphs, &current);
        let stable = distinct(&next) == distinct(&current);
        for (rounds, c) in out.iter_mut().zip(&next) {
            rounds.push(c.clone());
        }
        current = next;
        if stable {
            break;
        }
    }
    out
}

/// Refine one graph (initial colours: `None` for "all the same").
pub fn refine(graph: &Graph, initial: Option<&[u32]>, max_rounds: usize) -> Rounds {
    let init = initial.map(|c| vec![c.to_vec()]).unwrap_or_default();
    refine_many(&[graph], &init, max_rounds).pop().unwrap_or_default()
}

/// The colour histogram of a colouring: `(colour, count)` sorted by colour.
pub fn histogram(colours: &[u32]) -> Vec<(u32, usize)> {
    let mut sorted = colours.to_vec();
    sorted.sort_unstable();
    let mut out: Vec<(u32, usize)> = Vec::new();
    for c in sorted {
        match out.last_mut() {
            Some((last, count)) if *last == c => *count += 1,
            _ => out.push((c, 1)),
        }
    }
    out
}

/// One round of a side-by-side comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WlRound {
    pub colours_a: Vec<u32>,
    pub colours_b: Vec<u32>,
    pub histogram_a: Vec<(u32, usize)>,
    pub histogram_b: Vec<(u32, usize)>,
    /// Whether the histograms are equal (1-WL cannot tell the graphs apart yet).
    pub same: bool,
}

/// 1-WL run on two graphs with one palette, round by round.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WlComparison {
    pub rounds: Vec<WlRound>,
}

impl WlComparison {
    /// The first round whose histograms differ: 1-WL tells the graphs apart
    /// there. `None`: the graphs look the same to 1-WL, and therefore to every
    /// message-passing GNN.
    pub fn distinguished_at(&self) -> Option<usize> {
        self.rounds.iter().position(|r| !r.same)
    }
}

/// Compare two graphs round by round (initial colours: `None` for "all the same").
pub fn compare(
    a: &Graph,
    init_a: Option<&[u32]>,
    b: &Graph,
    init_b: Option<&[u32]>,
    max_rounds: usize,
) -> WlComparison {
    let init = vec![
        init_a.map(<[u32]>::to_vec).unwrap_or_else(|| vec![0; a.node_count()]),
        init_b.map(<[u32]>::to_vec).unwrap_or_else(|| vec![0; b.node_count()]),
    ];
    let mut runs = refine_many(&[a, b], &init, max_rounds).into_iter();
    let (ra, rb) = (runs.next().unwrap_or_default(), runs.next().unwrap_or_default());
    let rounds = ra
        .into_iter()
        .zip(rb)
        .map(|(colours_a, colours_b)| {
            let (histogram_a, histogram_b) = (histogram(&colours_a), histogram(&colours_b));
            let same = histogram_a == histogram_b;
            WlRound { colours_a, colours_b, histogram_a, histogram_b, same }
        })
        .collect();
    WlComparison { rounds }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cycle(n: usize) -> Graph {
        Graph::new(n, (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect())
    }

    #[test]
    fn path_refines_by_distance_to_the_ends() {
        let path = Graph::new(5, (0..4).map(|i| (i, i + 1, 1.0)).collect());
        let r = refine(&path, None, 10);
        assert_eq!(r[0], vec![0; 5]);
        assert_eq!(r[1], vec![0, 1, 1, 1, 0]); // ends have degree 1
        assert_eq!(r[2], vec![0, 1, 2, 1, 0]); // then distance 1 vs 2
        assert_eq!(r.len(), 4, "round 3 is stable and ends the run");
        assert_eq!(histogram(&r[2]), vec![(0, 2), (1, 2), (2, 1)]);
    }

    #[test]
    fn two_triangles_look_like_a_hexagon() {
        let triangles =
            Graph::new(6, vec![(0, 1, 1.0), (1, 2, 1.0), (2, 0, 1.0), (3, 4, 1.0), (4, 5, 1.0), (5, 3, 1.0)]);
        let c = compare(&triangles, None, &cycle(6), None, 5);
        assert_eq!(c.distinguished_at(), None);
        assert!(c.rounds.iter().all(|r| r.histogram_a == vec![(0, 6)]));
        let star = Graph::new(6, (1..6).map(|i| (0, i, 1.0)).collect());
        assert_eq!(compare(&star, None, &cycle(6), None, 5).distinguished_at(), Some(1));
        // Initial labels can already tell graphs apart.
        assert_eq!(compare(&cycle(3), Some(&[0, 0, 1]), &cycle(3), None, 5).distinguished_at(), Some(0));
    }
}
