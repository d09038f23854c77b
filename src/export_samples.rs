//! Small real exports of every lab (`engine::export`), built the way the
//! labs build them: through `engine::pipelines` and each lab's own link
//! writer. The import test, the fuzz seeds of `state_import`, the schema
//! check and `docs/check_export.py` (through `examples/export_samples.rs`)
//! all read these. Small inputs and models, so a file is a few kB.

use crate::engine::export::Export;
use crate::engine::model::Model;
use crate::engine::models::{dna, graph, image, sequence};
use crate::engine::nucleotide;
use crate::engine::pipelines::{self, Pipelines};
use crate::engine::space::Signal;
use crate::io::query::HashLocation;
use crate::io::transform_expr::{self, Domain};
use crate::io::{dna_settings, graph_presets, graph_settings, image_presets, image_settings};
use crate::io::{sequence_presets, sequence_settings};
use ndarray::Axis;

/// One lab's export: the document and what it was made from.
pub struct Exported {
    pub lab: &'static str,
    pub url: String,
    pub input: Signal,
    pub json: String,
}

fn export(lab: &'static str, url: HashLocation, model: &Model, x: Signal, g: &str, domain: Domain) -> Exported {
    let g = transform_expr::parse(g, domain).expect("the samples are valid");
    let r: Pipelines = pipelines::run(model, &x, &g).expect("the samples are valid");
    let url = url.to_hash();
    let json = Export::of(lab, url.clone(), &r, &g, model, None).to_json().to_string();
    Exported { lab, url, input: x, json }
}

/// The link a lab writes for its settings, with `g` set to what was exported.
fn link<S>(write: fn(&mut HashLocation, &S), s: &S, g: &str) -> HashLocation {
    let mut loc = HashLocation::default();
    write(&mut loc, s);
    loc.set("g", Some(g.into()));
    loc
}

/// Small exports of every lab (small inputs and models, so the seeds stay a few kB).
pub fn samples() -> Vec<Exported> {
    let img_cfg = image::ImageModelConfig { input_size: 6, channels: 2, ..Default::default() };
    let img = Signal::image(image_presets::render("letter", 6).expect("the samples are valid").insert_axis(Axis(0)));
    let img_url = link(image_settings::write, &image_settings::ImageSettings::default(), "rot90");

    let tri = graph_presets::two_triangles();
    let feats = tri.signal(tri.available_features()[0]).expect("the samples are valid");
    let (n, f) = (feats.data.shape()[0], feats.data.shape()[1]);
    let gcfg = graph::GraphModelConfig { hidden: 2, ..Default::default() };
    let gmodel = graph::build(&gcfg, n, f).expect("the samples are valid");
    let gurl = link(graph_settings::write, &graph_settings::GraphSettings::default(), "perm(7)");

    let dcfg = dna::DnaModelConfig { filters: 1, kernel: 3, ..Default::default() };
    let strand = nucleotide::encode("ACGTTGCAN").expect("the samples are valid");
    let durl = link(dna_settings::write, &dna_settings::DnaSettings::default(), "rc;shift(1)");

    let scfg = sequence::SequenceModelConfig { hidden: 2, ..Default::default() };
    let sampling = sequence_presets::Sampling { duration: 1.0, rate: 4.0 };
    let series = sequence_presets::render("melody", sampling).expect("the samples are valid");
    let surl = link(sequence_settings::write, &sequence_settings::SequenceSettings::default(), "delay(2)");
    vec![
        export("image", img_url, &image::build(&img_cfg), img, "rot90", Domain::Image),
        export("graph", gurl, &gmodel, feats, "perm(7)", Domain::Graph),
        export("dna", durl, &dna::build(&dcfg), strand, "rc;shift(1)", Domain::Dna),
        export("sequence", surl, &sequence::build(&scfg), series, "delay(2)", Domain::Sequence),
    ]
}
