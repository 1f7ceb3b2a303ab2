//! The trunk entry point: mounts the app in the browser.

fn main() {
    #[cfg(feature = "csr")]
    mxviz::ui::start();
    #[cfg(not(feature = "csr"))]
    eprintln!("mxviz runs in the browser: use `make serve` and open http://127.0.0.1:8080");
}
