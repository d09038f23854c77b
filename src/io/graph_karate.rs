//! Zachary's karate club (Zachary 1977): 34 members of a university karate
//! club, 78 friendships observed outside the club. The club later split
//! between the instructor (node 0, "Mr. Hi") and the administrator
//! (node 33, "Officer"). Nodes are numbered from 0 (the paper's member
//! `k` is node `k - 1`), as in networkx's `karate_club_graph`.

/// Each member's friends with a larger number: `(member, friends)`.
const FRIENDS: [(usize, &[usize]); 26] = [
    (0, &[1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 17, 19, 21, 31]),
    (1, &[2, 3, 7, 13, 17, 19, 21, 30]),
    (2, &[3, 7, 8, 9, 13, 27, 28, 32]),
    (3, &[7, 12, 13]),
    (4, &[6, 10]),
    (5, &[6, 10, 16]),
    (6, &[16]),
    (8, &[30, 32, 33]),
    (9, &[33]),
    (13, &[33]),
    (14, &[32, 33]),
    (15, &[32, 33]),
    (18, &[32, 33]),
    (19, &[33]),
    (20, &[32, 33]),
    (22, &[32, 33]),
    (23, &[25, 27, 29, 32, 33]),
    (24, &[25, 27, 31]),
    (25, &[31]),
    (26, &[29, 33]),
    (27, &[33]),
    (28, &[31, 33]),
    (29, &[32, 33]),
    (30, &[32, 33]),
    (31, &[32, 33]),
    (32, &[33]),
];

/// Members who followed the instructor after the split (the others followed
/// the administrator), as in networkx's `club` attribute.
const INSTRUCTOR_SIDE: [usize; 17] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21];

/// Number of members.
pub const KARATE_NODES: usize = 34;

/// The 78 friendships as `(u, v)` with `u < v`.
pub fn karate_edges() -> Vec<(usize, usize)> {
    FRIENDS.iter().flat_map(|&(u, vs)| vs.iter().map(move |&v| (u, v))).collect()
}

/// The club each member joined after the split: "Mr. Hi" or "Officer".
pub fn karate_clubs() -> Vec<String> {
    (0..KARATE_NODES).map(|i| if INSTRUCTOR_SIDE.contains(&i) { "Mr. Hi" } else { "Officer" }.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_real_graph() {
        let edges = karate_edges();
        assert_eq!(edges.len(), 78);
        let mut degree = [0usize; KARATE_NODES];
        for &(u, v) in &edges {
            assert!(u < v && v < KARATE_NODES);
            degree[u] += 1;
            degree[v] += 1;
        }
        // networkx: [d for _, d in nx.karate_club_graph().degree()]
        let want =
            [16, 9, 10, 6, 3, 4, 4, 4, 5, 2, 3, 1, 2, 5, 2, 2, 2, 2, 2, 3, 2, 2, 2, 5, 3, 3, 2, 4, 3, 4, 4, 6, 12, 17];
        assert_eq!(degree, want);
        let mut sorted = edges.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 78, "no duplicate friendships");
        assert_eq!(karate_clubs().iter().filter(|c| *c == "Mr. Hi").count(), 17);
    }
}
