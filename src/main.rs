//! The browser entry point: install the panic banner, then mount the app.
#[cfg(target_arch = "wasm32")]
fn main() {
    symmetry_lab::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Symmetry Lab runs in the browser: build it with `trunk build` (see README.md).");
}
