//! The image lab's settings as URL parameters, both ways:
//! `preset`, `g`, `model`, `pad`, `filters` (`trained`, the default: the
//! digit classifiers of `engine::models::image::trained`, the same for every seed;
//! or `random`, `handmade`, `symmetric`), `pool`, `seed`, and for the
//! group CNNs `orient` (orientation pooling), `mask=1` (the circular input
//! mask for rotations) and `size` (the input side: 64, or the odd 63 that
//! shows how strided pooling breaks exact rotation equivariance), and `img`:
//! the learner's own drawing (`io::url_codec::encode_image`), written when no
//! preset is shown and the code fits [`url_codec::LINK_BUDGET`].
//!
//! Reading never fails as a whole: each unknown value is reported in words and
//! replaced by its default, so one typo in a shared link does not lose the
//! rest of the view.

use super::image_presets::PRESETS;
use super::query::HashLocation;
use super::transform_expr::{self, Domain};
use super::url_codec;
use super::url_fields::{read_field, read_g};
use crate::engine::grid_group::GridGroup;
use crate::engine::kernels::conv2d::Padding;
use crate::engine::layers::orient_pool::OrientReduce;
use crate::engine::layers::pool::PoolMode;
use crate::engine::models::filters::FilterSource;
use crate::engine::models::image::{ImageArch, ImageModelConfig};
use crate::engine::transform::Transform;
use ndarray::Array2;
use std::rc::Rc;

/// The default transformation of a fresh lab: something to see at once.
pub const DEFAULT_G: &str = "shift(4,6)";
/// The default input.
pub const DEFAULT_PRESET: &str = "digit3";
/// The input sides a learner can pick: even (exact after 2×2 pooling) and odd
/// (broken, see `engine::stride_parity`). The first is the default.
pub const SIZES: [usize; 2] = [64, 63];

/// What the URL asks the image lab to show.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageSettings {
    /// `None` when the URL names no preset (keep the current drawing).
    pub preset: Option<String>,
    pub g: Transform,
    /// Architecture, its settings and the input side (`model.input_size`).
    /// The channels always follow the architecture ([`ImageArch::default_channels`]).
    pub model: ImageModelConfig,
    /// Fade the input to its inscribed disc before the network sees it.
    pub mask: bool,
    /// The learner's own drawing (`img=`), when no preset is shown.
    pub drawing: Option<Rc<Array2<f32>>>,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            preset: Some(DEFAULT_PRESET.into()),
            g: transform_expr::parse(DEFAULT_G, Domain::Image).unwrap_or_default(),
            // A classifier whose scores mean something: the trained digits.
            model: ImageModelConfig {
                input_size: SIZES[0],
                filters: FilterSource::Trained,
                ..ImageModelConfig::default()
            },
            mask: false,
            drawing: None,
        }
    }
}

pub fn pool_name(p: PoolMode) -> &'static str {
    match p {
        PoolMode::Max => "max",
        PoolMode::Mean => "avg",
        PoolMode::Blur => "blur",
    }
}

fn parse_pool(s: &str) -> Option<PoolMode> {
    [PoolMode::Max, PoolMode::Mean, PoolMode::Blur].into_iter().find(|p| pool_name(*p) == s)
}

fn parse_padding(s: &str) -> Option<Padding> {
    [Padding::Circular, Padding::Zero].into_iter().find(|p| p.name() == s)
}

/// Read the settings; the second value lists what was refused and why.
pub fn read(loc: &HashLocation) -> (ImageSettings, Vec<String>) {
    let mut s = ImageSettings::default();
    let mut errors = Vec::new();
    match loc.get("preset") {
        Some(p) if PRESETS.iter().any(|q| q.name == p) => s.preset = Some(p.to_string()),
        Some(p) => errors.push(format!(
            "There is no image preset called “{p}”; the presets are {}.",
            PRESETS.iter().map(|q| q.name).collect::<Vec<_>>().join(", ")
        )),
        None if loc.params.is_empty() => {}
        None => s.preset = None,
    }
    if let Some(g) = read_g(loc, &mut errors, Domain::Image) {
        s.g = g;
    }
    let mut field =
        |key: &str, names: &str, ok: &mut dyn FnMut(&str) -> bool| read_field(loc, &mut errors, key, names, ok);
    let arch_names = ImageArch::ALL.map(|a| a.name()).join(", ");
    field("model", &arch_names, &mut |v| {
        ImageArch::parse(v)
            .map(|a| s.model = ImageModelConfig { arch: a, channels: a.default_channels(), ..s.model })
            .is_some()
    });
    field("pad", "circular, zero", &mut |v| parse_padding(v).map(|p| s.model.padding = p).is_some());
    field("filters", "trained, random, handmade, symmetric", &mut |v| {
        FilterSource::parse(v).map(|f| s.model.filters = f).is_some()
    });
    field("pool", "max, avg, blur", &mut |v| parse_pool(v).map(|p| s.model.pool = p).is_some());
    field("seed", "a whole number from 0 to 4294967295", &mut |v| {
        v.parse::<u32>().map(|n| s.model.seed = n as u64).is_ok()
    });
    field("orient", "max, mean", &mut |v| OrientReduce::parse(v).map(|o| s.model.orient = o).is_some());
    field("mask", "0, 1", &mut |v| match v {
        "0" | "1" => {
            s.mask = v == "1";
            true
        }
        _ => false,
    });
    let size_names = SIZES.map(|n| n.to_string()).join(", ");
    field("size", &size_names, &mut |v| {
        v.parse::<usize>().ok().filter(|n| SIZES.contains(n)).map(|n| s.model.input_size = n).is_some()
    });
    if let Some(code) = loc.get("img") {
        match url_codec::decode_image(code, SIZES[0]) {
            Ok(img) if loc.get("preset").is_none() => {
                s.drawing = Some(Rc::new(img));
                s.preset = None;
            }
            Ok(_) => errors.push("The link names both a preset and a drawing; the preset was shown.".into()),
            Err(e) => errors.push(format!("The drawing in the link could not be read: {e}.")),
        }
    }
    (s, errors)
}

/// The `img=` code of a drawing, or `None` when it is longer than a link
/// should carry ([`url_codec::LINK_BUDGET`]): then only the export keeps it.
pub fn drawing_code(img: &Array2<f32>) -> Option<String> {
    Some(url_codec::encode_image(img.view())).filter(|c| c.len() <= url_codec::LINK_BUDGET)
}

/// Write the settings into `loc` (other parameters, like `embed`, are kept).
pub fn write(loc: &mut HashLocation, s: &ImageSettings) {
    loc.route = "/image".into();
    loc.set("preset", s.preset.clone());
    loc.set("g", Some(s.g.to_string()).filter(|_| !s.g.is_identity()).or(Some("id".into())));
    loc.set("model", Some(s.model.arch.name().into()));
    loc.set("pad", Some(s.model.padding.name().into()));
    loc.set("filters", Some(s.model.filters.name().into()));
    loc.set("pool", Some(pool_name(s.model.pool).into()));
    loc.set("seed", Some(s.model.seed.to_string()));
    // Only where they matter, so the links of plain CNNs stay short.
    let group = s.model.arch.group() != GridGroup::Trivial;
    loc.set("orient", group.then(|| s.model.orient.name().into()));
    loc.set("mask", s.mask.then(|| "1".into()));
    loc.set("size", (s.model.input_size != SIZES[0]).then(|| s.model.input_size.to_string()));
    loc.set("img", s.drawing.as_deref().filter(|_| s.preset.is_none()).and_then(drawing_code));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let loc = HashLocation::parse(
            "#/image?preset=letter&g=rot90;shift(1,2)&model=cnn-flatten&pad=zero&filters=symmetric&pool=blur&seed=9",
        )
        .unwrap();
        let (s, errors) = read(&loc);
        assert!(errors.is_empty(), "{errors:?}");
        let mut out = HashLocation::default();
        write(&mut out, &s);
        assert_eq!(read(&out).0, s);
    }

    #[test]
    fn group_settings_round_trip_and_channels_follow_the_model() {
        let loc = HashLocation::parse("#/image?g=rot(45)&model=p4mcnn&orient=mean&mask=1&size=63").unwrap();
        let (s, errors) = read(&loc);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(s.model.arch, ImageArch::P4mCnn);
        assert_eq!(s.model.channels, ImageArch::P4mCnn.default_channels());
        assert_eq!((s.model.orient, s.mask, s.model.input_size), (OrientReduce::Mean, true, 63));
        let mut out = HashLocation::default();
        write(&mut out, &s);
        assert_eq!(
            out.to_hash(),
            "#/image?g=rot(45)&model=p4mcnn&pad=circular&filters=trained&pool=max&seed=1&orient=mean&mask=1&size=63"
        );
        assert_eq!(read(&out).0, s);
        // p4cnn keeps 8 channels even after a p4mcnn link set 4.
        let (p4, _) = read(&HashLocation::parse("#/image?model=p4cnn").unwrap());
        assert_eq!(p4.model.channels, 8);
    }

    #[test]
    fn defaults_stay_out_of_plain_links_and_bad_group_values_are_named() {
        let (s, _) = read(&HashLocation::parse("#/image?model=cnn-gap&orient=mean").unwrap());
        let mut out = HashLocation::default();
        write(&mut out, &s);
        assert!(
            !out.to_hash().contains("orient") && !out.to_hash().contains("mask") && !out.to_hash().contains("size")
        );
        let (s, errors) = read(&HashLocation::parse("#/image?model=p4cnn&orient=min&mask=yes&size=50").unwrap());
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].contains("max, mean") && errors[2].contains("64, 63"), "{errors:?}");
        assert_eq!(
            (s.model.arch, s.model.orient, s.mask, s.model.input_size),
            (ImageArch::P4Cnn, OrientReduce::Max, false, 64)
        );
    }

    #[test]
    fn a_drawing_round_trips_through_the_link() {
        let mut img = Array2::<f32>::zeros((64, 64));
        img[(10, 20)] = 1.0;
        img[(40, 3)] = 0.5;
        let s = ImageSettings { preset: None, drawing: Some(Rc::new(img.clone())), ..ImageSettings::default() };
        let mut out = HashLocation::default();
        write(&mut out, &s);
        assert!(out.get("img").is_some() && out.get("preset").is_none());
        let (back, errors) = read(&HashLocation::parse(&out.to_hash()).unwrap());
        assert!(errors.is_empty(), "{errors:?}");
        let d = back.drawing.unwrap();
        assert!(d.iter().zip(img.iter()).all(|(a, b)| (a - b).abs() < 0.01));
        // Damaged codes are named and the preset default kept.
        let (s, errors) = read(&HashLocation::parse("#/image?img=@@@").unwrap());
        assert!(s.drawing.is_none() && errors[0].contains("drawing"), "{errors:?}");
    }

    #[test]
    fn trained_filters_are_the_default_and_every_source_round_trips() {
        let (s, errors) = read(&HashLocation::parse("#/image").unwrap());
        assert!(errors.is_empty());
        assert_eq!(s.model.filters, FilterSource::Trained);
        for f in FilterSource::ALL {
            let (s, errors) = read(&HashLocation::parse(&format!("#/image?filters={}&seed=7", f.name())).unwrap());
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!((s.model.filters, s.model.seed), (f, 7));
            let mut out = HashLocation::default();
            write(&mut out, &s);
            assert!(out.to_hash().contains(&format!("filters={}", f.name())));
            assert_eq!(read(&out).0, s);
        }
        let (s, errors) = read(&HashLocation::parse("#/image?filters=learned").unwrap());
        assert_eq!(s.model.filters, FilterSource::Trained);
        assert!(errors[0].contains("trained, random, handmade, symmetric"), "{errors:?}");
    }

    #[test]
    fn typos_are_reported_and_the_rest_kept() {
        let loc = HashLocation::parse("#/image?preset=nope&g=spin&model=cnn-gap&seed=x&pad=zero").unwrap();
        let (s, errors) = read(&loc);
        assert_eq!(errors.len(), 3);
        assert_eq!(s.model.padding, Padding::Zero);
        assert_eq!(s.preset.as_deref(), Some(DEFAULT_PRESET));
    }
}
