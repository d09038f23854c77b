//! Graph files: the JSON format's cases, round trips of both formats, and
//! the promise that no bytes make a parser panic.

use proptest::prelude::*;
use symmetry_lab::engine::graph_input::NodeFeatures;
use symmetry_lab::io::graph_file::edge_list::parse_edge_list;
use symmetry_lab::io::graph_file::json::parse_json;
use symmetry_lab::io::graph_file::{parse_graph_file, GraphFileError, MAX_EDGES};

fn json_err(s: &str) -> GraphFileError {
    parse_json(s.as_bytes()).unwrap_err()
}

#[test]
fn json_nodes_as_objects() {
    let p = parse_json(
        br#"{"nodes": [{"id": "a", "label": "O1", "type": "O", "features": [1, 0], "x": 0, "y": 0},
                      {"id": "b", "type": "C", "features": [0, 1], "x": 2, "y": 1},
                      {"id": 7, "type": "C", "features": [0.5, 0.5], "x": 1, "y": 0}],
            "edges": [["a", "b"], ["b", 7, 2.5]]}"#,
    )
    .unwrap();
    let g = &p.input;
    assert_eq!(g.graph.edges(), &[(0, 1, 1.0), (1, 2, 2.5)]);
    assert_eq!(g.labels.as_ref().unwrap(), &["O1", "b", "7"]);
    assert_eq!(g.type_vocabulary(), vec!["C", "O"]);
    assert_eq!(g.feature_matrix(NodeFeatures::Given).unwrap().row(2).to_vec(), vec![0.5, 0.5]);
    assert_eq!(g.positions.as_ref().unwrap(), &[[0.0, 0.25], [1.0, 0.75], [0.5, 0.25]]);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn json_plain_ids_and_no_nodes_list() {
    let p = parse_json(br#"{"nodes": [0, 1, 2, 3], "edges": [[0, 1], [1, 2]]}"#).unwrap();
    assert_eq!(p.input.node_count(), 4);
    assert!(p.input.labels.is_none(), "ids 0..n need no labels");
    assert!(p.warnings[0].contains("1 node without edges (first: node 3)"));
    let p = parse_json(br#"{"edges": [[0, 4], [4, 4], [4, 0]], "directed": false}"#).unwrap();
    assert_eq!(p.input.node_count(), 5);
    assert_eq!(p.input.graph.edges(), &[(0, 4, 1.0), (4, 4, 1.0)]);
    let w = p.warnings.join("\n");
    assert!(w.contains("ignored the key `directed`") && w.contains("self-loop") && w.contains("duplicate"), "{w}");
}

#[test]
fn json_refusals_say_where() {
    let e = json_err("{\"edges\": [[0, 1],\n [1, 2,]]}");
    assert_eq!(e.line, Some(2));
    assert!(e.message.starts_with("this is not valid JSON"), "{e}");
    assert!(json_err(r#"{"edges": [[0, 1]"#).message.contains("ends too early"));
    assert!(json_err("[1, 2]").message.contains("should be an object"));
    assert!(json_err(r#"{"nodes": []}"#).message.contains("no \"edges\""));
    assert!(json_err(r#"{"edges": [[0]]}"#).message.starts_with("edges[0] should be [u, v]"));
    assert!(json_err(r#"{"edges": [[0, -1]]}"#).message.starts_with("edges[0][1]: a node id is a whole number"));
    assert!(json_err(r#"{"edges": [[0, 1.5]]}"#).message.contains("whole number"));
    assert!(json_err(r#"{"edges": [[0, 100000]]}"#).message.contains("limited to 100000 nodes"));
    assert!(json_err(r#"{"edges": [["a", "b"]]}"#).message.contains("must be listed in \"nodes\""));
    assert!(json_err(r#"{"nodes": [0, 1], "edges": [[0, 2]]}"#).message.contains("node `2` is not listed"));
    assert!(json_err(r#"{"nodes": [0, "0"], "edges": []}"#).message.contains("already used by nodes[0]"));
    assert!(json_err(r#"{"edges": [[0, 1, "heavy"]]}"#).message.contains("the weight must be a finite number"));
    assert!(json_err(r#"{"edges": [[0, 1, 1e300]]}"#).message.contains("finite"));
    let e = json_err(r#"{"nodes": [{"features": [1, 2]}, {"features": [1]}], "edges": []}"#);
    assert!(e.message.contains("nodes[1] has 1 features but nodes[0] has 2"), "{e}");
    assert!(json_err(r#"{"nodes": [{"features": []}], "edges": []}"#).message.contains("1 to 256 features"));
    assert!(json_err(r#"{"nodes": [{"label": [1]}], "edges": []}"#).message.contains("label should be a string"));
    assert!(json_err(r#"{"edges": []}"#).message.contains("no nodes"));
}

#[test]
fn edge_count_limit_is_checked_first() {
    let mut s = String::from("{\"edges\": [");
    s.push_str(&vec!["[0,1]"; MAX_EDGES + 1].join(","));
    s.push_str("]}");
    assert!(json_err(&s).message.contains("limited to 500000 edges"));
    let lines: String = (0..=MAX_EDGES).map(|i| format!("{} {}\n", i % 1000, 1000 + i / 1000)).collect();
    let e = parse_edge_list(lines.as_bytes()).unwrap_err();
    assert_eq!(e.line, Some(MAX_EDGES + 1));
    assert!(e.message.contains("limited to 500000 edges"));
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let deep = format!("{{\"edges\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(json_err(&deep).message.contains("not valid JSON"));
}

#[test]
fn partial_positions_and_types_are_said() {
    let p = parse_json(br#"{"nodes": [{"x": 1, "y": 2, "type": "C"}, {}], "edges": [[0, 1]]}"#).unwrap();
    assert!(p.input.positions.is_none());
    assert_eq!(p.input.types.as_ref().unwrap(), &["C", "?"]);
    assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
}

/// Bytes that look a little like graph files, to reach deeper into the parsers.
fn graphish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"0 1\n".to_vec()),
        Just(b"#c\n".to_vec()),
        Just(b"{\"nodes\":[".to_vec()),
        Just(b"{\"edges\":[[0,1,".to_vec()),
        Just(b"{\"id\":\"a\",\"features\":[1e39,".to_vec()),
        Just(b"]}".to_vec()),
        Just(b"-".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        "[0-9 ,.\\-#\t\r\n\\[\\]{}\":a-z]{0,8}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..4),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// No bytes make either parser panic; every refusal has a message.
    #[test]
    fn parsers_never_panic_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        for r in [parse_edge_list(&bytes), parse_json(&bytes), parse_graph_file(&bytes)] {
            if let Err(e) = r {
                prop_assert!(!e.message.is_empty());
            }
        }
    }

    #[test]
    fn parsers_never_panic_on_graphish_text(bytes in graphish()) {
        for p in [parse_edge_list(&bytes), parse_json(&bytes)].into_iter().flatten() {
            let n = p.input.node_count();
            prop_assert!(n > 0);
            prop_assert!(p.input.graph.edges().iter().all(|&(u, v, w)| u < n && v < n && w.is_finite()));
        }
    }

    #[test]
    fn parsers_never_panic_on_strings(s in "\\PC{0,200}") {
        let _ = parse_edge_list(s.as_bytes());
        let _ = parse_json(s.as_bytes());
    }

    /// Writing random edges out and reading them back gives the same graph
    /// (both formats).
    #[test]
    fn round_trip(edges in proptest::collection::vec((0usize..30, 0usize..30, 1u8..5), 1..40)) {
        let mut want: Vec<(usize, usize, f32)> = Vec::new();
        for &(u, v, w) in &edges {
            if !want.iter().any(|&(a, b, _)| (a, b) == (u, v) || (a, b) == (v, u)) {
                want.push((u, v, w as f32 / 2.0));
            }
        }
        let n = edges.iter().map(|&(u, v, _)| u.max(v)).max().unwrap() + 1;
        let text: String = edges.iter().map(|&(u, v, w)| format!("{u}\t{v} {}  # edge\n", w as f32 / 2.0)).collect();
        let p = parse_edge_list(text.as_bytes()).unwrap();
        prop_assert_eq!(p.input.graph.edges(), want.as_slice());
        prop_assert_eq!(p.input.node_count(), n);
        let list: Vec<String> = edges.iter().map(|&(u, v, w)| format!("[{u}, {v}, {}]", w as f32 / 2.0)).collect();
        let json = format!("{{\"edges\": [{}]}}", list.join(", "));
        let p = parse_graph_file(json.as_bytes()).unwrap();
        prop_assert_eq!(p.input.graph.edges(), want.as_slice());
    }
}
