//! The lab state as JSON, so a student can check every number in a notebook:
//! the input, the transformation, every layer's weights, and for every layer
//! f(x), f(g·x), ρ(g)f(x) and the errors, the settings that shape each layer
//! and the action of g on its output as an index map. The schema
//! (`symmetry-lab/1`, `schema_version` 2) is documented in
//! `docs/export-schema.md` and `docs/export.schema.json`;
//! `docs/check_export.py` recomputes from it; `io::import_state` reads it back.
//!
//! Arrays are `{"shape": [...], "data": [...]}` with `data` in row-major
//! (C) order, so `numpy.array(a["data"]).reshape(a["shape"])` rebuilds them.

use crate::engine::check::{LayerCheck, Origin};
use crate::engine::layers::Setting;
use crate::engine::model::Model;
use crate::engine::pipelines::Pipelines;
use crate::engine::space::{Signal, Tensor};
use crate::engine::transform::Transform;
use ndarray::ArrayD;
use serde_json::{json, Map, Value};

/// The format tag of every export.
pub const FORMAT: &str = "symmetry-lab/1";
/// The version of the schema within the format: 2 added `settings`,
/// `action` and `input_action`.
pub const SCHEMA_VERSION: u32 = 2;

/// Index maps are given up to this many entries (an f32 holds every
/// integer up to 2^24 exactly, which the probe below needs).
const MAX_INDEX_MAP: usize = 1 << 24;

/// ρ(g) on a signal as an index map, when it is one: `source[i]` is the flat
/// (row-major) index of the entry of `f` that lands at flat index `i` of
/// ρ(g) f, or −1 where the action fills in 0 (a shift with zero fill).
/// `None` when g does not act on this space, or acts by mixing entries (an
/// interpolated rotation, a resampling warp). The map is checked, not
/// assumed: applied to a probe signal it must give exactly what ρ(g) gives.
pub fn index_map(g: &Transform, f: &Signal) -> Option<(Vec<usize>, Vec<i64>)> {
    let n = f.data.len();
    if n >= MAX_INDEX_MAP {
        return None;
    }
    let shape = f.data.shape().to_vec();
    let signal =
        |values: Vec<f32>| ArrayD::from_shape_vec(shape.clone(), values).ok().map(|d| Signal::new(d, f.space.clone()));
    // Indices 1..=n, so that a filled 0 is told apart from entry 0.
    let moved = g.act(&signal((1..=n).map(|i| i as f32).collect())?).ok()?;
    let source: Vec<i64> = moved
        .data
        .iter()
        .map(|&v| if v.fract() == 0.0 && v >= 0.0 && v <= n as f32 { Some(v as i64 - 1) } else { None })
        .collect::<Option<_>>()?;
    // A blend can land on an integer by chance: check the map on a probe
    // whose entries are all different and not in arithmetic progression.
    let probe: Vec<f32> = (0..n).map(|i| ((i as f32 + 1.0) * 0.618_034).fract() + 1.0).collect();
    let expected = g.act(&signal(probe.clone())?).ok()?;
    let agrees =
        source.iter().zip(expected.data.iter()).all(|(&s, &e)| if s < 0 { e == 0.0 } else { probe[s as usize] == e });
    agrees.then(|| (moved.data.shape().to_vec(), source))
}

/// The `action` object of a layer (or `input_action`): an index map, or why there is none.
fn action_json(g: &Transform, f: &Signal, no_action: Option<&str>) -> Value {
    if let Some(reason) = no_action {
        return json!({ "kind": "none", "reason": reason });
    }
    match index_map(g, f) {
        Some((shape, source)) => json!({ "kind": "index_map", "shape": shape, "source": source }),
        None if f.data.len() >= MAX_INDEX_MAP => json!({ "kind": "too_large", "reason": "more than 2^24 entries" }),
        None => json!({
            "kind": "linear",
            "reason": "g mixes entries here (an interpolated rotation or a resampling warp): see docs/export-schema.md for the convention",
        }),
    }
}

/// A layer's settings as a JSON object.
fn settings_json(settings: Vec<(&'static str, Setting)>) -> Value {
    let mut m = Map::new();
    for (key, value) in settings {
        m.insert(
            key.to_string(),
            match value {
                Setting::Text(t) => json!(t),
                // Counts and sizes as JSON integers, other numbers as they are.
                Setting::Number(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => json!(v as i64),
                Setting::Number(v) => number(v),
                Setting::Indices(v) => json!(v),
            },
        );
    }
    Value::Object(m)
}

/// An array as `{"shape", "data"}`. Non-finite values become `null`.
pub fn tensor_json(t: &Tensor) -> Value {
    let data: Vec<Value> =
        t.as_standard_layout().iter().map(|&v| if v.is_finite() { json!(v) } else { Value::Null }).collect();
    json!({ "shape": t.shape(), "data": data })
}

/// A finite number, or `null` (an infinite error means the shapes differ).
fn number(v: f64) -> Value {
    if v.is_finite() {
        json!(v)
    } else {
        Value::Null
    }
}

/// Everything a lab shows, as one JSON document.
pub struct Export<'a> {
    /// `image`, `graph`, `dna`, `sequence`.
    pub lab: &'a str,
    /// The URL state (`#/image?...`) that reproduces the view.
    pub url: String,
    pub input: &'a Signal,
    pub transformed: &'a Signal,
    pub g: &'a Transform,
    pub model: &'a Model,
    /// The model the g·x pipeline ran, when it is not `model` (the sequence
    /// lab's gate rescale slows the gates for a warped input): its weights
    /// are exported as each layer's `params_gx`.
    pub model_gx: Option<&'a Model>,
    pub trace_x: &'a [Signal],
    pub trace_gx: &'a [Signal],
    pub checks: &'a [LayerCheck],
}

impl<'a> Export<'a> {
    /// The export of a lab's pipelines (`engine::pipelines`), as the lab shows them.
    pub fn of(
        lab: &'a str,
        url: String,
        p: &'a Pipelines,
        g: &'a Transform,
        model: &'a Model,
        model_gx: Option<&'a Model>,
    ) -> Export<'a> {
        Export {
            lab,
            url,
            input: &p.x,
            transformed: &p.gx,
            g,
            model,
            model_gx,
            trace_x: &p.trace_x,
            trace_gx: &p.trace_gx,
            checks: &p.checks,
        }
    }

    pub fn to_json(&self) -> Value {
        let layers: Vec<Value> = self
            .checks
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let layer = &self.model.layers[k.min(self.model.layers.len().saturating_sub(1))];
                let params_of = |layer: &dyn crate::engine::layers::Layer| -> Vec<Value> {
                    layer
                        .params()
                        .iter()
                        .map(|p| json!({ "name": p.name, "shape": p.value.shape(), "data": tensor_json(&p.value)["data"] }))
                        .collect()
                };
                let params = params_of(layer.as_ref());
                let params_gx = self.model_gx.and_then(|m| m.layers.get(k)).map(|l| params_of(l.as_ref()));
                json!({
                    "index": c.index,
                    "kind": c.kind,
                    "label": c.label,
                    "output_space": self.trace_x.get(k).map(|s| s.space.describe()),
                    "settings": settings_json(layer.settings()),
                    "action": self.trace_x.get(k).map(|fx| action_json(self.g, fx, c.moved.no_action())),
                    "params": params,
                    "params_gx": params_gx,
                    "f_x": self.trace_x.get(k).map(|s| tensor_json(&s.data)),
                    "f_gx": self.trace_gx.get(k).map(|s| tensor_json(&s.data)),
                    "rho_g_f_x": c.moved.kept().map(|m| tensor_json(&m.data)).or_else(|| {
                        let fx = self.trace_x.get(k)?;
                        let l = fx.data.shape().get(1).copied().unwrap_or(0);
                        c.moved.on_strand(fx, 0..l).map(|m| tensor_json(&m.data))
                    }),
                    "no_action_reason": c.moved.no_action(),
                    "invariance_error": number(c.invariance_error),
                    "equivariance_error": c.equivariance_error.map(number),
                    "baseline_error": number(c.baseline_error),
                    "local_error": c.local_error.map(number),
                    "origin": match c.origin() {
                        Origin::Exact => "exact",
                        Origin::Here => "broken here",
                        Origin::Earlier => "lost earlier",
                        Origin::Unknown => "unknown",
                    },
                    "verdict": c.verdict.as_str(),
                })
            })
            .collect();
        json!({
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "lab": self.lab,
            "url": self.url,
            "transformation": self.g.to_string(),
            "model": self.model.name,
            "input": tensor_json(&self.input.data),
            "transformed_input": tensor_json(&self.transformed.data),
            "input_action": action_json(self.g, self.input, None),
            "error_definition": "equivariance_error = ||f_gx - rho_g_f_x|| / max(||rho_g_f_x||, 1e-12); invariance_error = ||f_gx - f_x|| / max(||f_x||, 1e-12); baseline_error = ||f_sx - f_x|| / max(||f_x||, 1e-12) where s is a fixed rearrangement of the input that is no symmetry (the picture's four quarters trade places, top left -> bottom right -> top right -> bottom left -> top left; a strand's or a series' four quarters 1st -> 3rd -> 2nd -> 4th -> 1st; node features by one cycle through all nodes against the graph); local_error = ||layer(rho_g of the layer's input on x) - rho_g_f_x|| / max(||rho_g_f_x||, 1e-12); Frobenius norms; 0 when both are zero",
            "verdict_rule": "invariant if invariance_error < 1e-4, else equivariant if equivariance_error < 1e-4, else approximate if the smaller of the two is < 5e-2 and < baseline_error / 10, else neither",
            "layers": layers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::models::image::{build, ImageModelConfig};
    use crate::engine::pipelines::run;
    use crate::io::{image_presets, transform_expr};

    #[test]
    fn the_exported_numbers_reproduce_the_errors() {
        let cfg = ImageModelConfig { input_size: 16, channels: 2, ..Default::default() };
        let model = build(&cfg);
        let x = Signal::image(image_presets::render("letter", 16).unwrap().insert_axis(ndarray::Axis(0)));
        let g = transform_expr::parse("rot90", transform_expr::Domain::Image).unwrap();
        let r = run(&model, &x, &g).unwrap();
        let e = Export {
            lab: "image",
            url: "#/image?g=rot90".into(),
            input: &x,
            transformed: &r.gx,
            g: &g,
            model: &model,
            model_gx: None,
            trace_x: &r.trace_x,
            trace_gx: &r.trace_gx,
            checks: &r.checks,
        }
        .to_json();
        assert_eq!(e["format"], FORMAT);
        let layers = e["layers"].as_array().unwrap();
        assert_eq!(layers.len(), model.layers.len());
        let floats = |v: &Value| v["data"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect::<Vec<_>>();
        for l in layers {
            let (fgx, fx) = (floats(&l["f_gx"]), floats(&l["f_x"]));
            let diff: f64 = fgx.iter().zip(&fx).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
            let norm: f64 = fx.iter().map(|a| a * a).sum::<f64>().sqrt().max(1e-12);
            let inv = if diff == 0.0 { 0.0 } else { diff / norm };
            let reported = l["invariance_error"].as_f64().unwrap();
            assert!((inv - reported).abs() <= 1e-6 * reported.max(1.0), "{inv} vs {reported}");
        }
        assert_eq!(layers[0]["params"][0]["name"], "weight");
        // The revised rule's numbers travel too, and the verdict follows from them.
        for (l, c) in layers.iter().zip(&r.checks) {
            assert_eq!(l["baseline_error"].as_f64().unwrap(), c.baseline_error);
            let rule = crate::engine::check::Verdict::from_errors(
                l["invariance_error"].as_f64().unwrap(),
                l["equivariance_error"].as_f64(),
                l["baseline_error"].as_f64().unwrap(),
            );
            assert_eq!(l["verdict"], rule.as_str());
        }
        assert_eq!(layers[0]["origin"], "broken here", "a generic filter breaks rot90 at the first conv");
        // The index map of every layer rebuilds ρ(g) f(x) from f(x), and the settings are there.
        assert_eq!(e["schema_version"], SCHEMA_VERSION);
        assert_eq!(layers[0]["settings"]["padding"], "circular");
        for l in layers {
            let (fx, moved) = (floats(&l["f_x"]), floats(&l["rho_g_f_x"]));
            assert_eq!(l["action"]["kind"], "index_map", "{}", l["kind"]);
            let source = l["action"]["source"].as_array().unwrap();
            assert_eq!(source.len(), moved.len());
            for (i, s) in source.iter().enumerate() {
                let s = s.as_i64().unwrap();
                assert_eq!(moved[i], if s < 0 { 0.0 } else { fx[s as usize] });
            }
        }
        let input_map = e["input_action"]["source"].as_array().unwrap();
        let (x0, gx) = (floats(&e["input"]), floats(&e["transformed_input"]));
        assert!(input_map.iter().enumerate().all(|(i, s)| gx[i] == x0[s.as_u64().unwrap() as usize]));
    }

    #[test]
    fn an_index_map_is_given_only_where_g_permutes_entries() {
        let x = Signal::image(image_presets::render("letter", 8).unwrap().insert_axis(ndarray::Axis(0)));
        let parse = |g: &str| transform_expr::parse(g, transform_expr::Domain::Image).unwrap();
        // A quarter turn and a wrapped shift permute pixels; a zero-filled shift fills with -1.
        assert!(index_map(&parse("rot90"), &x).is_some());
        let (_, shifted) = index_map(&parse("zshift(0,1)"), &x).unwrap();
        assert_eq!(shifted.iter().filter(|&&s| s < 0).count(), 8, "one row filled with zeros");
        // An interpolated rotation mixes pixels: no index map, said as "linear".
        assert!(index_map(&parse("rot(45)"), &x).is_none());
        assert_eq!(action_json(&parse("rot(45)"), &x, None)["kind"], "linear");
        assert_eq!(action_json(&parse("rot90"), &x, Some("stride"))["kind"], "none");
    }
}
