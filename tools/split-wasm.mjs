// One download per language, each in two parts: run by `make build` after
// trunk has built the app once per language (`--no-default-features
// --features en`, then `zh`) into target/dist-en and target/dist-zh.
//
// For each language, binaryen's `wasm-split` cuts the module in two, guided
// by a profile: an instrumented build is opened in headless Chromium, in
// that language, and played to its end; every function that ran stays in
// the first module (`mxviz-<lang>_bg.wasm`, the download a reader waits
// for); the rest (the Explore editors, other stories' rules, error paths…)
// goes to `mxviz-<lang>_rest.wasm`, which static/start.js fetches once the
// reader reaches for the page, or at the latest when the first module calls
// into it. Both are optimised again with wasm-opt.
//
// The output is a dist/ like trunk's (its JavaScript minified by terser,
// its CSS by csso), with per-language glue and modules and
// a `<meta name="mxviz-build" content="split">` that tells static/boot.js
// and static/start.js which files to load.
//
// Two quirks of Debian's binaryen 108 (the only wasm-split here; the npm
// binaryen has none) are worked around below: it cannot read `table.fill`,
// and it renumbers tables without updating wasm-bindgen's
// `__wbindgen_externrefs` export.
//
// Usage: node tools/split-wasm.mjs <out dir> <lang>=<trunk dist> ...
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { minify } from 'terser';
import { minify as minifyCss } from 'csso';
import { launch } from '../tests/e2e/browser.mjs';
import { serve } from '../tests/e2e/server.mjs';

const FEATURES = ['--enable-reference-types', '--enable-bulk-memory', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-nontrapping-float-to-int', '--enable-multivalue'];
const WASM_SPLIT = process.env.WASM_SPLIT ?? 'wasm-split';
// Everything else from the npm binaryen, which knows today's wasm features.
const npmBin = (tool) => path.resolve('node_modules', '.bin', tool);
const OPT = ['-Oz', '--low-memory-unused', '--zero-filled-memory'];

const [out, ...builds] = process.argv.slice(2);
if (!out || builds.length === 0) throw new Error('usage: node tools/split-wasm.mjs <out dir> <lang>=<trunk dist> ...');
const WORK = path.join('target', 'split');
fs.rmSync(WORK, { recursive: true, force: true });
fs.mkdirSync(WORK, { recursive: true });

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

// The work-arounds below and static/start.js (the `table` export, imports
// named `placeholder.<slot>` and `primary.*`) are made for this version.
const version = run(WASM_SPLIT, ['--version']).toString().trim();
if (!/\b108\b/.test(version)) throw new Error(`wasm-split: found "${version}", made for binaryen 108 (Debian's)`);

/// What static/start.js counts on: the first module exports its function
/// table as `table`, imports missing functions as `placeholder.<slot>`; the
/// second imports only from `primary`.
function checkSplit(firstFile, restFile) {
  const first = new WebAssembly.Module(fs.readFileSync(firstFile));
  const rest = new WebAssembly.Module(fs.readFileSync(restFile));
  if (!WebAssembly.Module.exports(first).some((e) => e.name === 'table' && e.kind === 'table')) throw new Error(`${firstFile}: no table export named "table"`);
  const bad = WebAssembly.Module.imports(first).find((i) => i.module === 'placeholder' && !/^\d+$/.test(i.name));
  if (bad) throw new Error(`${firstFile}: placeholder import "${bad.name}" is not a table slot`);
  const foreign = WebAssembly.Module.imports(rest).find((i) => i.module !== 'primary');
  if (foreign) throw new Error(`${restFile}: imports from "${foreign.module}", start.js gives only "primary"`);
}

/// binaryen 108 predates `table.fill`; wasm-bindgen only ever fills one slot
/// with null (dropping an externref), which `table.set` does the same.
function withoutTableFill(wasm, to) {
  const wat = `${to}.wat`;
  run(npmBin('wasm-dis'), [wasm, '-o', wat]);
  const fill = /\(table\.fill (\$\S+)\n(\s+)\(local\.get (\$\d+)\)\n\s+\(ref\.null noextern\)\n\s+\(i32\.const 1\)\n(\s+)\)/g;
  const text = fs.readFileSync(wat, 'utf8').replace(fill, (_, table, indent, slot, close) =>
    `(table.set ${table}\n${indent}(local.get ${slot})\n${indent}(ref.null noextern)\n${close})`);
  if (text.includes('table.fill')) throw new Error(`${wasm}: a table.fill that is not "one slot to null"; teach withoutTableFill`);
  fs.writeFileSync(wat, text);
  run(npmBin('wasm-as'), [...FEATURES, wat, '-o', to]);
}

/// Points the `__wbindgen_externrefs` export back at the externref table
/// (binaryen 108 leaves it at the old index once it adds its own table).
function fixExternrefExport(file) {
  const buf = fs.readFileSync(file);
  let p = 8;
  const leb = () => { let r = 0, s = 0, b; do { b = buf[p++]; r += (b & 0x7f) * 2 ** s; s += 7; } while (b & 0x80); return r; };
  const skipLimits = () => { const flags = buf[p++]; leb(); if (flags & 1) leb(); };
  let tables = 0, externrefs = -1, fixed = false;
  while (p < buf.length) {
    const id = buf[p++];
    const size = leb();
    const end = p + size;
    if (id === 2) { // imports: imported tables come first in the table index space
      for (let n = leb(); n > 0; n--) {
        for (let field = 0; field < 2; field++) { const len = leb(); p += len; } // module, name
        const kind = buf[p++];
        if (kind === 0) leb();
        else if (kind === 1) { const type = buf[p++]; skipLimits(); if (type === 0x6f) externrefs = tables; tables++; }
        else if (kind === 2) skipLimits();
        else if (kind === 3) p += 2;
      }
    } else if (id === 4) { // tables
      for (let n = leb(), i = 0; i < n; i++) { const type = buf[p++]; skipLimits(); if (type === 0x6f) externrefs = tables; tables++; }
    } else if (id === 7) { // exports
      for (let n = leb(); n > 0; n--) {
        const len = leb();
        const name = buf.subarray(p, p + len).toString();
        p += len;
        const kind = buf[p++];
        const at = p;
        leb();
        if (name === '__wbindgen_externrefs' && kind === 1) {
          if (p - at !== 1 || externrefs < 0 || externrefs > 127) throw new Error(`${file}: unexpected table layout`);
          buf[at] = externrefs;
          fixed = true;
        }
      }
    }
    p = end;
  }
  if (!fixed) throw new Error(`${file}: no __wbindgen_externrefs table export`);
  fs.writeFileSync(file, buf);
}

/// The visits whose functions stay in the first module, each a fresh page:
/// the page as a first visit opens it (it plays), a few seconds at its own
/// speed, then on to the end at 8x; the page opened paused; an embed as the
/// snippet writes it; a phone opening a shared link at a step, and one
/// playing at its own speed for a while. Some paths depend on timing, so the
/// plain page is opened more than once.
const VISITS = [
  { hash: '', width: 1280, height: 800, play: true },
  { hash: '', width: 1280, height: 800, play: true },
  { hash: 'preset=seed-story&autoplay=0', width: 1280, height: 800 },
  { hash: 'preset=seed-story&embed=1&autoplay=0', width: 650, height: 450 },
  { hash: 'preset=seed-story&embed=1', width: 390, height: 450 },
  { hash: 'preset=seed-story&autoplay=0&e=40', width: 390, height: 844 },
  { hash: '', width: 390, height: 844, wait: 12_000 },
];

/// Runs one visit in `lang` on the instrumented build; returns wasm-split's
/// profile of it.
async function profileVisit(browser, server, lang, { hash, width, height, play, wait = 4000 }) {
  const context = await browser.newContext({ viewport: { width, height } });
  try {
    // The instrumented module's exports, caught as the glue instantiates it.
    await context.addInitScript(() => {
      const keep = (result) => { window.__profiled = (result.instance ?? result).exports; return result; };
      const { instantiate, instantiateStreaming } = WebAssembly;
      WebAssembly.instantiate = (...a) => instantiate(...a).then(keep);
      WebAssembly.instantiateStreaming = (...a) => instantiateStreaming(...a).then(keep);
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}#${hash}${hash ? '&' : ''}lang=${lang}`);
    await page.waitForSelector('#app svg.stage g.host');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(wait);
    if (play) {
      await page.selectOption('.speed select', '8x');
      // A first visit is already playing (autoplay); else press Play.
      const button = page.locator('button.play');
      if (['Play', '播放'].includes(await button.getAttribute('aria-label'))) await button.click();
      // The story holds on each key moment until the reader goes on.
      const deadline = Date.now() + 120_000;
      for (;;) {
        const state = await page.waitForFunction(() => (document.querySelector('.controls')?.dataset.atEnd === 'true' ? 'end'
          : document.querySelector('button.go-on') ? 'held' : false), null, { timeout: Math.max(1000, deadline - Date.now()) }).then((h) => h.jsonValue());
        if (state === 'end') break;
        await page.locator('button.go-on').click();
      }
    }
    if (errors.length) throw new Error(`profiling run #${hash}: ${errors.join('; ')}`);
    const bytes = await page.evaluate(() => {
      const w = window.__profiled;
      const len = 1 << 20;
      const at = w.__wbindgen_malloc(len, 1);
      const n = w.__write_profile(at, len);
      return Array.from(new Uint8Array(w.memory.buffer, at, n));
    });
    return Buffer.from(bytes);
  } finally {
    await context.close();
  }
}

/// Profiles every visit in `lang` and merges them into `out`.
async function profile(dist, lang, out) {
  const server = await serve(dist);
  const browser = await launch();
  try {
    // Two at a time: timing-dependent paths should not depend on how busy
    // the machine is.
    const files = VISITS.map((_, i) => `${out}.${i}`);
    for (let i = 0; i < VISITS.length; i += 2) {
      await Promise.all(VISITS.slice(i, i + 2).map(async (visit, k) =>
        fs.writeFileSync(files[i + k], await profileVisit(browser, server, lang, visit))));
    }
    run(WASM_SPLIT, ['--merge-profiles', ...files, '-o', out]);
  } finally {
    await browser.close();
    await server.close();
  }
}

const sizes = [];
for (const build of builds) {
  const [lang, dist] = build.split('=');
  const w = (name) => path.join(WORK, `${lang}-${name}`);
  withoutTableFill(path.join(dist, 'mxviz_bg.wasm'), w('whole.wasm'));

  // Profile: the trunk build with the instrumented module in its place.
  run(WASM_SPLIT, [...FEATURES, '--instrument', w('whole.wasm'), '-o', w('instrumented.wasm')]);
  fixExternrefExport(w('instrumented.wasm'));
  const profiled = w('profile-dist');
  fs.cpSync(dist, profiled, { recursive: true });
  fs.copyFileSync(w('instrumented.wasm'), path.join(profiled, 'mxviz_bg.wasm'));
  await profile(profiled, lang, w('profile'));

  run(WASM_SPLIT, [...FEATURES, '--split', `--profile=${w('profile')}`, w('whole.wasm'),
    '-o1', w('first.wasm'), '-o2', w('rest.wasm')]);
  fixExternrefExport(w('first.wasm'));
  fs.mkdirSync(out, { recursive: true });
  run(npmBin('wasm-opt'), [...FEATURES, ...OPT, w('first.wasm'), '-o', path.join(out, `mxviz-${lang}_bg.wasm`)]);
  run(npmBin('wasm-opt'), [...FEATURES, '-Oz', w('rest.wasm'), '-o', path.join(out, `mxviz-${lang}_rest.wasm`)]);
  fs.copyFileSync(path.join(dist, 'mxviz.js'), path.join(out, `mxviz-${lang}.js`));
  checkSplit(path.join(out, `mxviz-${lang}_bg.wasm`), path.join(out, `mxviz-${lang}_rest.wasm`));
  sizes.push(`${lang}: first ${fs.statSync(path.join(out, `mxviz-${lang}_bg.wasm`)).size} B, rest ${fs.statSync(path.join(out, `mxviz-${lang}_rest.wasm`)).size} B`);
}

// Everything else (HTML, CSS, static/) is the same in every language's build.
const [, first] = builds[0].split('=');
for (const entry of fs.readdirSync(first)) {
  if (entry === 'mxviz.js' || entry === 'mxviz_bg.wasm') continue;
  fs.cpSync(path.join(first, entry), path.join(out, entry), { recursive: true });
}
// The JavaScript a reader downloads, minified (the glue is wasm-bindgen's,
// written for reading). Names the glue exports and `import.meta` survive.
for (const file of [...builds.map((b) => `mxviz-${b.split('=')[0]}.js`), 'static/start.js', 'static/boot.js']) {
  const at = path.join(out, file);
  const result = await minify(fs.readFileSync(at, 'utf8'), { module: file !== 'static/boot.js', ecma: 2020 });
  fs.writeFileSync(at, result.code);
}
// The style sheet, minified (structure kept: only spaces, comments and
// spellings go).
const css = minifyCss(fs.readFileSync(path.join(out, 'style.css'), 'utf8'), { restructure: false }).css;
fs.writeFileSync(path.join(out, 'style.css'), css);

// One version for the files that must come from the same build (index.html
// names it; boot.js and start.js add it to every file they load), so that a
// browser holding an older copy under the same name never mixes builds.
const VERSIONED = [...fs.readdirSync(out).filter((f) => /^mxviz-.*\.(js|wasm)$/.test(f)), 'static/start.js', 'static/boot.js', 'style.css'].sort();
const hash = crypto.createHash('sha256');
for (const file of VERSIONED) hash.update(file).update(fs.readFileSync(path.join(out, file)));
const VERSION = hash.digest('hex').slice(0, 12);

const INDEX = path.join(out, 'index.html');
let html = fs.readFileSync(INDEX, 'utf8');
const preloads = /\s*<link rel="modulepreload" href="mxviz\.js">\s*<link rel="preload" href="mxviz_bg\.wasm"[^>]*>/;
if (!preloads.test(html)) throw new Error('index.html: the preload links of mxviz.js and mxviz_bg.wasm are not where expected');
html = html.replace(preloads, '');
// The comments of index.html are for its readers in the repository.
html = html.replace(/\s*<!--[\s\S]*?-->/g, '');
// Before boot.js, which preloads the reader's language's files.
const BOOT = '<script src="static/boot.js">';
const START = '<script type="module" src="static/start.js">';
if (!html.includes(BOOT) || !html.includes(START)) throw new Error(`index.html: no ${BOOT} or ${START}`);
html = html.replace(BOOT, `<meta name="mxviz-build" content="split" data-version="${VERSION}">\n  <script src="static/boot.js?v=${VERSION}">`)
  .replace(START, `<script type="module" src="static/start.js?v=${VERSION}">`);
// The style sheet: trunk's integrity hash brought up to date, the version added.
const integrity = /<link rel="stylesheet" href="\.\/style\.css" integrity="sha384-[^"]+"/;
if (!integrity.test(html)) throw new Error('index.html: the style sheet link is not as trunk writes it');
html = html.replace(integrity, `<link rel="stylesheet" href="./style.css?v=${VERSION}" integrity="sha384-${crypto.createHash('sha384').update(css).digest('base64')}"`);
fs.writeFileSync(INDEX, html);

console.log(`split: ${sizes.join('; ')}`);
