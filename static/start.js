// Starts the app. trunk's own loader is an inline script, which the page's
// Content-Security-Policy refuses, so this file does its job: load the
// wasm-bindgen glue and the module, both next to index.html.
//
// What `make build` ships (a `<meta name="mxviz-build" content="split">`,
// tools/split-wasm.mjs) is one build per language, each in two modules: the
// first holds what first visits of the default story run; the rest is
// fetched once the reader reaches for the page (a pointer over it, a touch,
// a key, a focus), at once for a link to another story (it would need it
// while starting), or at the latest when the first module calls one of its
// functions. A plain trunk build (`make serve`) is one module with both
// languages.
const build = document.querySelector('meta[name="mxviz-build"]');
const split = build?.content === 'split';
const lang = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
const name = split ? `mxviz-${lang}` : 'mxviz';
// The build's version on every file, so that a browser holding an older
// copy under the same name never mixes two builds.
const v = build?.dataset.version ? `?v=${build.dataset.version}` : '';
const { default: init } = await import(`../${name}.js${v}`);
const firstUrl = new URL(`../${name}_bg.wasm${v}`, import.meta.url);

if (split) {
  const restUrl = new URL(`../${name}_rest.wasm${v}`, import.meta.url);
  let first = null; // the first module's exports
  let loaded = false;
  let pending = null; // the background download, if one is under way
  const attach = (module) => {
    if (loaded) return;
    // The second module writes its functions into the first's table, over
    // the placeholders below.
    new WebAssembly.Instance(module, { primary: first });
    loaded = true;
  };
  const fetchRest = () => {
    const abort = new AbortController();
    // A host that does not send `application/wasm` refuses streaming: compile the bytes.
    const module = WebAssembly.compileStreaming(fetch(restUrl, { signal: abort.signal }))
      .catch(() => fetch(restUrl, { signal: abort.signal }).then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)));
    pending = { abort, module };
    module.catch(() => {}).finally(() => { if (pending?.module === module) pending = null; });
    return module;
  };
  // Called when the first module reaches a function that is not there yet:
  // fetch the rest now, synchronously (the call must return its result).
  const loadNow = () => {
    pending?.abort.abort();
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
  // A link to another story than the default one (or to a scenario of its
  // own) runs the rest's code as it starts: fetch both modules together.
  const story = /(?:^#|&)(preset|s)=([^&]*)/.exec(location.hash);
  const eager = story && !(story[1] === 'preset' && story[2] === 'seed-story') ? fetchRest() : null;
  // The glue builds its own imports: add the placeholders on the way in,
  // keep the exports on the way out (before the glue runs `main`), with the
  // rest attached first when it was fetched eagerly.
  const { instantiate, instantiateStreaming } = WebAssembly;
  const keep = async (result) => {
    first = (result.instance ?? result).exports;
    if (eager) await eager.then(attach, () => {});
    return result;
  };
  WebAssembly.instantiate = (source, imports) => instantiate(source, { ...imports, placeholder }).then(keep);
  if (instantiateStreaming) WebAssembly.instantiateStreaming = (source, imports) => instantiateStreaming(source, { ...imports, placeholder }).then(keep);
  try {
    await init({ module_or_path: firstUrl });
  } finally {
    Object.assign(WebAssembly, { instantiate, instantiateStreaming });
  }
  const intents = ['pointerover', 'pointerdown', 'touchstart', 'keydown', 'focusin'];
  const prefetch = () => {
    for (const type of intents) removeEventListener(type, prefetch, true);
    if (!loaded && !pending) fetchRest().then(attach, () => {}); // failed: the first call into it fetches it again
  };
  for (const type of intents) addEventListener(type, prefetch, { capture: true, passive: true });
} else {
  await init({ module_or_path: firstUrl });
}
