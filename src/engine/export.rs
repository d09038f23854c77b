//! The lab state as JSON, so a student can check every number in a notebook:
//! the input, the transformation, every layer's weights, and for every layer
//! f(x), f(g·x), ρ(g)f(x) and the errors. The schema (`symmetry-lab/1`) is
//! documented in README.md; `io::import_state` reads it back.
//!
//! Arrays are `{"shape": [...], "data": [...]}` with `data` in row-major
//! (C) order, so `numpy.array(a["data"]).reshape(a["shape"])` rebuilds them.

use crate::engine::check::{LayerCheck, Origin};
use crate::engine::model::Model;
use crate::engine::space::{Signal, Tensor};
use crate::engine::transform::Transform;
use serde_json::{json, Value};

/// The format tag of every export.
pub const FORMAT: &str = "symmetry-lab/1";

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
    pub trace_x: &'a [Signal],
    pub trace_gx: &'a [Signal],
    pub checks: &'a [LayerCheck],
}

impl Export<'_> {
    pub fn to_json(&self) -> Value {
        let layers: Vec<Value> = self
            .checks
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let layer = &self.model.layers[k.min(self.model.layers.len().saturating_sub(1))];
                let params: Vec<Value> = layer
                    .params()
                    .iter()
                    .map(|p| json!({ "name": p.name, "shape": p.value.shape(), "data": tensor_json(&p.value)["data"] }))
                    .collect();
                json!({
                    "index": c.index,
                    "kind": c.kind,
                    "label": c.label,
                    "output_space": self.trace_x.get(k).map(|s| s.space.describe()),
                    "params": params,
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
            "lab": self.lab,
            "url": self.url,
            "transformation": self.g.to_string(),
            "model": self.model.name,
            "input": tensor_json(&self.input.data),
            "transformed_input": tensor_json(&self.transformed.data),
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
    }
}
