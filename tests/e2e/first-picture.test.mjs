// The first picture (tests/e2e/first-picture.mjs writes it into
// dist/index.html at build time): with the wasm held back, the reader already
// sees the stage, for the page and an embed, in English and Chinese, at the
// widths it is used at; once the wasm arrives the live app replaces it.
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

test('the live app replaces the picture and works; a failed download still shows the error panel', async () => {
  const { page, context, release } = await held(1280, 800, '#autoplay=0');
  release();
  await page.waitForSelector('#app svg.stage g.host');
  await page.locator('body').press('ArrowRight');
  await page.waitForFunction(() => /step 1 of/.test(document.querySelector('.narration .when')?.textContent ?? ''));
  await context.close();

  const c2 = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p2 = await c2.newPage();
  await p2.route(/\.wasm(\?|$)/, (r) => r.abort());
  await p2.goto(ctx.server.url);
  await p2.waitForSelector('#fatal:not([hidden])');
  assert.equal(await p2.locator('#first-picture').count(), 0, 'no dead picture beside the error');
  await c2.close();
});
