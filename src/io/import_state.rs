//! Read back a lab state exported as JSON (`symmetry-lab/1`, see
//! `engine::export`): which lab, the URL settings that reproduce its view,
//! the input array, and for the graph lab the learner's own graph
//! (`graph.code`, see [`super::graph_link`]; a graph too big for a link is
//! restored from here). Everything is checked; nothing here panics.
//!
//! An export also holds every layer's weights and activations (megabytes for
//! a group CNN). Only `format`, `lab`, `url`, `input` and `graph.code` are restored, so the
//! document is read with a typed, streaming reader that skips the rest
//! without building it in memory, and every size is bounded while reading:
//! the file ([`MAX_STATE_BYTES`]), the nesting ([`MAX_NESTING`], checked
//! before parsing), the input's dimensions ([`MAX_INPUT_DIMS`]) and entries
//! ([`MAX_INPUT_ENTRIES`], counted as the array is read, never allocated
//! beyond). Each refusal states its limit, with the line and column.

use super::graph_link::{self, IN_FILE};
use super::query::HashLocation;
use crate::engine::export::FORMAT;
use crate::engine::graph_input::GraphInput;
use crate::engine::space::Tensor;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Largest state file accepted, in bytes (an exported group CNN with all its
/// activations is a few megabytes).
pub const MAX_STATE_BYTES: usize = 64 * 1024 * 1024;
/// Deepest nesting of arrays and objects accepted (an export nests 6 deep).
pub const MAX_NESTING: usize = 32;
/// Most dimensions of the input array.
pub const MAX_INPUT_DIMS: usize = 6;
/// Largest input array accepted, in entries.
pub const MAX_INPUT_ENTRIES: usize = 4_000_000;
/// The labs a state can belong to, with the number of dimensions of their
/// input: an image is (channels, height, width); a graph's node features
/// (nodes, features), a one-hot strand (4, length) and a time series
/// (steps, features) are matrices.
pub const LABS: [(&str, usize); 5] = [("image", 3), ("graph", 2), ("dna", 2), ("sequence", 2), ("train", 3)];

/// What an exported file restores.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedState {
    /// `image`, `graph`, `dna` or `sequence`.
    pub lab: String,
    /// The view's URL state; its route is `/<lab>`.
    pub url: HashLocation,
    /// The input, with finite values and the lab's number of dimensions.
    pub input: Option<Tensor>,
    /// The graph lab's own graph (a drawn, edited or loaded one), within the
    /// graph file limits.
    pub graph: Option<GraphInput>,
}

/// The fields of the document that are restored; the others are skipped.
#[derive(Deserialize)]
#[serde(expecting = "a Symmetry Lab state: a JSON object with \"format\", \"lab\", \"url\" and \"input\"")]
struct Document {
    format: Option<String>,
    lab: Option<String>,
    url: Option<String>,
    input: Option<TensorDoc>,
    graph: Option<GraphDoc>,
}

/// `{"code": "...", ...}`: the graph's code; `nodes` and `edges` (written
/// for notebooks) are skipped.
#[derive(Deserialize)]
#[serde(expecting = "a graph written as {\"nodes\": N, \"edges\": [...], \"code\": \"...\"}")]
struct GraphDoc {
    code: Option<String>,
}

/// `{"shape": [...], "data": [...]}`; other keys are skipped.
#[derive(Deserialize)]
#[serde(expecting = "an array written as {\"shape\": [...], \"data\": [...]}")]
struct TensorDoc {
    shape: Option<Shape>,
    data: Option<Data>,
}

/// The dimensions, at most [`MAX_INPUT_DIMS`] of them.
struct Shape(Vec<usize>);
/// The entries, at most [`MAX_INPUT_ENTRIES`], each a finite `f32`.
struct Data(Vec<f32>);

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a list of at most {MAX_INPUT_DIMS} whole numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
                let mut dims = Vec::new();
                while let Some(d) = seq.next_element::<u64>()? {
                    if dims.len() == MAX_INPUT_DIMS {
                        return Err(de::Error::custom(format!(
                            "the shape has more than {MAX_INPUT_DIMS} dimensions, the most an input has"
                        )));
                    }
                    match usize::try_from(d) {
                        Ok(d) if (1..=MAX_INPUT_ENTRIES).contains(&d) => dims.push(d),
                        _ => {
                            return Err(de::Error::custom(format!(
                                "the dimension {d} is not between 1 and {MAX_INPUT_ENTRIES}"
                            )))
                        }
                    }
                }
                Ok(Shape(dims))
            }
        }
        d.deserialize_seq(V)
    }
}

impl<'de> Deserialize<'de> for Data {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Data;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a list of at most {MAX_INPUT_ENTRIES} numbers")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Data, A::Error> {
                let mut values = Vec::new();
                while let Some(x) = seq.next_element::<Option<f64>>()? {
                    if values.len() == MAX_INPUT_ENTRIES {
                        return Err(de::Error::custom(format!("the data has more than {MAX_INPUT_ENTRIES} entries")));
                    }
                    let k = values.len();
                    match x {
                        Some(x) if x.is_finite() && x.abs() <= f32::MAX as f64 => values.push(x as f32),
                        Some(x) => {
                            return Err(de::Error::custom(format!(
                                "data[{k}] = {x} is beyond ±{:e}, the largest value the lab computes with",
                                f32::MAX
                            )))
                        }
                        None => {
                            return Err(de::Error::custom(format!(
                                "data[{k}] is null (a value that was not a finite number when exported)"
                            )))
                        }
                    }
                }
                Ok(Data(values))
            }
        }
        d.deserialize_seq(V)
    }
}

/// Parse an exported state file.
pub fn parse_state(bytes: &[u8]) -> Result<ImportedState, String> {
    if bytes.len() > MAX_STATE_BYTES {
        return Err(format!(
            "the file is larger than {} MB, the limit for a state file",
            MAX_STATE_BYTES / (1024 * 1024)
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_nesting(bytes)?;
    let doc: Document =
        serde_json::from_slice(bytes).map_err(|e| format!("this is not a Symmetry Lab state file: {e}"))?;
    if doc.format.as_deref() != Some(FORMAT) {
        return Err(format!("this JSON file is not a Symmetry Lab state (its \"format\" is not \"{FORMAT}\")"));
    }
    let lab = doc.lab.unwrap_or_default();
    let Some(&(_, dims)) = LABS.iter().find(|(name, _)| *name == lab) else {
        return Err(format!(
            "the state names an unknown lab “{lab}”; the labs are image, graph, dna, sequence and train"
        ));
    };
    let url = HashLocation::parse(doc.url.as_deref().unwrap_or_default())?;
    if url.route != format!("/{lab}") {
        return Err(format!("the state's link ({}) does not belong to the {lab} lab", url.route));
    }
    let input = match doc.input {
        None => None,
        Some(t) => Some(tensor(t, dims).map_err(|e| format!("the saved input is unreadable: {e}"))?),
    };
    let graph = match doc.graph.and_then(|g| g.code).filter(|_| lab == "graph") {
        None => None,
        Some(code) => {
            Some(graph_link::decode(&code, IN_FILE).map_err(|e| format!("the saved graph is unreadable: {e}"))?)
        }
    };
    Ok(ImportedState { lab, url, input, graph })
}

/// The array, once its shape and data agree.
fn tensor(t: TensorDoc, dims: usize) -> Result<Tensor, String> {
    let shape = t.shape.ok_or("it has no \"shape\"")?.0;
    let data = t.data.ok_or("it has no \"data\"")?.0;
    if shape.len() != dims {
        return Err(format!("its shape {shape:?} has {} dimensions; this lab's input has {dims}", shape.len()));
    }
    let entries = shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).filter(|&n| n <= MAX_INPUT_ENTRIES);
    let Some(entries) = entries else {
        return Err(format!("its shape {shape:?} has more than {MAX_INPUT_ENTRIES} entries"));
    };
    if data.len() != entries {
        return Err(format!("it has {} values for a shape {shape:?} of {entries}", data.len()));
    }
    Tensor::from_shape_vec(shape, data).map_err(|e| e.to_string())
}

/// Refuse arrays and objects nested deeper than [`MAX_NESTING`] before
/// parsing, with the line and column where the limit is passed. Brackets
/// inside strings do not count.
fn check_nesting(bytes: &[u8]) -> Result<(), String> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut column) = (1usize, 0usize);
    for &b in bytes {
        if b == b'\n' {
            (line, column) = (line + 1, 0);
        } else {
            column += 1;
        }
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(format!(
                        "this is not a Symmetry Lab state file: it nests arrays and objects more than {MAX_NESTING} deep (line {line}, column {column})"
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
