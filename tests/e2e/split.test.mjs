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

    // The reader moves the pointer over the page: the rest comes, once.
    const rest = page.waitForResponse((r) => r.url().endsWith(`mxviz-${lang}_rest.wasm`));
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
  await page.evaluate(() => document.querySelector('.controls button.play').click());
  await page.waitForFunction(() => document.querySelector('.controls')?.dataset.atEnd === 'true', null, { timeout: 90_000 });
  assert.deepEqual(errors, []);
  await context.close();
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
