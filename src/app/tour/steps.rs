//! The steps of the guided tour, along the geometric deep learning
//! blueprint. Each is a short text, a live lab view set up through its URL
//! state, and one thing to try.

pub struct Step {
    pub title: &'static str,
    pub text: &'static str,
    /// The lab view, as a hash route with its state (embedded with `embed=1`).
    pub view: &'static str,
    pub try_this: &'static str,
}

pub const STEPS: &[Step] = &[
    Step {
        title: "Symmetry: invariance and equivariance",
        text: "Move a picture of a 3 and ask the network again. A layer is equivariant if its output moves the same way as the input, and invariant if its output does not change at all. A good digit classifier should be invariant; its early layers should be equivariant, so they still know where the strokes are.",
        view: "#/image?preset=digit3&g=shift(4,6)&model=cnn-gap",
        try_this: "Compare layer 1 (equivariant: the maps moved) with the last layer (invariant: the scores did not change).",
    },
    Step {
        title: "Scale separation: receptive fields",
        text: "Each convolution looks at a 3×3 neighbourhood; each pooling halves the resolution. Layer by layer, one unit sees a bigger part of the picture: the network works at one scale at a time.",
        view: "#/image?preset=dot&g=shift(4,6)&model=cnn-gap",
        try_this: "Click a cell in layer 4's f(x): the outlines on the input show its field growing from 3×3 to 8×8.",
    },
    Step {
        title: "The four kinds of layers",
        text: "The blueprint stacks equivariant linear layers (convolutions), pointwise nonlinearities (ReLU), local pooling (coarse-graining), and finally an invariant global pooling. Each kind keeps the symmetry for its own reason, and the verdict beside each layer tells you which one it kept.",
        view: "#/image?preset=letter&g=shift(4,6)&model=cnn-gap",
        try_this: "Read the explanation under each layer: why is ReLU always fine, and why does global pooling make the output invariant?",
    },
    Step {
        title: "Pooling breaks small shifts",
        text: "A stride-2 pooling has cells two pixels wide. Shift by one pixel and the content crosses the cells' boundaries: there is no shifted copy of the output to compare with. Blurring before subsampling (anti-aliasing) keeps the damage small.",
        view: "#/image?preset=digit3&g=shift(1,0)&model=cnn-gap&pool=max",
        try_this: "Switch Pooling to \"blurred\" and watch the final invariance error drop.",
    },
    Step {
        title: "Flatten + dense forgets the symmetry",
        text: "Global pooling forgets where a feature was. Flattening the maps and feeding them to a dense layer does the opposite: every position gets its own weight, so moving the input hands each feature to another weight.",
        view: "#/image?preset=digit3&g=shift(4,6)&model=cnn-flatten",
        try_this: "Everything is equivariant up to flatten; the dense head is not invariant. Switch the model to cnn-gap.",
    },
    Step {
        title: "Rotations: filters must be symmetric",
        text: "A convolution commutes with every shift but not with a quarter turn: a vertical-edge filter becomes a horizontal-edge filter when you rotate it. Only filters that are themselves symmetric under rotation keep the equivariance.",
        view: "#/image?preset=letter&g=rot90&model=cnn-gap&filters=random",
        try_this: "Switch Filters to \"symmetric under D4\": every layer becomes equivariant, the head invariant.",
    },
    Step {
        title: "Group convolutions",
        text: "Instead of making filters symmetric, use every rotated copy of each filter. The lifting layer gives one map per orientation; rotating the input rotates every map and moves it one place along the cycle of orientations. Pooling over orientations and positions then gives an invariant answer, for any filter.",
        view: "#/image?preset=letter&g=rot90&model=p4cnn",
        try_this: "Look at the lifting layer's orientation planes for x and for g·x: they rotate and shift by one.",
    },
    Step {
        title: "Rotations by other angles",
        text: "A 45° rotation does not map the pixel grid onto itself: pixels must be interpolated. Group convolutions on the square grid are then no longer exact: the errors jump from 0 at 90° to far from 0 at 45°, and a layer is called \"approximate\" only where its error is small and small against how much it reacts to a scramble of the picture.",
        view: "#/image?preset=letter&g=rot(45)&model=p4cnn",
        try_this: "Compare the errors at 45° and at 90°.",
    },
    Step {
        title: "DNA: the reverse complement",
        text: "DNA has two strands; reading one tells you the other. A model of DNA should give the same answer for a sequence and its reverse complement. Pairing every filter with its reverse complement makes the convolution equivariant, and pooling over each pair and over positions makes the score invariant.",
        view: "#/dna?preset=tata-box&g=rc&model=rc-conv",
        try_this: "Switch the model to the plain conv: the score now depends on which strand you read.",
    },
    Step {
        title: "Graphs: renumbering the nodes",
        text: "A graph has no natural order of its nodes. Renumbering them reorders the rows of the features and both the rows and columns of the adjacency matrix. Message-passing layers treat every node alike, so they follow the renumbering; a sum over nodes ignores it.",
        view: "#/graph?preset=karate&g=perm(7)&model=gcn",
        try_this: "Switch the model to the MLP on the adjacency matrix: it depends on the numbering.",
    },
    Step {
        title: "What message passing cannot see",
        text: "Two triangles and one hexagon: every node has two neighbours in both graphs. Colour refinement (1-WL) colours them the same at every round, and so every message-passing network gives both graphs the same readout.",
        view: "#/graph?preset=two-triangles&g=id&model=gin",
        try_this: "Step through the colour refinement and compare the readouts of the two graphs.",
    },
    Step {
        title: "Sequences: delays and time warping",
        text: "An RNN reads a signal one step at a time. Left-padded with zeros, a delay within the padding leaves the final state unchanged when the net's rest state is a fixed point of its step on zero input (bias \"rest\"); with any other bias the padding itself moves the state, and the final state changes a little. Playing the signal slower is harder: a gated RNN can rescale its gate to follow, a plain RNN cannot.",
        view: "#/sequence?preset=melody&g=warp(2)&model=gated-rnn",
        try_this: "Switch the model to the plain RNN and compare the errors.",
    },
    Step {
        title: "Data augmentation, the alternative",
        text: "Instead of building the symmetry into the layers, show the network rotated copies of every training picture. It learns to answer nearly the same, but only approximately, and only for what it was shown.",
        view: "#/train?model=cnn-flatten&group=rot90&g=rot90&epochs=40",
        try_this: "Train with and without augmentation and compare the invariance errors with the group CNN's exact zero.",
    },
    Step {
        title: "Groups: composing and undoing",
        text: "All of this rests on groups: transformations that compose and can be undone. Rotating then flipping a square is not the same as flipping then rotating.",
        view: "#/groups?group=d4&g=rot90&h=flipx",
        try_this: "Click cells of the Cayley table; find a pair of elements that commute.",
    },
];
