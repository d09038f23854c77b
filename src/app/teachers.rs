//! Notes for teachers (`#/teachers`, printable, and a "For teachers" panel
//! in each lab): per lab and tour chapter, the learning objective, the
//! misconception it targets, a question to ask the class with its answer,
//! and the link (and embed code) that opens exactly that view.

use yew::prelude::*;

pub struct Note {
    /// The lab's frame class (`image-lab`) or a tour chapter, as an anchor.
    pub id: &'static str,
    pub title: &'static str,
    pub objective: &'static str,
    pub misconception: &'static str,
    pub question: &'static str,
    pub answer: &'static str,
    /// The view that answers it, as a link (a predict link where it helps).
    pub link: &'static str,
}

pub const NOTES: &[Note] = &[
    Note {
        id: "image-lab",
        title: "Images: shifts, pooling and the verdict",
        objective: "Tell equivariance (the output moves with the input) from invariance (the output does not change), and see where a CNN keeps each: convolutions and ReLU equivariant, global pooling invariant, a stride-2 pooling only for shifts by whole cells.",
        misconception: "\"CNNs are shift-invariant.\" Only a CNN that ends in global pooling is, and only for shifts its poolings can follow: shift(3,5) loses exactness at the stride-2 pooling.",
        question: "Shift the digit by (3,5) instead of (4,6). Which is the first layer that is no longer exact, and why?",
        answer: "Layer 3, the 2×2 max pooling with stride 2: an odd shift moves the picture by half a cell, so there is no shifted copy of its output (g has no action there) and every later layer loses exactness.",
        link: "#/image?preset=digit3&model=cnn-gap&g=shift(3,5)&predict=1",
    },
    Note {
        id: "image-rotations",
        title: "Images: rotations and group convolutions",
        objective: "See why a convolution with a generic filter is not rotation-equivariant, and how a group convolution makes it so for any filter: the maps turn AND the orientation channels cycle.",
        misconception: "\"A small error at the head means the CNN is nearly rotation invariant.\" A random CNN with global pooling changes by 2 % under rot90, but by about as much when the picture's quarters are swapped: it barely looks at where things are, so the small number says nothing about rotations.",
        question: "Under rot90, is the output of cnn-gap with random filters approximately invariant?",
        answer: "No: its error (about 0.02) is not small against its reaction to a scramble (about 0.1), so the verdict is \"neither\"; p4cnn is exactly invariant.",
        link: "#/image?preset=digit3&model=cnn-gap&filters=random&g=rot90&predict=head",
    },
    Note {
        id: "graph-lab",
        title: "Graphs: permutations",
        objective: "A permutation renumbers nodes: features move as PX and the adjacency as PAPᵀ. Message-passing layers are permutation-equivariant, readouts invariant, an MLP on the node order is neither.",
        misconception: "\"Permuting the feature rows is enough.\" Moving the features without the edges gives each node someone else's neighbours: the layer output no longer matches.",
        question: "Turn on the features-only mistake. Which layer is the first to disagree, and is the readout approximately right?",
        answer: "The first message-passing layer: its neighbours are now wrong. The readout is not approximately invariant either: its small-looking error is not small against what a shuffle of the features against the graph does to it.",
        link: "#/graph?preset=caffeine&model=gcn&g=permx(7)&predict=1",
    },
    Note {
        id: "dna-lab",
        title: "DNA: the reverse complement",
        objective: "The reverse complement reverses positions AND swaps A↔T, C↔G. A conv with filter pairs (w, RC(w)) is RC-equivariant; pooling over each pair and over positions is RC-invariant.",
        misconception: "\"Reversing the sequence is enough\" or \"complementing is enough\": either alone is not a symmetry of the double helix.",
        question: "With the plain conv, does reading the other strand change the score?",
        answer: "Yes: the plain conv is broken at its first layer under rc; with rc-conv the score is exactly invariant.",
        link: "#/dna?preset=tata-box&model=conv&g=rc&predict=head",
    },
    Note {
        id: "sequence-lab",
        title: "Sequences: delays and time warping",
        objective: "A delay within the padding leaves an RNN's final state unchanged when its rest state is a fixed point; a gated RNN can follow a signal played slower by rescaling its gate, a plain RNN cannot.",
        misconception: "\"RNNs are time-shift invariant.\" Only with a rest-state bias and a delay that stays inside the padding.",
        question: "With bias=random, is the final state invariant to delay(5)?",
        answer: "Not exactly: the padding itself moves the state away from h0, so the final state changes a little; with bias=rest it is exact.",
        link: "#/sequence?preset=spike&model=rnn&g=delay(5)&pad=8&bias=random&predict=head",
    },
    Note {
        id: "train-lab",
        title: "Data augmentation",
        objective: "Training on transformed copies makes a head approximately invariant, never exactly, and only for what it saw; a body that is invariant by construction gives zero error from the start.",
        misconception: "\"Augmentation gives the same guarantee as an equivariant architecture.\"",
        question: "After training with all quarter turns, is the augmented head's invariance error zero?",
        answer: "No: it falls but stays above zero; the p4cnn body gives exactly zero for every head, trained or not, at a price: features that cannot tell apart what a quarter turn maps onto each other.",
        link: "#/train?model=cnn-flatten&group=rot90&g=rot90&epochs=40",
    },
    Note {
        id: "groups",
        title: "Groups",
        objective: "Compose and invert transformations; see that D4 is not commutative.",
        misconception: "\"The order of two transformations does not matter.\"",
        question: "Is rot90 then flipx the same as flipx then rot90?",
        answer: "No: they are two different reflections; the Cayley table shows it.",
        link: "#/groups?group=d4&g=rot90&h=flipx",
    },
];

/// The note of a lab frame class, if there is one.
pub fn note_for(id: &str) -> Option<&'static Note> {
    NOTES.iter().find(|n| n.id == id)
}

/// The `<iframe>` snippet of a note's view (embedded, summary).
fn embed_code(link: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| Some(format!("{}{}", w.location().origin().ok()?, w.location().pathname().ok()?)))
        .unwrap_or_default();
    format!(
        "<iframe src=\"{base}{link}&embed=1\" width=\"760\" height=\"520\" style=\"max-width:100%;border:1px solid #ccc;border-radius:8px\" loading=\"lazy\" title=\"Symmetry Lab\"></iframe>"
    )
}

#[derive(Properties, PartialEq)]
pub struct NoteCardProps {
    pub id: AttrValue,
}

/// One note as a card.
#[component]
pub fn NoteCard(p: &NoteCardProps) -> Html {
    let Some(n) = note_for(&p.id) else { return html! {} };
    html! {
        <article class="teacher-note" id={format!("note-{}", n.id)} data-testid="teacher-note">
            <h2>{ n.title }</h2>
            <dl>
                <dt>{ "Learning objective" }</dt><dd>{ n.objective }</dd>
                <dt>{ "The misconception it targets" }</dt><dd>{ n.misconception }</dd>
                <dt>{ "Ask the class" }</dt><dd>{ n.question }</dd>
                <dt>{ "Answer" }</dt><dd>{ n.answer }</dd>
                <dt>{ "The view" }</dt>
                <dd><a href={n.link}>{ n.link }</a></dd>
                <dt>{ "Embed code" }</dt>
                <dd><code class="embed-code">{ embed_code(n.link) }</code></dd>
            </dl>
        </article>
    }
}

/// `#/teachers`: every note, printable.
#[component]
pub fn Teachers() -> Html {
    html! {
        <section class="page teachers">
            <h1>{ "For teachers" }</h1>
            <p class="lead">{ "For each lab: what it teaches, the misconception it targets, a question to ask the class (each link opens the view in predict mode, so the class guesses before the answer shows), and the code to embed that view in a page of your own. This page prints cleanly." }</p>
            { for NOTES.iter().map(|n| html! { <NoteCard id={n.id} /> }) }
        </section>
    }
}
