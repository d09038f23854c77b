//! The yew application: the shell with hash routes, one folder per lab, and
//! shared widgets. Components only wire engine results to the page; the maths
//! lives in `engine`, the drawing in `viz`.

mod bench;
pub mod clock;
mod dna_lab;
pub mod download;
pub mod glossary;
pub mod graph_lab;
pub mod groups;
mod home;
pub mod image_lab;
pub mod math;
mod panic_banner;
mod routes;
pub mod sequence_lab;
pub mod share;
mod shell;
pub mod teachers;
mod tour;
mod train_lab;
mod url;
pub mod widgets;

/// Install the panic banner and mount the app on `<body>`.
pub fn start() {
    panic_banner::install();
    // The loading placeholder of index.html has done its job.
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        el.remove();
    }
    yew::Renderer::<shell::App>::new().render();
}
