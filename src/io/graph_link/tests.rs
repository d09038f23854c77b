//! The graph code round-trips exactly (positions to their quantum), fits a
//! link for the editor-sized presets, and refuses damaged codes in words.

use super::*;
use crate::io::graph_presets;
use proptest::prelude::*;

/// Positions already on the 1/65535 grid, so the round trip is exact.
fn on_grid(p: &[[f32; 2]]) -> Vec<[f32; 2]> {
    p.iter().map(|c| c.map(|v| (v.clamp(0.0, 1.0) * QUANTUM).round() / QUANTUM)).collect()
}

fn back(input: &GraphInput) -> GraphInput {
    decode(&encode(input), IN_LINK).expect("a code made here decodes")
}

#[test]
fn presets_round_trip_and_the_small_ones_fit_a_link() {
    for name in ["karate", "caffeine", "benzene", "path", "star", "grid", "two-triangles", "hexagon"] {
        let mut input = graph_presets::load(name).expect("a preset");
        input.positions = Some(on_grid(&input.positions_or_circle()));
        let code = for_link(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(code.len() < 2048, "{name}: {} characters", code.len());
        assert_eq!(decode(&code, IN_LINK).as_ref(), Ok(&input), "{name}");
    }
}

#[test]
fn an_edited_karate_graph_is_about_half_a_kilobyte() {
    let karate = graph_presets::load("karate").expect("karate");
    let edited = karate.add_node([0.5, 0.5]).toggle_edge(34, 0).set_node_features(3, &[0.5]).expect("features");
    let code = for_link(&edited).expect("fits");
    assert!(code.len() < 1200, "{} characters", code.len());
    let again = back(&edited);
    assert_eq!(again.graph, edited.graph);
    assert_eq!(again.features, edited.features);
    assert_eq!(again.types, edited.types);
}

#[test]
fn too_big_for_a_link_says_its_size_and_points_to_export() {
    let big = graph_presets::load("random-10k").expect("random-10k");
    let e = for_link(&big).unwrap_err();
    assert!(e.contains("10,000 nodes") && e.contains("Export JSON"), "{e}");
    // Under the node limit but over the budget: the size in kB is said.
    let mid = graph_presets::random_sparse(2000, 6000, 3);
    let e = for_link(&mid).unwrap_err();
    assert!(e.contains("kB in a link"), "{e}");
    // The export's limits hold it all the same.
    assert_eq!(decode(&encode(&big), IN_FILE).map(|g| g.node_count()), Ok(10_000));
}

#[test]
fn damaged_codes_are_refused_in_words() {
    let ok = to_bytes(&graph_presets::load("path").expect("path"));
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![], "cut short"),
        (vec![2, 0, 0, 0], "version 2"),
        (vec![1, 128, 0, 0], "unknown parts"),
        (vec![1, 0, 3, 1, 0, 8], "not among its 3 nodes"),
        (vec![1, 0, 3, 1, 1, 1], "not among its 3 nodes"), // u = -1
        (vec![1, 0, 3, 5, 0, 2], "edges"),
        (vec![1, 0, 0xff, 0xff, 0xff, 0x7f, 0], "nodes"),
        (vec![1, 1, 2, 1, 0, 2, 0, 0, 0xc0, 0x7f], "not a finite number"),
        (vec![1, 2, 2, 0, 0], "features"),
        (vec![1, 2, 2, 0, 1, 0, 0, 0, 0], "cut short"),
        (vec![1, 8, 2, 0, 1, 1, b'C', 0, 3], "unknown type"),
        (vec![1, 4, 2, 0, 2, 0xc3, 0x28, 1, b'a'], "not text"),
        (vec![1, 16, 2, 0, 1, 2, 3, 4], "positions"),
        ([ok.as_slice(), &[0]].concat(), "too many"),
    ];
    for (bytes, words) in cases {
        let e = decode(&pack(&bytes), IN_LINK).expect_err("refused");
        assert!(e.contains(words), "{bytes:?}: {e}");
    }
    assert!(decode("***", IN_LINK).unwrap_err().contains("base64"));
    assert!(decode(&"A".repeat(IN_LINK.max_encoded + 1), IN_LINK).unwrap_err().contains("longer"));
}

fn graph_input() -> impl Strategy<Value = GraphInput> {
    (0usize..24).prop_flat_map(|n| {
        let edge = (0..n.max(1), 0..n.max(1), prop_oneof![Just(1.0f32), -5.0f32..5.0]);
        let edges = if n == 0 { Just(vec![]).boxed() } else { prop::collection::vec(edge, 0..60).boxed() };
        let features = prop::option::of(
            (1usize..4).prop_flat_map(move |f| prop::collection::vec(-1e6f32..1e6, n * f).prop_map(move |v| (f, v))),
        );
        let names = prop::option::of(prop::collection::vec("[a-zA-Zé. 0-9]{0,12}", n));
        let types = prop::option::of(prop::collection::vec(prop::sample::select(vec!["C", "O", "N", "club-A"]), n));
        let positions = prop::option::of(prop::collection::vec((0u16.., 0u16..), n));
        (Just(n), edges, features, names, types, positions).prop_map(
            |(n, edges, features, labels, types, positions)| {
                let mut input = GraphInput::new(Graph::new(n, edges));
                input.features = features.and_then(|(f, v)| Array2::from_shape_vec((n, f), v).ok()).filter(|_| n > 0);
                input.labels = labels;
                input.types = types.map(|t| t.into_iter().map(String::from).collect());
                input.positions =
                    positions.map(|p| p.into_iter().map(|(x, y)| [x as f32 / QUANTUM, y as f32 / QUANTUM]).collect());
                input
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn encode_then_decode_is_the_identity(input in graph_input()) {
        prop_assert_eq!(back(&input), input);
    }

    #[test]
    fn any_bytes_are_refused_or_give_a_graph_within_the_limits(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        if let Ok(g) = decode(&pack(&bytes), IN_LINK) {
            let n = g.node_count();
            prop_assert!(n <= MAX_NODES && g.graph.edges().iter().all(|&(u, v, w)| u < n && v < n && w.is_finite()));
        }
    }
}
