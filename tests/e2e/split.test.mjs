// What a reader downloads (`make build`: tools/split-wasm.mjs, started by
// static/start.js): one build per language, each in two modules. A first
// visit fetches its language's glue and first module only; the second module
// follows when the reader reaches for the page, or, should the first module
// call into it before that, at that moment; either way once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { withServerAndBrowser, open } from './browser.mjs';
import { serve } from './server.mjs';

const ctx = withServerAndBrowser({ before, after }, serve);
const fetched = (requests, file) => requests.filter((u) => new URL(u).pathname.endsWith(`/${file}`)).length;
const ours = (requests) => requests.map((u) => new URL(u).pathname.replace(/^\//, '')).filter((p) => /\.(js|wasm)$/.test(p)).sort();

test('a first visit fetches its language\'s first module only; the rest once the reader reaches for the page', async () => {
  for (const [lang, other, hash] of [['en', 'zh', ''], ['zh', 'en', '&lang=zh']]) {
    const { page, context, requests, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0${hash}`);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(ours(requests), [`mxviz-${lang}.js`, `mxviz-${lang}_bg.wasm`, 'static/boot.js', 'static/start.js'],
      `${lang}: the first visit's scripts and modules`);
    assert.equal(requests.filter((u) => u.includes(`mxviz-${other}`)).length, 0, `${lang}: nothing of the other language`);
    // Every file of the build is asked for with the build's version, so an
    // older copy in a browser's cache is never mixed in.
    const version = await page.evaluate(() => document.querySelector('meta[name="mxviz-build"]').dataset.version);
    assert.match(version, /^[0-9a-f]{12}$/);
    for (const u of requests.filter((u) => /\.(js|wasm|css)(\?|$)/.test(new URL(u).pathname + new URL(u).search))) {
      assert.equal(new URL(u).searchParams.get('v'), version, u);
    }

    // The reader moves the pointer over the page: the rest comes, once.
    const rest = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`mxviz-${lang}_rest.wasm`));
    await page.mouse.move(400, 300);
    await rest;
    // The Explore editors are in the second module; they open at once.
    await page.locator('details.explore summary').click();
    await page.locator('details.explore [role=tab]').nth(1).click();
    await page.waitForSelector('details.explore [role=tabpanel] input, details.explore [role=tabpanel] select');
    assert.equal(fetched(requests, `mxviz-${lang}_rest.wasm`), 1, `${lang}: the second module is fetched once`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('when the first module needs the rest before any pointer or key, it is fetched then, and the page works', async () => {
  // No input events at all: clicks from script, as assistive tools may send.
  const { page, context, requests, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0`);
  await page.evaluate(() => { document.querySelector('details.explore').open = true; });
  await page.evaluate(() => document.querySelectorAll('details.explore [role=tab]')[1].click());
  await page.waitForSelector('details.explore [role=tabpanel] input, details.explore [role=tabpanel] select');
  assert.equal(fetched(requests, 'mxviz-en_rest.wasm'), 1, 'fetched once, when first needed');
  // And the rest of the page still plays to the end.
  await page.evaluate(() => {
    const speed = document.querySelector('.speed select');
    speed.value = '8x';
    speed.dispatchEvent(new Event('change', { bubbles: true }));
    document.querySelector('.controls button.play').click();
  });
  // Key moments hold until Continue, clicked from script too.
  await page.waitForFunction(() => {
    document.querySelector('button.go-on')?.click();
    return document.querySelector('.controls')?.dataset.atEnd === 'true';
  }, null, { timeout: 90_000, polling: 200 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link to another story fetches both modules at once, never blocking the page', async () => {
  for (const hash of ['preset=null-mx&embed=1&autoplay=1', 'preset=all-down-bounce&autoplay=0&lang=zh']) {
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    const rest = [];
    const errors = [];
    page.on('request', (r) => { if (r.url().includes('_rest.wasm')) rest.push(r.resourceType()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${ctx.server.url}#${hash}`);
    await page.waitForSelector('#app svg.stage g.host');
    await page.waitForLoadState('networkidle');
    assert.deepEqual(rest, ['fetch'], `${hash}: fetched once, in the background (not a blocking request)`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the language switch loads the other language\'s build', async () => {
  const { page, context, requests, errors } = await open(ctx.browser, `${ctx.server.url}#preset=null-mx&autoplay=0`);
  await page.selectOption('select.lang', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && /lang=zh/.test(location.hash));
  await page.waitForSelector('#app svg.stage g.host');
  assert.equal(fetched(requests, 'mxviz-zh_bg.wasm'), 1);
  assert.match(await page.locator('button.play').getAttribute('aria-label'), /播放/);
  assert.match(await page.evaluate(() => location.hash), /preset=null-mx/, 'the story stays');
  assert.deepEqual(errors, []);
  await context.close();
});

test('switching language mid-story keeps the step; a pasted link in the other language loads it', async () => {
  const { page, context, errors } = await open(ctx.browser, `${ctx.server.url}#preset=seed-story&autoplay=0&e=30`);
  // The step, by its number ("step 7 of 20", "第 7 步（共 20 步）"): the timeline's
  // milliseconds differ between languages, whose sentences take longer or shorter to read.
  const position = () => page.evaluate(() => /\d+/.exec(document.querySelector('.narration .when')?.textContent ?? '')?.[0]);
  const before = await position();
  await page.selectOption('select.lang', 'zh');
  await page.waitForFunction(() => document.querySelector('button.play')?.getAttribute('aria-label') === '播放');
  assert.equal(await position(), before, 'the same step after the switch');
  // The address bar: the same story in English, pasted into the open page.
  await page.evaluate(() => { location.hash = 'preset=seed-story&autoplay=0&e=12&lang=en'; });
  await page.waitForFunction(() => document.querySelector('button.play')?.getAttribute('aria-label') === 'Play');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.deepEqual(errors, []);
  await context.close();
});
