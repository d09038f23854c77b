//! The edge-list format: one edge per line, `u v` or `u v weight`, node ids
//! are whole numbers from 0, values separated by spaces, tabs or commas.
//! `#` starts a comment; blank lines are skipped. The graph has nodes
//! `0..=max id` (ids that never appear are isolated nodes, and said).
//!
//! ```text
//! # a triangle with a tail
//! 0 1
//! 1 2
//! 2 0 0.5
//! 2 3
//! ```

use super::{check_file_size, quote, strip_bom, EdgeCollector, GraphFileError, GraphFormat, ParsedGraph};
use super::{Place, MAX_NODES};
use crate::engine::graph::Graph;
use crate::engine::graph_input::GraphInput;

/// Parse an edge list. Refuses malformed lines with their line and column.
pub fn parse_edge_list(bytes: &[u8]) -> Result<ParsedGraph, GraphFileError> {
    check_file_size(bytes)?;
    let text = decode(strip_bom(bytes))?;
    let mut edges = EdgeCollector::new(Place::Line);
    let mut max_id: Option<usize> = None;
    for (k, line) in text.lines().enumerate() {
        let line_no = k + 1;
        let content = line.split('#').next().unwrap_or("");
        let mut tokens = tokens(content);
        let Some((cu, tu)) = tokens.next() else { continue };
        let Some((cv, tv)) = tokens.next() else {
            return Err(GraphFileError::at(
                line_no,
                cu,
                format!("an edge needs two node ids, found only {}", quote(tu)),
            ));
        };
        let w = match tokens.next() {
            None => 1.0,
            Some((cw, tw)) => parse_weight(tw).map_err(|m| GraphFileError::at(line_no, cw, m))?,
        };
        if let Some((cx, tx)) = tokens.next() {
            return Err(GraphFileError::at(
                line_no,
                cx,
                format!("expected `u v` or `u v weight`, but there is more: {}", quote(tx)),
            ));
        }
        let u = parse_id(tu).map_err(|m| GraphFileError::at(line_no, cu, m))?;
        let v = parse_id(tv).map_err(|m| GraphFileError::at(line_no, cv, m))?;
        edges.add(u, v, w, line_no).map_err(|m| GraphFileError::at(line_no, cu, m))?;
        max_id = Some(max_id.unwrap_or(0).max(u).max(v));
    }
    let Some(max_id) = max_id else {
        return Err(GraphFileError::new(
            "no edges found: write one edge per line as two node ids, like `0 1` (`#` starts a comment)",
        ));
    };
    let n = max_id + 1;
    let (edges, warnings) = edges.finish(n);
    Ok(ParsedGraph { input: GraphInput::new(Graph::new(n, edges)), warnings, format: GraphFormat::EdgeList })
}

/// The text of the file, or where it stops being UTF-8 text.
fn decode(bytes: &[u8]) -> Result<&str, GraphFileError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(good.get(line_start..).unwrap_or(&[])).chars().count() + 1;
        GraphFileError::at(line, column, "this is not a text file (invalid UTF-8): expected lines like `0 1`")
    })
}

/// The values on a line (separated by ASCII spaces, tabs or commas) with
/// their 1-based columns. Scans bytes, which is safe in UTF-8 because the
/// separators are ASCII; the column counts characters, like an editor does.
fn tokens(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = line.as_bytes();
    let sep = |b: u8| b.is_ascii_whitespace() || b == b',';
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() && sep(bytes[at]) {
            at += 1;
        }
        if at >= bytes.len() {
            return None;
        }
        let start = at;
        while at < bytes.len() && !sep(bytes[at]) {
            at += 1;
        }
        let column = line.get(..start).map_or(0, |p| p.chars().count()) + 1;
        Some((column, line.get(start..at).unwrap_or("")))
    })
}

/// A node id: a whole number from 0 to `MAX_NODES - 1`.
fn parse_id(t: &str) -> Result<usize, String> {
    let digits = t.strip_prefix('+').unwrap_or(t);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return match digits.parse::<usize>() {
            Ok(v) if v < MAX_NODES => Ok(v),
            _ => Err(format!(
                "node id {} is too large: graphs are limited to {MAX_NODES} nodes (ids 0 to {})",
                quote(t),
                MAX_NODES - 1
            )),
        };
    }
    match t.parse::<f64>() {
        Ok(v) if v < 0.0 => Err(format!("node ids cannot be negative, found {}", quote(t))),
        Ok(_) => Err(format!("node ids are whole numbers (0, 1, 2, ...), found {}", quote(t))),
        Err(_) => Err(format!("expected a node id (a whole number), found {}", quote(t))),
    }
}

/// An edge weight: any finite number.
fn parse_weight(t: &str) -> Result<f32, String> {
    match t.parse::<f32>() {
        Ok(w) if w.is_finite() => Ok(w),
        _ => Err(format!("the third value is an edge weight and must be a finite number, found {}", quote(t))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> GraphFileError {
        parse_edge_list(s.as_bytes()).unwrap_err()
    }

    #[test]
    fn reads_comments_weights_and_separators() {
        let p = parse_edge_list(b"# triangle\n0 1\n\n1\t2  # tab\r\n2,0,0.5\n").unwrap();
        assert_eq!(p.input.graph.edges(), &[(0, 1, 1.0), (1, 2, 1.0), (2, 0, 0.5)]);
        assert!(p.warnings.is_empty());
        assert_eq!(p.format, GraphFormat::EdgeList);
    }

    #[test]
    fn refuses_bad_lines_with_line_and_column() {
        let e = err("0 1\n1 -2\n");
        assert_eq!((e.line, e.column), (Some(2), Some(3)));
        assert!(e.message.contains("cannot be negative"), "{e}");
        let e = err("0 1.5");
        assert_eq!((e.line, e.column), (Some(1), Some(3)));
        assert!(e.message.contains("whole numbers"));
        assert!(err("  7\n").message.contains("found only `7`"));
        assert_eq!(err("  7\n").column, Some(3));
        assert!(err("a b").message.contains("expected a node id"));
        let e = err("0 1 2 3");
        assert_eq!((e.column, e.message.contains("more: `3`")), (Some(7), true));
        assert!(err("0 1 x").message.contains("edge weight"));
        assert!(err("0 1 inf").message.contains("finite"));
        assert!(err("0 100000").message.contains("limited to 100000 nodes"));
        assert!(err("0 99999999999999999999999").message.contains("too large"));
        assert!(err("# nothing\n").message.starts_with("no edges found"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = parse_edge_list(b"0 1\n2 \xC3\xA9 \xFF 3").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(5)));
        assert!(e.message.contains("not a text file"));
    }

    #[test]
    fn warns_about_self_loops_duplicates_and_isolated_nodes() {
        let p = parse_edge_list(b"1 2\n2 1\n3 3\n").unwrap();
        assert_eq!(p.input.node_count(), 4);
        assert_eq!(p.input.graph.edges(), &[(1, 2, 1.0), (3, 3, 1.0)]);
        assert_eq!(p.warnings.len(), 3, "{:?}", p.warnings);
        assert!(p.warnings[0].starts_with("line 2: duplicate edge"));
        assert!(p.warnings[1].starts_with("line 3: self-loop"));
        assert!(p.warnings[2].contains("node 0"));
    }
}
