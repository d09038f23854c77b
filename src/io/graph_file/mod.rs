//! Loading a graph from a user's file: the limits, the error and warning
//! types shared by the two formats, and [`parse_graph_file`], which picks the
//! format (JSON if the text starts with `{`, else an edge list).
//!
//! Every limit is checked before anything is allocated for it and is stated
//! in the message; nothing here panics on any bytes.

pub mod edge_list;
pub mod json;

use crate::engine::graph_input::GraphInput;
use std::fmt;

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Most nodes in a graph (ids `0..MAX_NODES` in an edge list).
pub const MAX_NODES: usize = 100_000;
/// Most edges in a graph.
pub const MAX_EDGES: usize = 500_000;
/// Most features per node in a JSON file.
pub const MAX_FEATURES: usize = 256;
/// Warnings listed one by one; the rest are counted.
pub const MAX_WARNINGS: usize = 20;

/// A refused file: the message for the learner and, where it applies, the
/// 1-based line and column of the problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphFileError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl GraphFileError {
    pub fn new(message: impl Into<String>) -> Self {
        GraphFileError { message: message.into(), line: None, column: None }
    }

    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        GraphFileError { message: message.into(), line: Some(line), column: Some(column) }
    }
}

impl fmt::Display for GraphFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for GraphFileError {}

/// The two file formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    EdgeList,
    Json,
}

/// A graph read from a file, with what was accepted but worth saying
/// (self-loops, duplicate edges, isolated nodes, ignored keys).
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedGraph {
    pub input: GraphInput,
    pub warnings: Vec<String>,
    pub format: GraphFormat,
}

/// Read a graph file in either format (JSON if its first visible character is `{`).
pub fn parse_graph_file(bytes: &[u8]) -> Result<ParsedGraph, GraphFileError> {
    check_file_size(bytes)?;
    let first = strip_bom(bytes).iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        json::parse_json(bytes)
    } else {
        edge_list::parse_edge_list(bytes)
    }
}

/// Refuse empty and oversized files.
pub fn check_file_size(bytes: &[u8]) -> Result<(), GraphFileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(GraphFileError::new(format!(
            "the file is {:.1} MB; graph files are limited to {} MB",
            bytes.len() as f64 / (1024.0 * 1024.0),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if strip_bom(bytes).iter().all(u8::is_ascii_whitespace) {
        return Err(GraphFileError::new("the file is empty"));
    }
    Ok(())
}

/// The bytes without a leading UTF-8 byte-order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Collects warnings, listing the first [`MAX_WARNINGS`] and counting the rest.
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    list: Vec<String>,
    more: usize,
}

impl Warnings {
    pub fn push(&mut self, w: String) {
        if self.list.len() < MAX_WARNINGS {
            self.list.push(w);
        } else {
            self.more += 1;
        }
    }

    pub fn finish(mut self) -> Vec<String> {
        if self.more > 0 {
            self.list.push(format!("… and {} more warnings like these", self.more));
        }
        self.list
    }
}

/// How a file names the place of an edge in messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Place {
    /// `line 3` (1-based line numbers).
    #[default]
    Line,
    /// `edges[2]` (0-based positions in the JSON list).
    Index,
}

impl Place {
    pub fn name(self, at: usize) -> String {
        match self {
            Place::Line => format!("line {at}"),
            Place::Index => format!("edges[{at}]"),
        }
    }
}

/// Builds the edge list of a graph from a file, one edge at a time: refuses
/// more than [`MAX_EDGES`] edges, then keeps self-loops and the first of
/// duplicate edges (in either direction), and says so, in file order.
#[derive(Debug, Default)]
pub(crate) struct EdgeCollector {
    /// `(u, v, weight, place)` as found in the file.
    raw: Vec<(usize, usize, f32, usize)>,
    place: Place,
    pub warnings: Warnings,
}

impl EdgeCollector {
    pub fn new(place: Place) -> Self {
        EdgeCollector { place, ..Default::default() }
    }

    /// Add edge `u – v` found at `at` (a line number or a list position).
    pub fn add(&mut self, u: usize, v: usize, w: f32, at: usize) -> Result<(), String> {
        if self.raw.len() >= MAX_EDGES {
            return Err(format!("the file lists more than {MAX_EDGES} edges; graphs are limited to {MAX_EDGES} edges"));
        }
        self.raw.push((u, v, w, at));
        Ok(())
    }

    /// The edges without later duplicates, and every warning, for a graph on
    /// nodes `0..n`. Duplicates are found by sorting rather than hashing:
    /// O(E log E), and fast even unoptimised.
    pub fn finish(mut self, n: usize) -> (Vec<(usize, usize, f32)>, Vec<String>) {
        let key = |e: &(usize, usize, f32, usize)| (e.0.min(e.1), e.0.max(e.1));
        let mut order: Vec<usize> = (0..self.raw.len()).collect();
        order.sort_unstable_by_key(|&k| (key(&self.raw[k]), k));
        // first[k] = the earliest entry with the same edge as entry k.
        let mut first: Vec<usize> = (0..self.raw.len()).collect();
        for pair in order.windows(2) {
            if key(&self.raw[pair[0]]) == key(&self.raw[pair[1]]) {
                first[pair[1]] = first[pair[0]];
            }
        }
        let mut edges = Vec::with_capacity(self.raw.len());
        let mut touched = vec![false; n];
        for (k, &(u, v, w, at)) in self.raw.iter().enumerate() {
            let here = || self.place.name(at);
            if first[k] != k {
                let there = self.place.name(self.raw[first[k]].3);
                self.warnings.push(format!("{}: duplicate edge {u}–{v} ignored (already on {there})", here()));
                continue;
            }
            if u == v {
                self.warnings.push(format!("{}: self-loop on node {u} kept (the node is its own neighbour)", here()));
            }
            for t in [u, v] {
                if let Some(slot) = touched.get_mut(t) {
                    *slot = true;
                }
            }
            edges.push((u, v, w));
        }
        let isolated = touched.iter().filter(|t| !**t).count();
        if let Some(first) = touched.iter().position(|t| !*t) {
            self.warnings.push(format!(
                "{isolated} node{} without edges (first: node {first}); they are kept as isolated nodes",
                if isolated == 1 { "" } else { "s" }
            ));
        }
        (edges, self.warnings.finish())
    }
}

/// At most `max` characters of `s`, for quoting user text in a message.
pub(crate) fn quote(s: &str) -> String {
    const MAX: usize = 24;
    if s.chars().count() > MAX {
        format!("`{}…`", s.chars().take(MAX).collect::<String>())
    } else {
        format!("`{s}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_format_and_refuses_empty_files() {
        assert_eq!(parse_graph_file(b"0 1\n").unwrap().format, GraphFormat::EdgeList);
        assert_eq!(parse_graph_file(b"\xEF\xBB\xBF  {\"edges\": [[0, 1]]}").unwrap().format, GraphFormat::Json);
        assert_eq!(parse_graph_file(b" \n\t").unwrap_err().message, "the file is empty");
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert!(parse_graph_file(&big).unwrap_err().message.contains("limited to 20 MB"));
    }

    #[test]
    fn collector_keeps_first_duplicates_and_counts_warnings() {
        let mut c = EdgeCollector::new(Place::Line);
        c.add(0, 1, 1.0, 1).unwrap();
        c.add(1, 0, 2.0, 2).unwrap();
        c.add(2, 2, 1.0, 3).unwrap();
        let (edges, w) = c.finish(4);
        assert_eq!(edges, vec![(0, 1, 1.0), (2, 2, 1.0)]);
        assert_eq!(w.len(), 3);
        assert!(w[0].contains("duplicate edge 1–0 ignored (already on line 1)"));
        assert!(w[2].contains("1 node without edges (first: node 3)"));
        let mut many = Warnings::default();
        (0..MAX_WARNINGS + 5).for_each(|i| many.push(i.to_string()));
        assert_eq!(many.finish().last().unwrap(), "… and 5 more warnings like these");
        assert_eq!(GraphFileError::at(3, 7, "bad").to_string(), "line 3, column 7: bad");
    }
}
