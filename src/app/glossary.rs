//! The glossary (`#/glossary`): every word the labs use, in plain language,
//! with the formula where there is one. `#/glossary?term=orbit` scrolls to
//! and highlights one entry; explanations in the labs link here.

use super::math;
use super::url;
use yew::prelude::*;

/// One entry: id (for links), term, definition, optional formula, and where
/// to see it live.
struct Entry {
    id: &'static str,
    term: &'static str,
    text: &'static str,
    formula: Option<fn() -> Html>,
    see: Option<(&'static str, &'static str)>,
}

const ENTRIES: &[Entry] = &[
    Entry { id: "group", term: "Group", text: "A set of transformations that can be composed (doing one after another is again one of them), that contains the identity (doing nothing), and in which every transformation can be undone by an inverse. Examples: the shifts of an image, the quarter turns C4, the symmetries of the square D4, the renumberings of n nodes S_n, and {1, RC} for DNA.", formula: None, see: Some(("#/groups?group=d4", "the groups explorer")) },
    Entry { id: "action", term: "Group action", text: "How each element g of a group moves a signal x; written g·x. It must respect composition: acting with h and then with g is acting with the single element g·h, and the identity moves nothing.", formula: None, see: Some(("#/groups", "the groups explorer")) },
    Entry { id: "representation", term: "Representation", text: "The way a group acts on the numbers inside a network: on the input (shifting pixels), on a layer's output (shifting feature maps, and for group convolutions also cycling the orientation channels), or trivially (doing nothing, after global pooling). Written ρ(g).", formula: None, see: None },
    Entry { id: "invariance", term: "Invariance", text: "A function is invariant when transforming its input does not change its output at all. A classifier of digits should be invariant to small shifts.", formula: Some(math::invariance), see: Some(("#/image?preset=digit3&g=shift(4,6)&model=cnn-gap", "global pooling in the image lab")) },
    Entry { id: "equivariance", term: "Equivariance", text: "A function is equivariant when transforming its input transforms its output in a matching way: shift the picture, and the feature maps shift too. Invariance is the special case where the output's transformation does nothing.", formula: Some(math::equivariance), see: Some(("#/image?preset=digit3&g=shift(4,6)&model=cnn-gap", "a convolution in the image lab")) },
    Entry { id: "error", term: "Equivariance and invariance errors", text: "The numbers next to every layer. Φ_k is the network up to layer k and ρ_k(g) the action of g on that layer's output. Below 1e-4 (rounding in 32-bit floats) the property holds exactly. A layer is called approximately invariant or equivariant only when the error is below 5e-2 AND below a tenth of its baseline error: a small number means nothing for a layer that barely reacts to where things are.", formula: Some(math::equivariance_error), see: None },
    Entry { id: "baseline", term: "Baseline error (a scramble)", text: "The same layer's change when the input is rearranged in a way that is no symmetry: the picture's four quarters trade places, a strand's or a series' quarters change order, node features move against the graph. Local content stays, only where it sits changes. A layer whose output barely changes even then is insensitive to arrangement, and a small error under g says nothing about g.", formula: None, see: Some(("#/image?model=cnn-gap&filters=random&g=rot90", "an insensitive head in the image lab")) },
    Entry { id: "local-error", term: "Local error: broken here or lost earlier", text: "A layer's own error: the layer applied to ρ(g) of its input (moved exactly, so nothing earlier interferes), compared with ρ(g) of its output. Large: the layer breaks the symmetry itself. Exact while the error is not: the symmetry was lost at an earlier layer and this one only passes it on.", formula: None, see: Some(("#/image?model=cnn-gap&filters=random&g=rot90", "a broken first layer")) },
    Entry { id: "invariance-error", term: "Invariance error", text: "The same comparison with ρ_k(g) left out: how much the output changed at all.", formula: Some(math::invariance_error), see: None },
    Entry { id: "orbit", term: "Orbit and stabiliser", text: "The orbit of x is every picture g·x the group can make from it; the stabiliser is the set of elements that leave x unchanged. A symmetric input has a large stabiliser and a small orbit.", formula: Some(math::orbit_stabiliser), see: Some(("#/groups?group=d4&sample=checker", "orbits in the groups explorer")) },
    Entry { id: "cayley", term: "Cayley table", text: "The multiplication table of a finite group: row g, column h holds g·h. Every row and column contains every element exactly once.", formula: None, see: Some(("#/groups", "the groups explorer")) },
    Entry { id: "convolution", term: "Convolution", text: "Slide one small filter over every position and take weighted sums (deep-learning libraries compute this cross-correlation and call it convolution). Because the same weights are used everywhere, moving the input moves the output: convolutions are shift-equivariant.", formula: Some(math::convolution), see: Some(("#/image", "the image lab")) },
    Entry { id: "padding", term: "Padding", text: "What a convolution sees beyond the border: wrapped-around pixels (circular padding: the image is a torus and shifts are exact symmetries) or zeros (zero padding: the border is special, so equivariance breaks there).", formula: None, see: Some(("#/image?pad=zero&g=zshift(3,5)", "zero padding in the image lab")) },
    Entry { id: "group-convolution", term: "Group convolution", text: "A convolution that also slides over rotations (and reflections): the lifting layer applies every rotated copy of each filter, producing one map per orientation; later layers mix orientations in the same shared way. Rotating the input rotates every map and cycles the orientation channels.", formula: None, see: Some(("#/image?model=p4cnn&g=rot90", "p4cnn in the image lab")) },
    Entry { id: "pooling", term: "Pooling", text: "Summarising a neighbourhood by its maximum or mean. Local pooling with stride s coarse-grains the maps; it commutes with shifts by multiples of s only. Global pooling summarises everything and is invariant.", formula: None, see: Some(("#/image?g=shift(1,0)&pool=blur", "pooling in the image lab")) },
    Entry { id: "aliasing", term: "Aliasing and blurred pooling", text: "Subsampling a signal that has fine detail folds that detail into wrong coarse values, so a one-pixel shift can change the output a lot. Blurring before subsampling (anti-aliasing) keeps the output much closer.", formula: None, see: Some(("#/image?g=shift(1,0)&pool=blur", "blurred pooling")) },
    Entry { id: "receptive-field", term: "Receptive field", text: "The part of the input that one unit of a layer can see. Each convolution widens it by the filter size minus one; each pooling multiplies the step between units by its stride.", formula: None, see: Some(("#/image?preset=dot", "receptive fields in the image lab")) },
    Entry { id: "scale-separation", term: "Scale separation", text: "Building a network from local operations at one scale at a time, with pooling in between: each layer sees a slightly bigger picture than the last. One of the principles of the geometric deep learning blueprint.", formula: None, see: None },
    Entry { id: "blueprint", term: "Geometric deep learning blueprint", text: "Stack equivariant linear layers, pointwise nonlinearities and local pooling, then finish with an invariant global pooling (Bronstein, Bruna, Cohen and Veličković, 2021). CNNs, group CNNs, GNNs and RC-equivariant DNA models are all instances.", formula: None, see: Some(("#/tour", "the guided tour")) },
    Entry { id: "permutation-matrix", term: "Permutation matrix", text: "A matrix P of zeros and ones with exactly one 1 per row and column: multiplying by it reorders rows. Renumbering the nodes of a graph moves the feature rows and both the rows and the columns of the adjacency matrix.", formula: Some(math::permutation), see: Some(("#/graph?g=perm(7)", "the graph lab")) },
    Entry { id: "message-passing", term: "Message passing and readout", text: "Each node updates its features from the sum, mean or maximum of its neighbours' features, with the same weights for every node: permutation-equivariant. A readout sums (or averages) over all nodes: permutation-invariant.", formula: None, see: Some(("#/graph", "the graph lab")) },
    Entry { id: "wl", term: "1-WL colour refinement", text: "Repeatedly give each node a new colour made from its own colour and the multiset of its neighbours' colours. Message-passing GNNs cannot tell apart two graphs that this test colours the same way, such as two triangles and a hexagon.", formula: None, see: Some(("#/graph?preset=two-triangles", "1-WL in the graph lab")) },
    Entry { id: "reverse-complement", term: "Reverse complement", text: "The other strand of the double helix, read in its own direction: reverse the sequence and swap A with T and C with G. A one-hot strand (channels A, C, G, T) reverses its positions and its channels. A palindromic site such as GAATTC equals its own reverse complement.", formula: Some(math::reverse_complement), see: Some(("#/dna?g=rc", "the DNA lab")) },
    Entry { id: "time-warping", term: "Time warping and gates", text: "Playing a signal faster or slower. A plain RNN has a fixed time scale; a gated RNN decides how much to remember at each step, and rescaling its gate lets it follow the same signal played A times slower.", formula: Some(math::gated_rnn), see: Some(("#/sequence?g=warp(2)", "the sequence lab")) },
    Entry { id: "augmentation", term: "Data augmentation", text: "Instead of building a symmetry into the layers, train on transformed copies of the data, so the network learns to answer the same. The result is only approximately invariant, and only for the transformations it was shown.", formula: None, see: Some(("#/train", "the augmentation lab")) },
];

#[component]
pub fn Glossary() -> Html {
    let focus = url::use_hash_location().get("term").map(str::to_string);
    {
        let focus = focus.clone();
        use_effect_with(focus, |focus| {
            if let Some(id) = focus {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("term-{id}")))
                {
                    el.scroll_into_view();
                }
            }
        });
    }
    html! {
        <section class="page narrow glossary">
            <h1>{ "Glossary" }</h1>
            <p class="lead">{ "The words of the labs in plain language, with the formula where there is one." }</p>
            <nav class="glossary-index" aria-label="Terms">
                { for ENTRIES.iter().map(|e| html! { <a href={format!("#/glossary?term={}", e.id)}>{ e.term }</a> }) }
            </nav>
            <dl>
                { for ENTRIES.iter().map(|e| {
                    let class = classes!("entry", (focus.as_deref() == Some(e.id)).then_some("focused"));
                    html! {
                        <div {class} id={format!("term-{}", e.id)}>
                            <dt>{ e.term }</dt>
                            <dd>
                                <p>{ e.text }</p>
                                if let Some(f) = e.formula { { f() } }
                                if let Some((href, label)) = e.see {
                                    <p class="see">{ "See it live: " }<a href={href}>{ label }</a></p>
                                }
                            </dd>
                        </div>
                    }
                }) }
            </dl>
        </section>
    }
}
