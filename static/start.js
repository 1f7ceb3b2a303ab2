// Starts the app. trunk's own loader is an inline script, which the page's
// Content-Security-Policy refuses, so this file does its job: load the
// wasm-bindgen glue and compile the module while it streams in (the same
// requests boot.js's preload links started).
//
// Both files carry the build's version (`make build` writes it into
// index.html from their contents), so that a browser holding an older copy
// of one never mixes two builds. A file that does not arrive gets a clear
// message and a "Try again" (static/boot.js), which starts here again.

// Which module: this language's, as boot.js chose it and preloaded it.
const chosen = window.mxvizModule ?? { glue: 'mxviz.js', wasm: 'mxviz_bg.wasm' };
let attempt = 0;

async function start() {
  // After a failure, a new address: a browser remembers a failed module.
  const again = (file) => (attempt ? `${file}${file.includes('?') ? '&' : '?'}retry=${attempt}` : file);
  const { default: init } = await import(new URL(`../${again(chosen.glue)}`, import.meta.url).href);
  const url = new URL(`../${again(chosen.wasm)}`, import.meta.url);
  const response = fetch(url).then((r) => {
    if (!r.ok) throw new Error(`${url.pathname.replace(/^.*\//, '')}: HTTP ${r.status}`);
    return r;
  });
  await init({ module_or_path: response });
}

function run() {
  start().catch((e) => {
    // A panic inside the app has shown its own panel (boot.js): only a
    // download that failed is retried.
    if (!document.getElementById('fatal')?.hidden) return;
    attempt += 1;
    window.mxvizDownloadFailed?.(e?.message ?? e, run);
  });
}

run();
