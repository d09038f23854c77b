//! The start page: what the app teaches in three sentences, the blueprint,
//! and a door into each lab with a first experiment to try.

use yew::prelude::*;

struct Card {
    href: &'static str,
    title: &'static str,
    text: &'static str,
    try_it: &'static str,
}

const CARDS: [Card; 9] = [
    Card { href: "#/image?preset=digit3&g=shift(4,6)&model=cnn-gap", title: "Images: shifts and pooling", text: "Shift a digit by (4,6): every convolution moves with the picture and global pooling forgets where it was, exactly. Flatten + dense does not.", try_it: "Then try shift(3,5): an odd shift does not survive the stride-2 pooling." },
    Card { href: "#/image?preset=letter&g=rot90&model=cnn-gap&filters=symmetric", title: "Images: rotations", text: "A generic filter does not commute with a quarter turn; a symmetric one does. Group convolutions fix it for any filter.", try_it: "Rotate the letter F with symmetric filters." },
    Card { href: "#/image?preset=letter&model=p4cnn&g=rot90&filters=handmade", title: "Images: group convolutions", text: "Give every orientation its own channel: turn the input and the orientation planes turn AND move one place around the group. Exact for quarter turns; at 45° the square grid has no exact rotation, and the error is far from zero.", try_it: "Turn the letter F in p4cnn and watch the planes cycle." },
    Card { href: "#/graph?preset=caffeine&g=perm(7)&model=gcn", title: "Graphs: permutations", text: "Renumber the nodes: GNN layers follow, readouts stay put, an MLP on the adjacency matrix breaks.", try_it: "Renumber caffeine's atoms, then move the features without the bonds." },
    Card { href: "#/dna?preset=tata-box&g=rc&model=conv&motif=TATAAA&pool=max", title: "DNA: reverse complement", text: "A strand and its reverse complement are the same molecule: build a model that agrees.", try_it: "Read the other strand with a plain conv, then switch to rc-conv." },
    Card { href: "#/sequence?preset=melody&g=warp(2)&model=gated-rnn&rescale=on", title: "Sequences: time warping", text: "Delays, padding and why gates let an RNN absorb a change of speed.", try_it: "Play a melody twice as slowly; switch the gate rescale off." },
    Card { href: "#/train?model=cnn-flatten&group=rot90&g=rot90&epochs=40", title: "Data augmentation", text: "Or teach the symmetry instead of building it in: train on turned copies and the head becomes nearly invariant, never exactly, at four times the data.", try_it: "Train both heads, then switch the body to p4cnn." },
    Card { href: "#/groups", title: "Groups explorer", text: "Compose, invert, and see that rotating then flipping is not flipping then rotating.", try_it: "Pick D4 and compare rot90 then flip with flip then rot90." },
    Card { href: "#/tour", title: "Guided tour", text: "The whole blueprint step by step, ready for a projector.", try_it: "Start at step 1; the arrow keys move on." },
];

#[component]
pub fn Home() -> Html {
    html! {
        <section class="page home">
            <div class="hero">
                <h1>{ "See symmetry inside a neural network" }</h1>
                <p class="lead">
                    { "Transform the input (shift it, rotate it, renumber its nodes, read the other DNA strand) and run the network on both. At every layer, Symmetry Lab measures whether the output stayed the same (" }
                    <strong>{ "invariant" }</strong>{ "), moved in the same way as the input (" }
                    <strong>{ "equivariant" }</strong>{ "), or neither, and shows the number that proves it." }
                </p>
                <p class="home-links"><a href="#/tour">{ "Take the guided tour" }</a>{ " · " }<a href="#/teachers">{ "For teachers: objectives, questions for the class, predict links" }</a></p>
            </div>
            <ol class="blueprint" aria-label="The geometric deep learning blueprint">
                <li class="bp-linear"><strong>{ "Equivariant linear layers" }</strong><span>{ "convolutions, group convolutions, message passing" }</span></li>
                <li class="bp-nonlin"><strong>{ "Pointwise nonlinearities" }</strong><span>{ "ReLU, tanh: they commute with any reordering" }</span></li>
                <li class="bp-pool"><strong>{ "Local pooling" }</strong><span>{ "coarse-graining: scale separation" }</span></li>
                <li class="bp-global"><strong>{ "Invariant global pooling" }</strong><span>{ "forget where, keep what" }</span></li>
            </ol>
            <div class="cards">
                { for CARDS.iter().map(|c| html! {
                    <a class="card" href={c.href}>
                        <h2>{ c.title }</h2>
                        <p>{ c.text }</p>
                        <p class="try">{ c.try_it }</p>
                    </a>
                }) }
            </div>
        </section>
    }
}
