//! The JSON graph format:
//!
//! ```json
//! {"nodes": [{"id": 0, "label": "O1", "type": "O", "features": [1, 0], "x": 0.2, "y": 0.5}, 1, "c"],
//!  "edges": [[0, 1], [1, "c", 2.5]]}
//! ```
//!
//! `nodes` is optional; its entries are ids (whole numbers or strings) or
//! objects with optional `id` (default: the position in the list), `label`,
//! `type`, `features` (the same number of values for every node), `x` and
//! `y`. Edges are `[u, v]` or `[u, v, weight]` naming node ids (`3` and `"3"`
//! are the same id). Without `nodes`, ids are whole numbers and the graph has
//! nodes `0..=max id`. Syntax errors come with their line and column; other
//! errors name the place, like `edges[3][1]`.

use super::{check_file_size, quote, strip_bom, EdgeCollector, GraphFileError, GraphFormat, ParsedGraph};
use super::{Place, Warnings, MAX_EDGES, MAX_FEATURES, MAX_NODES};
use crate::engine::graph::Graph;
use crate::engine::graph_input::GraphInput;
use crate::engine::layout::fit_unit_square;
use ndarray::Array2;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Parse a JSON graph.
pub fn parse_json(bytes: &[u8]) -> Result<ParsedGraph, GraphFileError> {
    check_file_size(bytes)?;
    let root: Value = serde_json::from_slice(strip_bom(bytes)).map_err(syntax_error)?;
    let Value::Object(root) = root else {
        return Err(GraphFileError::new(r#"the JSON should be an object like {"nodes": [0, 1], "edges": [[0, 1]]}"#));
    };
    let mut edges = EdgeCollector::new(Place::Index);
    for key in root.keys().filter(|k| *k != "nodes" && *k != "edges") {
        edges.warnings.push(format!("ignored the key {}: only \"nodes\" and \"edges\" are read", quote(key)));
    }
    let nodes = match root.get("nodes") {
        None => None,
        Some(Value::Array(list)) if list.len() > MAX_NODES => {
            return Err(GraphFileError::new(format!(
                "\"nodes\" lists {} nodes; graphs are limited to {MAX_NODES} nodes",
                list.len()
            )))
        }
        Some(Value::Array(list)) => Some(NodeTable::read(list)?),
        Some(_) => return Err(GraphFileError::new("\"nodes\" should be a list of node ids or objects")),
    };
    let list = match root.get("edges") {
        Some(Value::Array(list)) if list.len() > MAX_EDGES => {
            return Err(GraphFileError::new(format!(
                "\"edges\" lists {} edges; graphs are limited to {MAX_EDGES} edges",
                list.len()
            )))
        }
        Some(Value::Array(list)) => list,
        Some(_) => return Err(GraphFileError::new("\"edges\" should be a list of pairs like [0, 1]")),
        None => return Err(GraphFileError::new(r#"the JSON has no "edges": add "edges": [[0, 1], ...]"#)),
    };
    let mut max_id: Option<usize> = None;
    for (k, e) in list.iter().enumerate() {
        let pair = match e {
            Value::Array(p) if p.len() == 2 || p.len() == 3 => p,
            _ => return Err(GraphFileError::new(format!("edges[{k}] should be [u, v] or [u, v, weight]"))),
        };
        let end = |i: usize| -> Result<usize, GraphFileError> {
            let v = &pair[i];
            let id = match &nodes {
                Some(t) => t.lookup(v),
                None => bare_id(v),
            };
            id.map_err(|m| GraphFileError::new(format!("edges[{k}][{i}]: {m}")))
        };
        let (u, v) = (end(0)?, end(1)?);
        let w = match pair.get(2) {
            None => 1.0,
            Some(w) => number(w).map_err(|m| GraphFileError::new(format!("edges[{k}][2]: the weight {m}")))?,
        };
        edges.add(u, v, w, k).map_err(GraphFileError::new)?;
        max_id = Some(max_id.unwrap_or(0).max(u).max(v));
    }
    let n = match (&nodes, max_id) {
        (Some(t), _) => t.ids.len(),
        (None, Some(m)) => m + 1,
        (None, None) => 0,
    };
    if n == 0 {
        return Err(GraphFileError::new("the graph has no nodes: list some in \"nodes\" or \"edges\""));
    }
    let mut input = GraphInput::new(Graph::new(n, Vec::new()));
    if let Some(t) = nodes {
        t.fill(&mut input, &mut edges.warnings)?;
    }
    let (list, warnings) = edges.finish(n);
    input.graph = std::sync::Arc::new(Graph::new(n, list));
    Ok(ParsedGraph { input, warnings, format: GraphFormat::Json })
}

/// A JSON syntax error, located.
fn syntax_error(e: serde_json::Error) -> GraphFileError {
    let text = e.to_string();
    let what = text.split(" at line ").next().unwrap_or(&text);
    let message = match e.classify() {
        serde_json::error::Category::Eof => format!("the JSON ends too early ({what})"),
        _ => format!("this is not valid JSON: {what}"),
    };
    if e.line() == 0 {
        GraphFileError::new(message)
    } else {
        GraphFileError::at(e.line(), e.column(), message)
    }
}

/// A finite number (as f32).
fn number(v: &Value) -> Result<f32, String> {
    match v.as_f64().map(|x| x as f32) {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(format!("must be a finite number, found {}", quote(&v.to_string()))),
    }
}

/// A node id as a key: whole numbers and strings (`3` and `"3"` are the same id).
fn id_key(v: &Value) -> Result<String, String> {
    match v {
        Value::Number(n) if n.as_u64().is_some() => Ok(n.to_string()),
        Value::String(s) => Ok(s.clone()),
        Value::Number(_) => {
            Err(format!("a node id is a whole number from 0 or a string, found {}", quote(&v.to_string())))
        }
        _ => Err(format!("expected a node id, found {}", quote(&v.to_string()))),
    }
}

/// An id in a file without a `nodes` list: a whole number below the limit.
fn bare_id(v: &Value) -> Result<usize, String> {
    match v.as_u64() {
        Some(i) if i < MAX_NODES as u64 => Ok(i as usize),
        Some(i) => Err(format!("node id {i} is too large: graphs are limited to {MAX_NODES} nodes")),
        None if v.is_string() => Err("nodes named by strings must be listed in \"nodes\"".into()),
        None => Err(format!("a node id is a whole number from 0, found {}", quote(&v.to_string()))),
    }
}

/// A string attribute (numbers are accepted and written out).
fn text(v: &Value, what: &str, place: &str) -> Result<String, GraphFileError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        _ => Err(GraphFileError::new(format!("{place}: the {what} should be a string"))),
    }
}

/// What the `nodes` list says about each node.
#[derive(Default)]
struct NodeTable {
    index: HashMap<String, usize>,
    ids: Vec<String>,
    labels: Vec<Option<String>>,
    types: Vec<Option<String>>,
    features: Vec<Option<Vec<f32>>>,
    xy: Vec<Option<[f32; 2]>>,
}

impl NodeTable {
    fn read(list: &[Value]) -> Result<NodeTable, GraphFileError> {
        let mut t = NodeTable::default();
        for (k, node) in list.iter().enumerate() {
            let place = format!("nodes[{k}]");
            let empty = Map::new();
            let (id, obj) = match node {
                Value::Object(o) => (o.get("id").map(id_key).unwrap_or_else(|| Ok(k.to_string())), o),
                other => (id_key(other), &empty),
            };
            let id = id.map_err(|m| GraphFileError::new(format!("{place}: {m}")))?;
            if let Some(&j) = t.index.get(&id) {
                return Err(GraphFileError::new(format!(
                    "{place}: the id {} is already used by nodes[{j}]",
                    quote(&id)
                )));
            }
            t.index.insert(id.clone(), k);
            t.ids.push(id);
            t.labels.push(obj.get("label").map(|v| text(v, "label", &place)).transpose()?);
            t.types.push(obj.get("type").map(|v| text(v, "type", &place)).transpose()?);
            t.features.push(obj.get("features").map(|v| features(v, &place)).transpose()?);
            let coord = |c: &str| obj.get(c).map(|v| number(v).map_err(|m| format!("{place}: {c} {m}"))).transpose();
            t.xy.push(match (coord("x").map_err(GraphFileError::new)?, coord("y").map_err(GraphFileError::new)?) {
                (Some(x), Some(y)) => Some([x, y]),
                _ => None,
            });
        }
        Ok(t)
    }

    fn lookup(&self, v: &Value) -> Result<usize, String> {
        let key = id_key(v)?;
        self.index.get(&key).copied().ok_or_else(|| format!("node {} is not listed in \"nodes\"", quote(&key)))
    }

    /// Copy labels, types, features and positions into the input.
    fn fill(self, input: &mut GraphInput, warnings: &mut Warnings) -> Result<(), GraphFileError> {
        let n = self.ids.len();
        let renamed = self.ids.iter().enumerate().any(|(i, id)| *id != i.to_string());
        if renamed || self.labels.iter().any(Option::is_some) {
            input.labels =
                Some(self.labels.into_iter().zip(&self.ids).map(|(l, id)| l.unwrap_or(id.clone())).collect());
        }
        let missing = self.types.iter().filter(|t| t.is_none()).count();
        if missing < n {
            if missing > 0 {
                warnings.push(format!("{missing} nodes have no \"type\"; they get the type `?`"));
            }
            input.types = Some(self.types.into_iter().map(|t| t.unwrap_or_else(|| "?".into())).collect());
        }
        if let Some(first) = self.features.iter().position(Option::is_some) {
            let width = self.features[first].as_ref().map_or(0, Vec::len);
            let mut x = Array2::zeros((n, width));
            for (i, f) in self.features.iter().enumerate() {
                match f {
                    Some(f) if f.len() == width => x.row_mut(i).assign(&ndarray::ArrayView1::from(f.as_slice())),
                    _ => {
                        return Err(GraphFileError::new(format!(
                        "nodes[{i}] has {} features but nodes[{first}] has {width}: give every node the same number",
                        f.as_ref().map_or(0, Vec::len)
                    )))
                    }
                }
            }
            input.features = Some(x);
        }
        let placed: Vec<[f32; 2]> = self.xy.iter().flatten().copied().collect();
        if placed.len() == n {
            input.positions = Some(fit_unit_square(&placed));
        } else if !placed.is_empty() {
            warnings.push(format!("only {} of {n} nodes have both x and y: positions ignored", placed.len()));
        }
        Ok(())
    }
}

/// A node's feature vector: 1 to `MAX_FEATURES` finite numbers.
fn features(v: &Value, place: &str) -> Result<Vec<f32>, GraphFileError> {
    let Value::Array(list) = v else {
        return Err(GraphFileError::new(format!("{place}: \"features\" should be a list of numbers")));
    };
    if list.is_empty() || list.len() > MAX_FEATURES {
        return Err(GraphFileError::new(format!(
            "{place}: a node has 1 to {MAX_FEATURES} features, found {}",
            list.len()
        )));
    }
    list.iter()
        .enumerate()
        .map(|(i, x)| number(x).map_err(|m| GraphFileError::new(format!("{place}: feature {i} {m}"))))
        .collect()
}
