//! The steps of the guided tour, along the geometric deep learning
//! blueprint. Each is a short text, a live lab view set up through its URL
//! state (embedded, showing exactly the part the step talks about), the
//! element the step points at, and one thing to try — which the tour can
//! wait for, and do for a teacher in a hurry.

/// An action a "try this" waits for: the lab's link gains `param=value`.
pub struct Awaited {
    pub param: &'static str,
    /// The value, or its beginning (`rot` matches `rot(45)`).
    pub value: &'static str,
    /// What "Show me" sets (`param=show`).
    pub show: &'static str,
    /// What to look at once it happened.
    pub then: &'static str,
}

pub struct Step {
    pub title: &'static str,
    /// The chapter, for the step list and the teacher notes.
    pub chapter: &'static str,
    pub text: &'static str,
    /// The lab view, as a hash route with its state (embedded with `embed=1`;
    /// `view=` picks the part shown).
    pub view: &'static str,
    /// A CSS selector, inside the lab, of what the step talks about: the tour
    /// brings it into view and outlines it.
    pub target: &'static str,
    pub try_this: &'static str,
    pub awaits: Option<Awaited>,
}

const STRIP: &str = "[data-testid=\"compare-strip\"]";
const VERDICT: &str = "[data-testid=\"verdict\"]";

pub const STEPS: &[Step] = &[
    Step {
        title: "Symmetry: invariance and equivariance",
        chapter: "Images",
        text: "Move a picture of a 3 and ask the network again. A layer is equivariant if its output moves the same way as the input, and invariant if its output does not change at all. A good digit classifier should be invariant to where the digit is; its early layers should be equivariant, so they still know where the strokes are.",
        view: "#/image?preset=digit3&g=shift(4,6)&model=cnn-gap&view=layer=0",
        target: STRIP,
        try_this: "Compare layer 1 (equivariant: the maps moved with the digit) with the network's verdict at the top (invariant: the scores did not change). Press → on the picker to walk through the layers.",
        awaits: None,
    },
    Step {
        title: "Pooling breaks odd shifts",
        chapter: "Images",
        text: "A stride-2 pooling has cells two pixels wide. Shift by an odd number of pixels and the content crosses the cells' boundaries: there is no shifted copy of the output to compare with, so g has no action there, and the layers after it lose exactness. Blurring before subsampling (anti-aliasing) keeps the damage small.",
        view: "#/image?preset=digit3&g=shift(3,5)&model=cnn-gap&pool=max&view=layer=2",
        target: STRIP,
        try_this: "Layer 3 says \"g does not act on this output\" in grey. Now shift by whole cells.",
        awaits: Some(Awaited {
            param: "g",
            value: "shift(4,6)",
            show: "shift(4,6)",
            then: "Every layer is exact again, and the head invariant: a shift by whole pooling cells moves whole cells.",
        }),
    },
    Step {
        title: "Quiz yourself: pooling",
        chapter: "Images",
        text: "Before you look: with a shift by one pixel, which layers of this CNN stay equivariant, and is the output invariant? Guess every layer, then show the answers.",
        view: "#/image?preset=letter&g=shift(1,0)&model=cnn-gap&predict=1",
        target: VERDICT,
        try_this: "Guess each layer in the picker (arrow keys move), then press \"Show the answers\".",
        awaits: None,
    },
    Step {
        title: "Flatten + dense forgets the symmetry",
        chapter: "Images",
        text: "Global pooling forgets where a feature was. Flattening the maps and feeding them to a dense layer does the opposite: every position gets its own weight, so moving the input hands each feature to another weight.",
        view: "#/image?preset=digit3&g=shift(4,6)&model=cnn-flatten&view=layer=6",
        target: STRIP,
        try_this: "Everything is equivariant up to flatten; the dense head is not invariant. Switch the model to cnn-gap.",
        awaits: Some(Awaited {
            param: "model",
            value: "cnn-gap",
            show: "cnn-gap",
            then: "With global average pooling instead of flatten, the head is invariant: where a feature was no longer matters.",
        }),
    },
    Step {
        title: "Rotations: filters must be symmetric",
        chapter: "Group convolutions",
        text: "A convolution commutes with every shift but not with a quarter turn: a vertical-edge filter becomes a horizontal-edge filter when you rotate it. Only filters that are themselves symmetric under rotation keep the equivariance. Note the head: its error is small, but the verdict says why that means nothing.",
        view: "#/image?preset=letter&g=rot90&model=cnn-gap&filters=random&view=layer=0",
        target: STRIP,
        try_this: "Layer 1 is broken here. Switch the filters to symmetric ones.",
        awaits: Some(Awaited {
            param: "filters",
            value: "symmetric",
            show: "symmetric",
            then: "Every layer is equivariant now, the head invariant: symmetric filters commute with the quarter turn.",
        }),
    },
    Step {
        title: "Group convolutions",
        chapter: "Group convolutions",
        text: "Instead of making filters symmetric, use every rotated copy of each filter. The lifting layer gives one map per orientation; rotating the input rotates every map AND moves it one place along the cycle of orientations. Pooling over orientations and positions then gives an invariant answer, for any filter.",
        view: "#/image?preset=letter&g=rot90&model=p4cnn&view=layer=0",
        target: "[data-testid=\"compare-strip\"] [data-panel=\"fgx\"]",
        try_this: "Look at the lifting layer's orientation planes e, r, r², r³ for x and for g·x: each plane turned, and they moved one place.",
        awaits: None,
    },
    Step {
        title: "Rotations by other angles",
        chapter: "Group convolutions",
        text: "A 45° rotation does not map the pixel grid onto itself: pixels must be interpolated. Group convolutions on the square grid are then no longer exact: the errors jump from 0 at 90° to far from 0 at 45°, and a layer is called \"approximate\" only where its error is small and small against how much it reacts to a scramble of the picture.",
        view: "#/image?preset=letter&g=rot(45)&model=p4cnn&mask=1&view=angle",
        target: "[data-testid=\"angle-chart\"]",
        try_this: "Read the error against the angle: zero at 0°, 90°, 180°, 270°, not in between.",
        awaits: None,
    },
    Step {
        title: "Quiz yourself: group convolutions",
        chapter: "Group convolutions",
        text: "Before you look: p4mcnn under a mirror flip. Is the lifting layer equivariant? Is the network's output invariant?",
        view: "#/image?preset=letter&g=flipx&model=p4mcnn&predict=1",
        target: VERDICT,
        try_this: "Guess every layer, then show the answers.",
        awaits: None,
    },
    Step {
        title: "DNA: the reverse complement",
        chapter: "DNA",
        text: "DNA has two strands; reading one tells you the other. A model of DNA should give the same answer for a sequence and its reverse complement. Pairing every filter with its reverse complement makes the convolution equivariant, and pooling over each pair and over positions makes the score invariant.",
        view: "#/dna?preset=tata-box&g=rc&model=rc-conv",
        target: STRIP,
        try_this: "Switch the model to the plain conv.",
        awaits: Some(Awaited {
            param: "model",
            value: "conv",
            show: "conv",
            then: "The plain conv's score now depends on which strand you read: its first layer is broken here.",
        }),
    },
    Step {
        title: "Quiz yourself: DNA",
        chapter: "DNA",
        text: "Before you look: a plain convolution (its filters not paired with their reverse complements) reads the other strand. Which layers follow the reverse complement, and is the final score the same for both strands? Guess every layer, then show the answers.",
        view: "#/dna?preset=tata-box&g=rc&model=conv&predict=1",
        target: VERDICT,
        try_this: "Guess each layer in the picker, then press \"Show the answers\".",
        awaits: None,
    },
    Step {
        title: "Graphs: renumbering the nodes",
        chapter: "Graphs",
        text: "A graph has no natural order of its nodes. Renumbering them reorders the rows of the features and both the rows and columns of the adjacency matrix. Message-passing layers treat every node alike, so they follow the renumbering; a sum over nodes ignores it.",
        view: "#/graph?preset=karate&g=perm(7)&model=gcn&view=matrices",
        target: "[data-testid=\"matrix-x\"]",
        try_this: "Compare X with PX and A with PAPᵀ: the same numbers, renumbered.",
        awaits: None,
    },
    Step {
        title: "What message passing cannot see",
        chapter: "Graphs",
        text: "Two triangles and one hexagon: every node has two neighbours in both graphs. Colour refinement (1-WL) colours them the same at every round, and so every message-passing network gives both graphs the same readout.",
        view: "#/graph?preset=two-triangles&g=id&model=gin&view=wl",
        target: ".wl-panel",
        try_this: "Step through the colour refinement and compare the readouts of the two graphs.",
        awaits: None,
    },
    Step {
        title: "Quiz yourself: graphs",
        chapter: "Graphs",
        text: "Before you look: here the node features are renumbered but the edges are not (the features-only mistake). Which layers still follow the renumbering, and does the readout stay the same? Guess every layer, then show the answers.",
        view: "#/graph?preset=caffeine&g=permx(7)&model=gcn&predict=1",
        target: VERDICT,
        try_this: "Guess each layer in the picker, then press \"Show the answers\".",
        awaits: None,
    },
    Step {
        title: "Sequences: delays and time warping",
        chapter: "Sequences",
        text: "An RNN reads a signal one step at a time. Left-padded with zeros, a delay within the padding leaves the final state unchanged when the net's rest state is a fixed point of its step on zero input (bias \"rest\"); with any other bias the padding itself moves the state, and the final state changes a little. Playing the signal slower is harder: a gated RNN can rescale its gate to follow, a plain RNN cannot.",
        view: "#/sequence?preset=melody&g=warp(2)&model=gated-rnn&rescale=on",
        target: STRIP,
        try_this: "Switch the model to the plain RNN.",
        awaits: Some(Awaited {
            param: "model",
            value: "rnn",
            show: "rnn",
            then: "The plain RNN has no gate to slow down: its states do not follow the warped melody.",
        }),
    },
    Step {
        title: "Quiz yourself: sequences",
        chapter: "Sequences",
        text: "Before you look: the melody is delayed by 4 steps inside 8 steps of zero padding, and the plain RNN's rest state is a fixed point of its step (bias \"rest\"). Does the state trajectory move with the delay, and does the final state change? Guess, then show the answers.",
        view: "#/sequence?preset=melody&g=delay(4)&model=rnn&pad=8&bias=rest&predict=1",
        target: VERDICT,
        try_this: "Guess each layer in the picker, then press \"Show the answers\".",
        awaits: None,
    },
    Step {
        title: "Data augmentation, the alternative",
        chapter: "Augmentation",
        text: "Instead of building the symmetry into the layers, show the network rotated copies of every training picture. It learns to answer nearly the same, but only approximately, and only for what it was shown.",
        view: "#/train?model=cnn-flatten&group=rot90&g=rot90&epochs=40",
        target: STRIP,
        try_this: "Train with and without augmentation and compare the invariance errors with the group CNN's exact zero.",
        awaits: None,
    },
    Step {
        title: "Groups: composing and undoing",
        chapter: "Groups",
        text: "All of this rests on groups: transformations that compose and can be undone. Rotating then flipping a square is not the same as flipping then rotating.",
        view: "#/groups?group=d4&g=rot90&h=flipx",
        target: "table.cayley",
        try_this: "Click cells of the Cayley table; find a pair of elements that commute.",
        awaits: None,
    },
];
