//! The yew application: the shell with hash routes, one folder per lab, and
//! shared widgets. Components only wire engine results to the page; the maths
//! lives in `engine`, the drawing in `viz`.

mod coming_soon;
pub mod graph_lab;
mod home;
pub mod image_lab;
mod panic_banner;
mod routes;
mod shell;
mod url;
pub mod widgets;

/// Install the panic banner and mount the app on `<body>`.
pub fn start() {
    panic_banner::install();
    yew::Renderer::<shell::App>::new().render();
}
