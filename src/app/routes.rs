//! The hash routes of the design (`#/image`, `#/graph`, ...). Hash routing
//! lets any static host and any `<iframe>` serve the app.

use yew_router::Routable;

#[derive(Clone, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/image")]
    Image,
    #[at("/graph")]
    Graph,
    #[at("/dna")]
    Dna,
    #[at("/sequence")]
    Sequence,
    #[at("/groups")]
    Groups,
    #[at("/train")]
    Train,
    #[at("/tour")]
    Tour,
    #[at("/glossary")]
    Glossary,
    #[at("/teachers")]
    Teachers,
    #[at("/bench")]
    Bench,
    #[not_found]
    #[at("/404")]
    NotFound,
}

impl Route {
    /// The labs in navigation order, with their menu titles.
    pub const NAV: [(Route, &'static str); 8] = [
        (Route::Image, "Images"),
        (Route::Graph, "Graphs"),
        (Route::Dna, "DNA"),
        (Route::Sequence, "Sequences"),
        (Route::Groups, "Groups"),
        (Route::Train, "Augmentation"),
        (Route::Tour, "Tour"),
        (Route::Glossary, "Glossary"),
    ];
}
