// Starts the app. trunk's own loader is an inline script, which the page's
// Content-Security-Policy refuses, so this file does its job: load the
// wasm-bindgen glue and the module, both next to index.html.
import init from '../mxviz.js';

await init({ module_or_path: new URL('../mxviz_bg.wasm', import.meta.url) });
