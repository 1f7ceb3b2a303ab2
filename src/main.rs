//! The trunk entry point: mounts the app in the browser.

fn main() {
    #[cfg(target_arch = "wasm32")]
    mxviz::ui::start();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("mxviz runs in the browser: use `make serve` and open http://127.0.0.1:8080");
}
