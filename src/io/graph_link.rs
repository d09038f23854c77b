//! A learner's own graph (drawn, edited or loaded) as a compact code, for the
//! graph lab's `graph=` link parameter and the `graph` field of its export.
//!
//! The code restores the same view and the same numbers: the node count, the
//! edges in their stored order and direction (the order fixes the order of
//! every neighbour sum, so the errors come back to the last bit), the edge
//! weights and given node features as exact 32-bit floats, the labels, the
//! node types, and the drawing positions quantised to 1/65535 of the unit
//! square (invisible on screen). Bytes, version 1:
//!
//! ```text
//! 1 | flags (1 weights, 2 features, 4 labels, 8 types, 16 positions) | n | m
//! m × (zigzag(u − previous u), zigzag(v − u))            varints
//! [weights: m × f32]  [features: F, n·F × f32]  [labels: n × (len, utf-8)]
//! [types: K, K × (len, utf-8), n × index]  [positions: n × (x, y) as u16]
//! ```
//!
//! then deflated and written in URL-safe base64 (`url_codec::pack`). A sorted
//! edge list costs about a byte an edge. Decoding checks every count against
//! the graph limits of the file loaders and against the bytes left before
//! allocating, and refuses anything malformed with a message in words.

use super::byte_reader::{put_string, put_varint, unzigzag, zigzag, ByteReader};
use super::graph_file::{MAX_EDGES, MAX_FEATURES, MAX_NODES};
use super::url_codec::{pack, unpack_within, LINK_BUDGET};
use crate::engine::graph::Graph;
use crate::engine::graph_input::GraphInput;
use crate::engine::text::thousands;
use ndarray::Array2;

const VERSION: u8 = 1;
const WEIGHTS: u8 = 1;
const FEATURES: u8 = 2;
const LABELS: u8 = 4;
const TYPES: u8 = 8;
const POSITIONS: u8 = 16;
/// Positions are kept to this many steps across the unit square.
const QUANTUM: f32 = 65535.0;
/// Longest label or type name kept, in bytes.
pub const MAX_NAME_BYTES: usize = 200;
/// Most feature values (nodes × features), as for an imported input.
pub const MAX_FEATURE_VALUES: usize = 4_000_000;
/// Graphs bigger than this are not even encoded for a link: they cannot fit
/// in [`LINK_BUDGET`] (a position alone takes 4 bytes a node).
pub const LINK_MAX_NODES: usize = 5_000;
pub const LINK_MAX_EDGES: usize = 50_000;

/// How long a code may be and how far it may inflate.
#[derive(Clone, Copy, Debug)]
pub struct CodeLimits {
    pub max_encoded: usize,
    pub max_inflated: usize,
}

/// A code in a link (the URL state is at most 64 kB).
pub const IN_LINK: CodeLimits = CodeLimits { max_encoded: 64 * 1024, max_inflated: 1 << 20 };
/// A code in an exported file (at most 64 MB).
pub const IN_FILE: CodeLimits = CodeLimits { max_encoded: 64 * 1024 * 1024, max_inflated: 48 * 1024 * 1024 };

/// The code of a graph (any size; see [`for_link`] for the link's budget).
pub fn encode(input: &GraphInput) -> String {
    pack(&to_bytes(input))
}

/// The code for a link, or why the graph does not fit in one (in words, with
/// its size, pointing to Export JSON).
pub fn for_link(input: &GraphInput) -> Result<String, String> {
    let (n, m) = (input.node_count(), input.graph.edges().len());
    if n > LINK_MAX_NODES || m > LINK_MAX_EDGES {
        return Err(format!(
            "Your graph ({} nodes, {} edges) is too big for a link, which holds about {} kB: the link keeps the settings only. Export JSON keeps the graph, and Import JSON brings it back.",
            thousands(n),
            thousands(m),
            LINK_BUDGET / 1024
        ));
    }
    let code = encode(input);
    if code.len() > LINK_BUDGET {
        return Err(format!(
            "Your graph takes {:.1} kB in a link, more than the {} kB a link holds: the link keeps the settings only. Export JSON keeps the graph, and Import JSON brings it back.",
            code.len() as f64 / 1024.0,
            LINK_BUDGET / 1024
        ));
    }
    Ok(code)
}

fn to_bytes(input: &GraphInput) -> Vec<u8> {
    let n = input.node_count();
    let edges = input.graph.edges();
    let features = input.features.as_ref().filter(|f| f.nrows() == n && f.ncols() > 0);
    let labels = input.labels.as_ref().filter(|l| l.len() == n);
    let types = input.types.as_ref().filter(|t| t.len() == n);
    let positions = input.positions.as_ref().filter(|p| p.len() == n);
    let mut flags = 0;
    for (on, flag) in [
        (edges.iter().any(|e| e.2 != 1.0), WEIGHTS),
        (features.is_some(), FEATURES),
        (labels.is_some(), LABELS),
        (types.is_some(), TYPES),
        (positions.is_some(), POSITIONS),
    ] {
        if on {
            flags |= flag;
        }
    }
    let mut out = vec![VERSION, flags];
    put_varint(&mut out, n as u64);
    put_varint(&mut out, edges.len() as u64);
    let mut previous = 0i64;
    for &(u, v, _) in edges {
        put_varint(&mut out, zigzag(u as i64 - previous));
        put_varint(&mut out, zigzag(v as i64 - u as i64));
        previous = u as i64;
    }
    if flags & WEIGHTS != 0 {
        edges.iter().for_each(|e| out.extend_from_slice(&e.2.to_le_bytes()));
    }
    if let Some(f) = features {
        put_varint(&mut out, f.ncols() as u64);
        f.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
    }
    for l in labels.into_iter().flatten() {
        put_string(&mut out, cut(l));
    }
    if let Some(t) = types {
        let vocab = input.type_vocabulary();
        put_varint(&mut out, vocab.len() as u64);
        vocab.iter().for_each(|name| put_string(&mut out, cut(name)));
        for name in t {
            put_varint(&mut out, vocab.binary_search(name).unwrap_or(0) as u64);
        }
    }
    for p in positions.into_iter().flatten() {
        for c in p {
            out.extend_from_slice(&((c.clamp(0.0, 1.0) * QUANTUM).round() as u16).to_le_bytes());
        }
    }
    out
}

/// A name cut to [`MAX_NAME_BYTES`] on a character boundary.
fn cut(s: &str) -> &str {
    let mut end = s.len().min(MAX_NAME_BYTES);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

/// Decode a code made by [`encode`], within `limits` and the graph limits of
/// the file loaders ([`MAX_NODES`], [`MAX_EDGES`], [`MAX_FEATURES`]).
pub fn decode(text: &str, limits: CodeLimits) -> Result<GraphInput, String> {
    let bytes = unpack_within(text, limits.max_encoded, limits.max_inflated)
        .map_err(|e| e.replace("the encoded input", "the encoded graph"))?;
    let mut r = ByteReader::new(&bytes, "the encoded graph");
    let version = r.u8()?;
    if version != VERSION {
        return Err(format!("the encoded graph has version {version}; this app reads version {VERSION}"));
    }
    let flags = r.u8()?;
    if flags & !(WEIGHTS | FEATURES | LABELS | TYPES | POSITIONS) != 0 {
        return Err("the encoded graph has unknown parts".into());
    }
    let n = r.count(MAX_NODES, "nodes")?;
    let m = r.count(MAX_EDGES.min(r.remaining() / 2), "edges (or is cut short)")?;
    let mut edges = Vec::with_capacity(m);
    let mut previous = 0i64;
    for k in 0..m {
        let (du, dv) = (unzigzag(r.varint()?), unzigzag(r.varint()?));
        let u = du.checked_add(previous);
        let v = u.and_then(|u| dv.checked_add(u));
        let node = |x: Option<i64>| x.and_then(|x| usize::try_from(x).ok()).filter(|&x| x < n);
        let (Some(u), Some(v)) = (node(u), node(v)) else {
            return Err(format!("edge {k} of the encoded graph names a node that is not among its {n} nodes"));
        };
        previous = u as i64;
        edges.push((u, v, 1.0));
    }
    if flags & WEIGHTS != 0 {
        for (k, e) in edges.iter_mut().enumerate() {
            e.2 = finite(r.f32()?, || format!("the weight of edge {k}"))?;
        }
    }
    let features = if flags & FEATURES != 0 {
        let f = r.count(MAX_FEATURES, "features per node")?;
        let total = n.checked_mul(f).filter(|&t| t <= MAX_FEATURE_VALUES && t.saturating_mul(4) <= r.remaining());
        let Some(total) = total.filter(|_| f > 0) else {
            return Err(format!("the encoded graph's {n} × {f} features are missing, too many or cut short"));
        };
        let mut values = Vec::with_capacity(total);
        for k in 0..total {
            values.push(finite(r.f32()?, || format!("feature {} of node {}", k % f, k / f))?);
        }
        Some(Array2::from_shape_vec((n, f), values).map_err(|e| e.to_string())?)
    } else {
        None
    };
    let labels = (flags & LABELS != 0).then(|| names(&mut r, n)).transpose()?;
    let types = if flags & TYPES != 0 {
        let k = r.count(n.min(r.remaining()), "node types")?;
        let vocab = names(&mut r, k)?;
        let mut t = Vec::with_capacity(n.min(r.remaining()));
        for i in 0..n {
            let index = r.varint()?;
            let name = usize::try_from(index).ok().and_then(|j| vocab.get(j));
            t.push(name.cloned().ok_or_else(|| format!("node {i} of the encoded graph has an unknown type"))?);
        }
        Some(t)
    } else {
        None
    };
    let positions = if flags & POSITIONS != 0 {
        if n.saturating_mul(4) > r.remaining() {
            return Err("the encoded graph's node positions are cut short".into());
        }
        let mut p = Vec::with_capacity(n);
        for _ in 0..n {
            p.push([r.u16()? as f32 / QUANTUM, r.u16()? as f32 / QUANTUM]);
        }
        Some(p)
    } else {
        None
    };
    r.finish()?;
    let mut input = GraphInput::new(Graph::new(n, edges));
    input.features = features;
    input.labels = labels;
    input.types = types;
    input.positions = positions;
    Ok(input)
}

/// `k` names, each at most [`MAX_NAME_BYTES`] (at least a byte each, so `k`
/// is checked against the bytes left first).
fn names(r: &mut ByteReader, k: usize) -> Result<Vec<String>, String> {
    if k > r.remaining() {
        return Err("the encoded graph's names are cut short".into());
    }
    (0..k).map(|_| r.string(MAX_NAME_BYTES)).collect()
}

fn finite(v: f32, what: impl Fn() -> String) -> Result<f32, String> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(format!("{} in the encoded graph is not a finite number", what()))
    }
}

#[cfg(test)]
mod tests;
