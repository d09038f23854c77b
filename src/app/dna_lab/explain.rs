//! A short explanation beside each layer of why it is (or is not)
//! equivariant for the current transformation. Written from the layer's
//! kind, what g does (reverse complement, shift), the padding and the
//! measured verdict, so the words always agree with the number next to them.

use crate::engine::check::{LayerCheck, Verdict};
use crate::engine::kernels::conv1d::Padding;
use crate::engine::models::dna::{DnaArch, DnaModelConfig};
use crate::engine::transform::Transform;

/// What g does, once reduced to "RC or not, then a shift".
struct Shape {
    rc: bool,
    shift: bool,
}

fn shape(g: &Transform, l: usize) -> Shape {
    match g.strand_normal_form() {
        Some((rc, t)) => Shape { rc, shift: t.rem_euclid(l.max(1) as i64) != 0 },
        None => Shape { rc: true, shift: true },
    }
}

fn holds(v: Verdict) -> bool {
    matches!(v, Verdict::Equivariant | Verdict::Invariant)
}

fn conv1d(sh: &Shape, ok: bool, cfg: &DnaModelConfig, first: bool) -> Vec<&'static str> {
    let mut p = vec![if first {
        "A conv1d slides the same filters along the strand (weight sharing), so moving the bases moves the tracks."
    } else {
        "This conv1d slides the same filters along the previous layer's tracks (weight sharing), so moving those tracks moves its own."
    }];
    if ok {
        if sh.rc {
            p.push(
                "Here every filter is its own reverse complement, so reading the other strand just mirrors each track.",
            );
        }
        if sh.shift {
            p.push("Circular padding wraps the ends exactly like the cyclic shift does: each track of g·x is x's track, shifted.");
        }
        return p;
    }
    if sh.rc && first {
        p.push("But rc also complements the bases and reverses the reading direction: on the other strand a filter w meets what its reverse complement RC(w) would see on this one, and this model has no RC(w). So the tracks of g·x are not x's tracks reversed (compare the last two columns). The rc-conv model adds the partner filters.");
    } else if sh.rc {
        p.push("But under rc its input tracks arrive reversed, and a filter v read backwards is its mirror image, which this model does not have: so even exactly reversed input tracks would not give reversed output tracks. The rc-conv model pairs every filter with its mirror image.");
    }
    if sh.shift && cfg.padding == Padding::Zero {
        p.push("With zero padding the ends see zeros where the cyclic shift brings wrapped-around bases, so the tracks differ near the ends.");
    }
    p
}

fn rc_conv1d(sh: &Shape, ok: bool, cfg: &DnaModelConfig, first: bool) -> Vec<&'static str> {
    let mut p = vec![if first {
        "Filters come in pairs: w and RC(w), its reverse complement (positions reversed, A↔T, C↔G). On the other strand, w finds exactly what RC(w) finds on this one, at the mirrored position."
    } else {
        "Filters come in pairs: v and RC(v), its mirror image over the previous layer's channels (positions reversed, and the two channels of every input pair (w, RC(w)) swapped, as A↔T, C↔G are for bases). On the other strand, v finds exactly what RC(v) finds on this one, at the mirrored position."
    }];
    if ok {
        if sh.rc {
            p.push("So under rc each track of g·x is its partner's track of x, reversed: the positions reverse and the two channels of every pair swap, which is what ρ(g) does. Exact.");
        }
        if sh.shift {
            p.push("A cyclic shift moves every track, and circular padding keeps that exact.");
        }
        return p;
    }
    if sh.shift && cfg.padding == Padding::Zero {
        p.push("The cyclic shift meets zero padding: the tracks differ near the ends, where the padding sees different bases.");
    }
    p
}

/// A motif model's second convolution: what it is, and what follows.
fn pass_through(ok: bool) -> Vec<&'static str> {
    vec![
        "With a motif, this second convolution is not a bank of random filters but a pass-through: each output channel copies one input channel at the centre tap (weight 1 there, 0 everywhere else, no bias). Its input comes out of a ReLU, so it is already non-negative: this layer and the ReLU after it change nothing, and the head reads the motif detector's pooled track directly.",
        if ok {
            "A layer that changes nothing keeps whatever symmetry its input had: here, exact."
        } else {
            "A layer that changes nothing keeps whatever symmetry its input had: the difference measured here was already in its input (see the first layer)."
        },
    ]
}

/// What the row says about one layer.
pub struct Context<'a> {
    /// The verdict of the layer before.
    pub previous: Option<Verdict>,
    pub g: &'a Transform,
    pub cfg: &'a DnaModelConfig,
    /// Length of the strand.
    pub length: usize,
    /// The layer is the first convolution of the model.
    pub first_conv: bool,
    /// The layer is a motif model's pass-through convolution.
    pub pass_through: bool,
}

/// The explanation for one layer.
pub fn explain(check: &LayerCheck, cx: &Context) -> String {
    let (cfg, sh) = (cx.cfg, shape(cx.g, cx.length));
    if !sh.rc && !sh.shift {
        return "g is the identity here (its steps cancel out), so both pipelines see the same input: every layer is trivially invariant.".into();
    }
    let v = check.verdict;
    let ok = holds(v);
    let broken_before = cx.previous.is_some_and(|p| !holds(p));
    let mut parts: Vec<&str> = match check.kind {
        "conv1d" | "rc_conv1d" if cx.pass_through => pass_through(ok),
        "conv1d" => conv1d(&sh, ok, cfg, cx.first_conv),
        "rc_conv1d" => rc_conv1d(&sh, ok, cfg, cx.first_conv),
        "relu" | "tanh" => vec!["A pointwise nonlinearity looks at one number at a time, so it commutes with any reordering of positions and channels: it keeps whatever symmetry its input had."],
        "strand_pool" => {
            let mut p = vec!["Strand pooling keeps, at each position, the larger of w's and RC(w)'s activation: “is the motif here, on either strand?”."];
            if ok {
                p.push("Under rc the two members of a pair swap, and the max does not care which is which: only the positions still reverse.");
            }
            p
        }
        "gap" | "gmp" => {
            let mut p = vec!["Global pooling takes the average (or the maximum) over all positions, so where along the strand a feature sits no longer matters."];
            match v {
                Verdict::Invariant if cfg.arch == DnaArch::RcConv => p.push("Strand pooling already made each feature the same on both strands, so the pooled features do not change at all: invariant."),
                Verdict::Invariant => p.push("Every track of g·x is a moved copy of x's, so the pooled features do not change: invariant."),
                Verdict::Equivariant => p.push("But the pairs (w, RC(w)) still swap under rc: the pooled vector is only permuted, not unchanged."),
                _ if sh.rc => p.push("But pooling forgets positions, not strands: each plain filter totals something else on the other strand, so the pooled features change."),
                _ => p.push("The tracks it pools were no longer moved copies of each other (see above), so the pooled features change a little."),
            }
            p
        }
        "dense" => vec![if v == Verdict::Invariant {
            "The head sees only invariant features, so the score is the same for x and g·x: one answer for the molecule, whichever strand was read."
        } else {
            "The head's inputs changed, so the score changes: this model's answer depends on which strand (or which rotation of it) it was given."
        }],
        _ => vec![],
    };
    if broken_before && !ok && check.kind != "dense" && !cx.pass_through {
        parts.push("An earlier layer already broke the symmetry, and no later layer can repair it exactly.");
    }
    parts.join(" ")
}
