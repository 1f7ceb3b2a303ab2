// The first picture (src/bin/prerender.rs renders it into dist/index.html
// at build time with Yew's server renderer): with the wasm held back, the
// reader already sees the stage, for the page and an embed, in English and
// Chinese, at the widths it is used at; once the wasm arrives the live app
// replaces it in place, laid out the same. A link to another story or step
// shows no picture rather than a wrong one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser } from './browser.mjs';
import { serve } from './server.mjs';

const SHOTS = 'target/screenshots';
const ctx = withServerAndBrowser({ before, after }, serve);

/// Opens `hash` with the wasm held until `release()` is called.
async function held(width, height, hash) {
  const context = await ctx.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(/\.wasm(\?|$)/, async (route) => { await gate; await route.continue().catch(() => {}); });
  await page.goto(`${ctx.server.url}${hash}`);
  return { page, context, release };
}

// What shows of the picture: the visible copy's stage texts and its size.
function visiblePicture() {
  const copies = [...document.querySelectorAll('#first-picture .fp')].filter((c) => getComputedStyle(c).display !== 'none');
  const svg = copies[0]?.querySelector('svg.stage');
  return {
    copies: copies.length,
    texts: svg ? [...svg.querySelectorAll('text')].map((t) => t.textContent).join(' | ') : '',
    width: svg?.getBoundingClientRect().width ?? 0,
    ids: document.querySelectorAll('#first-picture [id]').length,
    hrefs: [...document.querySelectorAll('#first-picture [href]')].map((a) => a.getAttribute('href')),
  };
}

test('before the wasm arrives the stage is already there, the right copy for each page', async () => {
  for (const [name, w, h, hash, words] of [
    ['page-1280', 1280, 800, '', /Resolver · cache/],
    ['page-768', 768, 1000, '', /Resolver · cache/],
    ['phone-390', 390, 844, '', /Resolver · cache/],
    ['page-zh', 1280, 800, '#lang=zh', /解析器 · 缓存/],
    ['embed-650', 650, 450, '#embed=1', /Resolver · cache/],
    ['embed-zh-400', 400, 450, '#embed=1&lang=zh', /解析器 · 缓存/],
  ]) {
    const { page, context, release } = await held(w, h, hash);
    await page.waitForSelector('#first-picture');
    const p = await page.evaluate(visiblePicture);
    assert.equal(p.copies, 1, `${name}: one copy shows`);
    assert.match(p.texts, words, name);
    assert.match(p.texts, /MX1/, name);
    assert.ok(p.width > w * 0.5, `${name}: the stage is ${p.width} px wide`);
    assert.equal(p.ids, 0, `${name}: no ids to clash with the live app`);
    assert.deepEqual(p.hrefs, [], `${name}: no links to the build's server`);
    assert.equal(await page.locator('#app .app').count(), 0, 'the live app has not started');
    await page.screenshot({ path: `${SHOTS}/first-picture-${name}.png` });
    release();
    await page.waitForSelector('#app svg.stage g.host');
    assert.equal(await page.locator('#first-picture').count(), 0, `${name}: the picture gives way to the live app`);
    await context.close();
  }
});

test('the live app takes over in place: the same layout, the same boxes where they were', async () => {
  for (const [name, w, h, hash] of [
    ['page-1280', 1280, 800, ''], ['page-768', 768, 1000, ''], ['page-700', 700, 900, '#lang=zh'],
    ['phone-390', 390, 844, ''], ['phone-360', 360, 740, '#lang=zh'],
    ['embed-650', 650, 450, '#embed=1'], ['embed-400', 400, 450, '#embed=1'],
  ]) {
    const { page, context, release } = await held(w, h, hash);
    await page.waitForSelector('#first-picture');
    const boxes = (root) => {
      const copy = [...document.querySelectorAll(root)].find((c) => getComputedStyle(c).display !== 'none' && c.offsetParent !== null) ?? document.querySelector(root);
      const svg = copy.querySelector('svg.stage');
      return { mode: svg.getAttribute('class'), hosts: [...svg.querySelectorAll('g.host')].map((g) => {
        const r = g.getBoundingClientRect();
        return [g.textContent.slice(0, 12), Math.round(r.x), Math.round(r.y), Math.round(r.width)];
      }) };
    };
    const picture = await page.evaluate(boxes, '#first-picture .fp');
    // Every frame from here: the stage's layout class, to catch one that shows another layout.
    await page.evaluate(() => {
      window.modes = [];
      const seen = () => { const svg = document.querySelector('#app svg.stage') ?? [...document.querySelectorAll('#first-picture svg.stage')].find((s) => s.getBoundingClientRect().width > 0); window.modes.push(svg?.getAttribute('class') ?? 'none'); requestAnimationFrame(seen); };
      requestAnimationFrame(seen);
    });
    release();
    await page.waitForSelector('#app svg.stage g.host');
    await page.waitForTimeout(300);
    const live = await page.evaluate(boxes, '#app');
    assert.equal(live.mode, picture.mode, `${name}: the same layout`);
    const modes = [...new Set(await page.evaluate(() => window.modes))];
    assert.deepEqual(modes, [picture.mode], `${name}: no other layout in between`);
    assert.equal(live.hosts.length, picture.hosts.length, name);
    for (let i = 0; i < live.hosts.length; i++) {
      const [a, b] = [picture.hosts[i], live.hosts[i]];
      assert.equal(a[0], b[0], `${name}: host ${i}`);
      assert.ok(Math.abs(a[1] - b[1]) <= 24 && Math.abs(a[2] - b[2]) <= 24, `${name}: ${a[0]} moved from ${a} to ${b}`);
    }
    await context.close();
  }
});

test('a link to another story or step shows no picture, never the wrong one', async () => {
  for (const hash of ['#preset=null-mx', '#preset=seed-story&e=34', '#embed=1&preset=ttl-expiry', '#panels=log', '#detail=events']) {
    const { page, context, release } = await held(1280, 800, hash);
    await page.waitForSelector('#first-picture', { state: 'attached' });
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('#first-picture .fp')].filter((c) => getComputedStyle(c).display !== 'none' && c.offsetParent).length), 0, hash);
    assert.equal(await page.locator('#app .boot').isVisible(), true, `${hash}: the loading line says what is coming`);
    release();
    await page.waitForSelector('#app svg.stage g.host');
    await context.close();
  }
  // The default story's own links keep it: a language, a theme, autoplay off.
  for (const hash of ['#lang=zh', '#preset=seed-story&autoplay=0&theme=dark', '#e=0&embed=1']) {
    const { page, context, release } = await held(1280, 800, hash);
    await page.waitForSelector('#first-picture');
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('#first-picture .fp')].filter((c) => getComputedStyle(c).display !== 'none').length), 1, hash);
    release();
    await context.close();
  }
});
