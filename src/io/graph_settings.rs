//! The graph lab's settings as URL parameters, both ways:
//! `preset`, `graph` (a learner's own graph, see [`super::graph_link`]),
//! `g`, `model`, `readout`, `features`, `seed`, `wl`.
//!
//! Reading never fails as a whole: each unknown value is reported in words and
//! replaced by its default, so one typo in a shared link does not lose the
//! rest of the view.

use super::graph_link::{self, IN_LINK};
use super::graph_presets::PRESETS;
use super::query::HashLocation;
use super::transform_expr::{self, Domain};
use super::url_fields::{read_field, read_g};
use crate::engine::graph_input::{GraphInput, NodeFeatures};
use crate::engine::layers::graph::readout::ReadoutMode;
use crate::engine::models::graph::{GraphArch, GraphModelConfig};
use crate::engine::transform::Transform;
use std::rc::Rc;

/// The default transformation of a fresh lab: a random renumbering.
pub const DEFAULT_G: &str = "perm(7)";
/// The default input: small enough to read its matrices, with atom types.
pub const DEFAULT_PRESET: &str = "caffeine";
/// The default pair of the 1-WL panel (claim G6).
pub const DEFAULT_WL: (&str, &str) = ("two-triangles", "hexagon");

/// What the URL asks the graph lab to show.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphSettings {
    /// `None` when the URL names no preset (keep the current graph).
    pub preset: Option<String>,
    /// A learner's own graph (`graph=`); it wins over `preset`.
    pub graph: Option<LinkedGraph>,
    pub g: Transform,
    pub model: GraphModelConfig,
    /// `None`: the input's default features (given, else types, else degree).
    pub features: Option<NodeFeatures>,
    /// The two presets compared by the 1-WL panel.
    pub wl: (String, String),
}

/// A graph carried by a link: the decoded input and the code it came from
/// (written back unchanged, so a link read and written is the same link).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkedGraph {
    pub input: Rc<GraphInput>,
    pub code: String,
}

impl Default for GraphSettings {
    fn default() -> Self {
        GraphSettings {
            preset: Some(DEFAULT_PRESET.into()),
            graph: None,
            g: transform_expr::parse(DEFAULT_G, Domain::Graph).unwrap_or_default(),
            model: GraphModelConfig::default(),
            features: None,
            wl: (DEFAULT_WL.0.into(), DEFAULT_WL.1.into()),
        }
    }
}

fn preset_names() -> String {
    PRESETS.iter().map(|q| q.name).collect::<Vec<_>>().join(", ")
}

fn is_preset(name: &str) -> bool {
    PRESETS.iter().any(|q| q.name == name)
}

/// `wl=a,b`: two preset names.
fn parse_wl(v: &str) -> Result<(String, String), String> {
    let parts: Vec<&str> = v.split(',').map(str::trim).collect();
    match parts.as_slice() {
        [a, b] if is_preset(a) && is_preset(b) => Ok((a.to_string(), b.to_string())),
        [a, b] => {
            let bad = if is_preset(a) { b } else { a };
            Err(format!("The 1-WL panel has no preset called “{bad}”; the presets are {}.", preset_names()))
        }
        _ => Err(format!("“{v}” is not a valid wl; write two preset names, like wl=two-triangles,hexagon.")),
    }
}

/// Read the settings; the second value lists what was refused and why.
pub fn read(loc: &HashLocation) -> (GraphSettings, Vec<String>) {
    let mut s = GraphSettings::default();
    let mut errors = Vec::new();
    match loc.get("preset") {
        Some(p) if is_preset(p) => s.preset = Some(p.to_string()),
        Some(p) => errors.push(format!("There is no graph preset called “{p}”; the presets are {}.", preset_names())),
        None if loc.params.is_empty() => {}
        None => s.preset = None,
    }
    if let Some(code) = loc.get("graph") {
        match graph_link::decode(code, IN_LINK) {
            Ok(input) => {
                s.graph = Some(LinkedGraph { input: Rc::new(input), code: code.to_string() });
                s.preset = None;
            }
            Err(e) => {
                errors.push(format!("The graph in the link was not read ({e}), so the current graph was kept."));
                s.preset = None;
            }
        }
    }
    if let Some(g) = read_g(loc, &mut errors, Domain::Graph) {
        s.g = g;
    }
    let mut field =
        |key: &str, names: &str, ok: &mut dyn FnMut(&str) -> bool| read_field(loc, &mut errors, key, names, ok);
    field("model", "gcn, gin, mpnn-sum, mpnn-mean, mpnn-max, mlp", &mut |v| {
        GraphArch::parse(v).map(|a| s.model.arch = a).is_some()
    });
    field("readout", "sum, mean, max", &mut |v| ReadoutMode::parse(v).map(|m| s.model.readout = m).is_some());
    field("features", "given, degree, type, constant", &mut |v| {
        NodeFeatures::parse(v).map(|k| s.features = Some(k)).is_some()
    });
    field("seed", "a whole number from 0 to 4294967295", &mut |v| {
        v.parse::<u32>().map(|n| s.model.seed = n as u64).is_ok()
    });
    if let Some(v) = loc.get("wl") {
        match parse_wl(v) {
            Ok(pair) => s.wl = pair,
            Err(e) => errors.push(e),
        }
    }
    (s, errors)
}

/// Write the settings into `loc` (other parameters, like `embed`, are kept).
pub fn write(loc: &mut HashLocation, s: &GraphSettings) {
    loc.route = "/graph".into();
    let code = s.graph.as_ref().map(|g| g.code.clone());
    loc.set("preset", s.preset.clone().filter(|_| code.is_none()));
    loc.set("graph", code);
    loc.set("g", Some(s.g.to_string()).filter(|_| !s.g.is_identity()).or(Some("id".into())));
    loc.set("model", Some(s.model.arch.name().into()));
    loc.set("readout", Some(s.model.readout.name().into()));
    loc.set("features", s.features.map(|k| k.name().into()));
    loc.set("seed", Some(s.model.seed.to_string()));
    loc.set("wl", Some(format!("{},{}", s.wl.0, s.wl.1)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layers::graph::aggregate::Aggregation;

    #[test]
    fn round_trip() {
        let loc = HashLocation::parse(
            "#/graph?preset=karate&g=perm(3);swapx(0,1)&model=mpnn-max&readout=mean&features=degree&seed=9&wl=path,star",
        )
        .unwrap();
        let (s, errors) = read(&loc);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.model.arch, GraphArch::Mpnn(Aggregation::Max));
        assert_eq!(s.model.readout, ReadoutMode::Mean);
        assert_eq!(s.features, Some(NodeFeatures::Degree));
        assert_eq!(s.g.to_string(), "perm(3);swapx(0,1)");
        let mut out = HashLocation::default();
        write(&mut out, &s);
        assert_eq!(read(&out).0, s);
        assert!(out.to_hash().starts_with("#/graph?preset=karate&g=perm(3);swapx(0,1)&model=mpnn-max"));
    }

    #[test]
    fn a_graph_in_the_link_wins_over_the_preset_and_a_bad_one_keeps_the_current_graph() {
        let mut input = crate::io::graph_presets::load("star").unwrap();
        input.positions = None;
        let code = graph_link::encode(&input);
        let (s, errors) =
            read(&HashLocation::parse(&format!("#/graph?preset=karate&graph={code}&g=swap(0,1)")).unwrap());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.preset, None);
        assert_eq!(s.graph.as_ref().map(|g| g.input.as_ref()), Some(&input));
        let mut out = HashLocation::default();
        write(&mut out, &s);
        assert!(!out.to_hash().contains("preset="));
        assert_eq!(read(&out).0, s);
        let (s, errors) = read(&HashLocation::parse("#/graph?graph=AAAA&model=gin").unwrap());
        assert_eq!((s.preset, s.graph), (None, None));
        assert_eq!(s.model.arch, GraphArch::Gin);
        assert!(errors[0].starts_with("The graph in the link was not read (the encoded"), "{errors:?}");
    }

    #[test]
    fn defaults_for_a_bare_route() {
        let (s, errors) = read(&HashLocation::parse("#/graph").unwrap());
        assert!(errors.is_empty());
        assert_eq!(s, GraphSettings::default());
        assert_eq!(s.g.to_string(), DEFAULT_G);
        // A link without a preset keeps the current graph.
        let (s, _) = read(&HashLocation::parse("#/graph?g=swap(0,1)").unwrap());
        assert_eq!(s.preset, None);
    }

    #[test]
    fn typos_are_reported_and_the_rest_kept() {
        let loc = HashLocation::parse(
            "#/graph?preset=nope&g=rot90&model=transformer&readout=median&features=colour&seed=-1&wl=path,moon",
        )
        .unwrap();
        let (s, errors) = read(&loc);
        assert_eq!(errors.len(), 7, "{errors:?}");
        assert!(errors[0].contains("nope") && errors[0].contains("karate"));
        assert!(errors[1].contains("rot90"));
        assert!(errors.iter().any(|e| e.contains("moon")));
        assert_eq!(s.preset.as_deref(), Some(DEFAULT_PRESET));
        assert_eq!(s.model, GraphModelConfig::default());
        let (s, errors) = read(&HashLocation::parse("#/graph?model=gin&wl=path").unwrap());
        assert_eq!(s.model.arch, GraphArch::Gin);
        assert_eq!(errors.len(), 1);
        assert_eq!(s.wl, (DEFAULT_WL.0.to_string(), DEFAULT_WL.1.to_string()));
    }
}
