//! Finishes `dist/index.html` after trunk:
//! - the first picture: the app's own components rendered natively by Yew's
//!   server renderer, for each copy the page may need (src/widths.rs,
//!   `PICTURES`, in each language). A reader sees the stage as soon as the
//!   HTML and the style sheet arrive; `ui::start` replaces it with the live
//!   app, drawn for the same width;
//! - the build's version, from the contents of every glue and module, and
//!   the languages built as a module of their own (in a folder named by
//!   their code): static/boot.js asks for the reader's language's module at
//!   a versioned address, so that a cached copy of one file never meets
//!   another from another build;
//! - the style sheet and static/boot.js written into the page, each allowed
//!   by its hash in the page's Content-Security-Policy: the first picture
//!   needs this one file, two round trips sooner on a slow link.
//!
//! Run by `make build` on trunk's fresh output: `cargo run --features ssr
//! --bin prerender -- dist`. No browser, and the same bytes every time.

use mxviz::lang::Lang;
use mxviz::ui::{App, Start};
use mxviz::widths::{stage_width, Picture, PICTURES};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use yew::LocalServerRenderer;

const START: &str = "<div id=\"first-picture\"";
const END: &str = "<!-- /first-picture -->";

/// The default story, paused at its start, as a link without options opens it.
fn start_for(picture: &Picture, lang: Lang) -> Start {
    let embed = if picture.embed { "&embed=1" } else { "" };
    Start {
        fragment: format!("#preset=seed-story&autoplay=0&lang={}{embed}", lang.code()),
        reduced_motion: false,
        browser_lang: lang,
        viewport: f64::from(picture.viewport.0),
        handover: None,
    }
}

fn render(start: Start) -> String {
    futures::executor::block_on(LocalServerRenderer::<App>::with_props(start).hydratable(false).render())
}

/// Ids would repeat across the copies (and clash with the live app's for
/// the moment both are there); a picture's links and labels point nowhere.
/// A scan of the markup, not a parse: the default story's words contain no
/// ` id="` or ` href="` of their own (the copies' texts are checked by
/// tests/e2e/first-picture.test.mjs, which also finds no id left).
fn inert(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    'scan: while let Some(i) = rest.find(' ') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        for attr in [" id=\"", " href=\"", " for=\"", " aria-labelledby=\"", " aria-describedby=\""] {
            if rest.starts_with(attr)
                && let Some(end) = rest[attr.len()..].find('"')
            {
                rest = &rest[attr.len() + end + 1..];
                continue 'scan;
            }
        }
        out.push(' ');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// The modules of the build: `mxviz.js` and `mxviz_bg.wasm` at the top (the
/// first language's), and in a folder named by its code for each other
/// language built on its own (`zh/`). A development build has only the first.
fn modules(dist: &Path) -> (Vec<PathBuf>, Vec<&'static str>) {
    let mut files = vec![dist.join("mxviz.js"), dist.join("mxviz_bg.wasm")];
    let mut folders = Vec::new();
    for lang in Lang::ALL {
        let folder = dist.join(lang.code());
        if folder.join("mxviz_bg.wasm").is_file() {
            files.extend([folder.join("mxviz.js"), folder.join("mxviz_bg.wasm")]);
            folders.push(lang.code());
        }
    }
    (files, folders)
}

/// The first 12 hex digits of the SHA-256 of every glue and module.
fn version(files: &[PathBuf]) -> String {
    let mut hash = Sha256::new();
    for path in files {
        hash.update(std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())));
    }
    hash.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// The build's version and the languages with a folder of their own, for
/// boot.js, which asks for the reader's language's module with it.
fn stamp_version(html: &mut String, version: &str, folders: &[&str]) {
    let head = html.find("<head>").expect("index.html has a <head>") + "<head>".len();
    let meta = format!("\n  <meta name=\"mxviz-build\" data-version=\"{version}\" data-folders=\"{}\">", folders.join(" "));
    html.insert_str(head, &meta);
}

/// `<link rel="stylesheet" href="static/style.css">` and `<script
/// src="static/boot.js"></script>` of index.html become the files' text,
/// and the policy allows exactly that text (`'sha256-…'`).
fn inline_style_and_boot(html: &mut String, dist: &Path) {
    use base64::Engine;
    let hash = |text: &str| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes())));
    let read = |file: &str| std::fs::read_to_string(dist.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let (css, js) = (read("static/style.css"), read("static/boot.js"));
    assert!(!css.contains("</style") && !js.contains("</script"), "the inlined text would end its element early");
    for (tag, inline, directive, source) in [
        ("<link rel=\"stylesheet\" href=\"static/style.css\">", format!("<style>{css}</style>"), "style-src 'self'", hash(&css)),
        ("<script src=\"static/boot.js\"></script>", format!("<script>{js}</script>"), "script-src 'self'", hash(&js)),
    ] {
        assert!(html.contains(tag), "index.html has {tag}");
        assert!(html.contains(directive), "the policy has {directive}");
        *html = html.replacen(tag, &inline, 1).replacen(directive, &format!("{directive} {source}"), 1);
    }
}

fn main() {
    let dist = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "dist".into()));
    let index = dist.join("index.html");
    let mut html = std::fs::read_to_string(&index).unwrap_or_else(|e| panic!("{}: {e}", index.display()));
    assert!(!html.contains(START), "{} is finished already: run trunk first", index.display());
    let (files, folders) = modules(&dist);
    let version = version(&files);
    stamp_version(&mut html, &version, &folders);
    inline_style_and_boot(&mut html, &dist);
    let mut block = format!("{START} aria-hidden=\"true\" inert>");
    for lang in Lang::ALL {
        for picture in PICTURES {
            let markup = inert(&render(start_for(picture, lang)));
            block.push_str(&format!("<div class=\"fp {} fp-{}\">{markup}</div>", picture.class, lang.code()));
            eprintln!(
                "first picture: {} {} (stage {} px): {} bytes",
                picture.class,
                lang.code(),
                stage_width(f64::from(picture.viewport.0), picture.embed),
                markup.len()
            );
        }
    }
    block.push_str("</div>");
    block.push_str(END);
    let anchor = "<div id=\"app\">";
    let at = html.find(anchor).expect("index.html has a <div id=\"app\">");
    html.insert_str(at, &format!("{block}\n  "));
    std::fs::write(&index, html).unwrap_or_else(|e| panic!("{}: {e}", index.display()));
    println!("version {version}, languages with a module of their own: {}", if folders.is_empty() { "none".to_string() } else { folders.join(", ") });
    println!("first picture: {} copies, {:.1} KB of markup in {}", Lang::ALL.len() * PICTURES.len(), block.len() as f64 / 1024.0, index.display());
}
