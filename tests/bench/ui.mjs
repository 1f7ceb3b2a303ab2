// `make bench-ui`: the four UI figures, printed (not pass/fail):
//  1. release transfer size (wasm, JS, CSS, HTML, brotli) against 100 KB;
//  2. time to the first drawn stage in headless Chromium;
//  3. script time per animation frame while the busiest preset plays (p95);
//  4. time to seek to a random point of that preset's timeline (p95, max).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve } from '../e2e/server.mjs';
import { launch } from '../e2e/browser.mjs';

const DIST = 'dist';
const BUDGET = 100 * 1024;
const BUSIEST = process.env.PRESET ?? 'all-down-bounce';

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const ms = (x) => `${x.toFixed(2)} ms`;

// 1. Size.
let total = 0;
const parts = [];
for (const f of fs.readdirSync(DIST)) {
  if (!/\.(wasm|js|css|html)$/.test(f)) continue;
  const raw = fs.readFileSync(path.join(DIST, f));
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += br;
  parts.push(`${f.replace(/-[0-9a-f]{16}/, '')} ${(raw.length / 1024).toFixed(1)} KB -> ${(br / 1024).toFixed(1)} KB`);
}
console.log(`size: ${(total / 1024).toFixed(1)} KB brotli (budget ${BUDGET / 1024} KB, ${total <= BUDGET ? 'within' : 'OVER'}): ${parts.join(', ')}`);

const server = await serve(DIST);
const browser = await launch();

// Counts, inside the page, the script time of every animation frame: from
// the start of each requestAnimationFrame callback until the microtasks it
// queued (Yew renders in one) have run.
const INSTRUMENT = () => {
  window.__frames = [];
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((ts) => {
    const t0 = performance.now();
    cb(ts);
    queueMicrotask(() => queueMicrotask(() => window.__frames.push(performance.now() - t0)));
  });
  new MutationObserver((_, obs) => {
    if (document.querySelector('svg.stage g.host')) { window.__firstStage = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });
};

// 2. First drawn stage, median of 5 cold loads.
const firsts = [];
for (let i = 0; i < 5; i++) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.addInitScript(INSTRUMENT);
  await page.goto(server.url);
  await page.waitForFunction(() => window.__firstStage !== undefined);
  firsts.push(await page.evaluate(() => window.__firstStage));
  await ctx.close();
}
console.log(`first stage: ${ms(pct(firsts, 0.5))} median of 5 (min ${ms(Math.min(...firsts))}, max ${ms(Math.max(...firsts))})`);

// 3. Frames while the busiest preset plays at 8x.
const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const page = await ctx.newPage();
await page.addInitScript(INSTRUMENT);
await page.goto(server.url);
await page.waitForSelector('#app svg.stage g.host');
await page.selectOption('.presets select', BUSIEST);
await page.selectOption('.speed select', '8x');
await page.evaluate(() => { window.__frames = []; });
await page.waitForTimeout(6000);
const frames = await page.evaluate(() => window.__frames);
const events = await page.evaluate(() => document.querySelector('.narration .when')?.textContent ?? '');
console.log(`frame script time (${BUSIEST}, 8x, ${frames.length} frames): p50 ${ms(pct(frames, 0.5))}, p95 ${ms(pct(frames, 0.95))}, max ${ms(Math.max(...frames))} (aim: p95 <= 4 ms) [${events.trim()}]`);

// 4. Seeks to spread-out points, paused, in a fresh page.
await ctx.close();
const seekCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const seekPage = await seekCtx.newPage();
await seekPage.goto(server.url);
await seekPage.waitForSelector('#app svg.stage g.host');
await seekPage.selectOption('.presets select', BUSIEST);
await seekPage.locator('button.play').click();
// Each seek is its own task, as each input event of a real drag is.
const seeks = [];
for (let i = 1; i <= 60; i++) {
  // A fixed, well-spread sequence of points (golden-ratio steps).
  const x = (i * 0.6180339887) % 1;
  const dt = await seekPage.evaluate(async (x) => {
    const r = document.querySelector('.scrubber input');
    const before = document.querySelector('.narration .when').textContent;
    const t0 = performance.now();
    r.value = String(Math.round(x * Number(r.max)));
    r.dispatchEvent(new Event('input', { bubbles: true }));
    // Yew renders in a microtask queued by the event handler.
    await new Promise((res) => queueMicrotask(() => queueMicrotask(res)));
    const dt = performance.now() - t0;
    return document.querySelector('.narration .when').textContent !== before ? dt : null;
  }, x);
  if (dt !== null) seeks.push(dt);
}
console.log(`seek (${BUSIEST}, ${seeks.length} random points): p50 ${ms(pct(seeks, 0.5))}, p95 ${ms(pct(seeks, 0.95))}, max ${ms(Math.max(...seeks))} (one frame = 16.7 ms)`);

await browser.close();
await server.close();
