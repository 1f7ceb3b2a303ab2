// Starts the app. trunk's own loader is an inline script, which the page's
// Content-Security-Policy refuses, so this file does its job: load the
// wasm-bindgen glue and the module, both next to index.html.
//
// What `make build` ships (a `<meta name="mxviz-build" content="split">`,
// tools/split-wasm.mjs) is one build per language, each in two modules: the
// first holds what opening the page and playing the story run; the rest is
// fetched once the reader reaches for the page (a pointer over it, a touch,
// a key, a focus), or at the latest when the first module calls one of its
// functions. A plain trunk build (`make serve`) is one module with both
// languages.
const split = document.querySelector('meta[name="mxviz-build"]')?.content === 'split';
const lang = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
const name = split ? `mxviz-${lang}` : 'mxviz';
const { default: init } = await import(`../${name}.js`);

if (split) {
  const restUrl = new URL(`../${name}_rest.wasm`, import.meta.url);
  let first = null; // the first module's exports
  let loaded = false;
  const attach = (module) => {
    if (loaded) return;
    // The second module writes its functions into the first's table, over
    // the placeholders below.
    new WebAssembly.Instance(module, { primary: first });
    loaded = true;
  };
  // Called when the first module reaches a function that is not there yet:
  // fetch the rest now, synchronously (the call must return its result).
  const loadNow = () => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', restUrl, false);
    xhr.overrideMimeType('text/plain; charset=x-user-defined');
    xhr.send();
    if (xhr.status !== 200) throw new Error(`could not download ${restUrl.pathname} (HTTP ${xhr.status})`);
    const text = xhr.responseText;
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    attach(new WebAssembly.Module(bytes));
  };
  // wasm-split imports each missing function as `placeholder.<table slot>`.
  const placeholder = new Proxy({}, {
    get: (_, slot) => (...args) => {
      if (!loaded) loadNow();
      return first.table.get(Number(slot))(...args);
    },
  });
  // The glue builds its own imports: add the placeholders on the way in,
  // keep the exports on the way out (before the glue runs `main`).
  const { instantiate, instantiateStreaming } = WebAssembly;
  const keep = (result) => { first = result.instance.exports; return result; };
  WebAssembly.instantiateStreaming = (source, imports) => instantiateStreaming(source, { ...imports, placeholder }).then(keep);
  WebAssembly.instantiate = (source, imports) => instantiate(source, { ...imports, placeholder }).then(keep);
  try {
    await init({ module_or_path: new URL(`../${name}_bg.wasm`, import.meta.url) });
  } finally {
    Object.assign(WebAssembly, { instantiate, instantiateStreaming });
  }
  const intents = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'];
  const prefetch = () => {
    for (const type of intents) removeEventListener(type, prefetch, true);
    if (loaded) return;
    // A host that does not send `application/wasm` refuses streaming: compile the bytes.
    WebAssembly.compileStreaming(fetch(restUrl))
      .catch(() => fetch(restUrl).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)))
      .then(attach, () => {}); // failed: the first call into it fetches it again
  };
  for (const type of intents) addEventListener(type, prefetch, { capture: true, passive: true });
} else {
  await init({ module_or_path: new URL(`../${name}_bg.wasm`, import.meta.url) });
}
