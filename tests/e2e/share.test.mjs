// End-to-end for sharing and embedding: links that replay exactly, the
// blog-like example page under another path, hostile links, themes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve } from './server.mjs';
import { launch, open, playToEnd, offOrigin } from './browser.mjs';

const SHOTS = 'target/screenshots';
let server, sub, browser;

before(async () => {
  server = await serve('dist');
  // The same build mounted under a blog's subpath: relative URLs must work.
  sub = await serve('dist', { prefix: '/posts/mx/' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await sub?.close();
});



test('a link copied after some clicks reproduces the same trace and mailbox in a new page', async () => {
  const a = await open(browser, `${server.url}#preset=seed-story&autoplay=0`);
  for (let i = 0; i < 5; i++) await a.page.getByRole('button', { name: 'Step forward one step' }).click();
  // Bring MX1 back early: the sender should reach it directly.
  await a.page.locator('g[data-host="mx1.example.com"]').click();
  await a.page.getByRole('button', { name: 'Bring it back up' }).click();
  for (let i = 0; i < 3; i++) await a.page.getByRole('button', { name: 'Step forward one step' }).click();
  const when = await a.page.locator('.narration .when').innerText();
  const log = await a.page.locator('.log-lines').innerText();

  await a.page.getByRole('button', { name: 'Share & embed' }).click();
  const link = await a.page.locator('#share-url').inputValue();
  assert.match(link, /#s=[A-Za-z0-9_-]+&e=\d+(&autoplay=0)?&lang=en$/);
  await a.page.screenshot({ path: `${SHOTS}/desktop-share.png` });

  const b = await open(browser, link);
  assert.equal(await b.page.locator('.narration .when').innerText(), when, 'same step of the same run');
  assert.equal(await b.page.locator('.log-lines').innerText(), log);
  assert.equal(await b.page.locator('button.play').getAttribute('aria-label'), 'Play', 'opens paused at that step');

  await a.page.keyboard.press('Escape');
  await playToEnd(a.page);
  await playToEnd(b.page);
  const mailbox = (p) => p.locator('.mailboxes').innerText();
  assert.equal(await mailbox(b.page), await mailbox(a.page));
  assert.match(await mailbox(b.page), /0001\.eml/);
  assert.equal(await b.page.locator('.narration .when').innerText(), await a.page.locator('.narration .when').innerText());
  for (const x of [a, b]) {
    assert.deepEqual(offOrigin(x.requests, server.origin), []);
    assert.deepEqual(x.errors, []);
    await x.context.close();
  }
});

test('the example blog page under another path shows both embeds playing, clickable, without page scroll', async () => {
  const { page, context, requests, errors } = await (async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
    const page = await context.newPage();
    const requests = [], errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${sub.url}static/embed-example.html`);
    return { page, context, requests, errors };
  })();
  const frames = page.locator('iframe');
  assert.equal(await frames.count(), 2);
  for (let i = 0; i < 2; i++) await frames.nth(i).scrollIntoViewIfNeeded();
  const inner = page.frames().filter((f) => f !== page.mainFrame());
  assert.equal(inner.length, 2);
  for (const f of inner) {
    await f.waitForSelector('#app svg.stage g.host', { timeout: 20_000 });
    assert.equal(await f.locator('header.top').count(), 0, 'no page chrome in an embed');
    const t0 = await f.locator('.big-clock').innerText();
    await f.waitForFunction((t0) => document.querySelector('.big-clock').textContent !== t0, t0, { timeout: 20_000 });
    const fits = await f.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1 && document.documentElement.scrollWidth <= window.innerWidth + 1);
    assert.ok(fits, 'no page scroll inside the 700x450 frame');
  }
  assert.equal(await inner[1].evaluate(() => document.documentElement.getAttribute('data-theme')), 'dark', 'the embed theme wins');
  // Clickable: open MX1's menu in the first embed.
  await inner[0].locator('g[data-host="mx1.example.com"]').click();
  assert.match(await inner[0].locator('.dialog.menu h2').innerText(), /mx1\.example\.com/);
  await page.screenshot({ path: `${SHOTS}/embed-example.png`, fullPage: true });
  assert.ok(requests.every((u) => u.startsWith(`${sub.origin}/posts/mx/`)), requests.join('\n'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile links show a message and the default story; user text stays text', async () => {
  const b64 = (s) => Buffer.from(s).toString('base64url');
  const bad = [
    '#preset=does-not-exist',
    '#s=!!!!',
    `#s=${b64('{"sender": "x",')}`,
    `#s=${b64('{"sender":"mail.alice.example","zones":[],"servers":[{"host":"mail.alice.example","address":"192.0.2.25"}],"messages":[{"from":"a@b.c","to":["x@y.z"],"at":-5}]}')}`,
    '#theme=<script>alert(1)</script>',
    '#e=99999999999999999999',
    `#s=${'A'.repeat(120000)}`,
  ];
  for (const hash of bad) {
    const { page, context, errors } = await open(browser, server.url + hash);
    const notice = await page.locator('.notice').innerText();
    assert.match(notice, /could not be opened/, hash);
    assert.equal(await page.locator('.presets select').inputValue(), 'seed-story', hash);
    assert.equal(await page.locator('.notice script, .notice b').count(), 0);
    assert.deepEqual(errors, [], hash);
    await context.close();
  }
  await (async () => {
    const { page } = await open(browser, server.url + bad[4]);
    await page.screenshot({ path: `${SHOTS}/desktop-bad-link.png` });
    await page.context().close();
  })();

  // Markup in a subject and a body is shown as text, in the eml too.
  const md = fs.readFileSync('docs/scenario.md', 'utf8');
  const scenario = JSON.parse(md.split('```json\n')[1].split('\n```')[0]);
  scenario.messages[0].subject = '<b>bold</b><img src="x" onerror="alert(1)">';
  scenario.messages[0].body = '<script>alert(2)</script>\nHello';
  scenario.timeline = [];
  const x = await open(browser, `${server.url}#s=${b64(JSON.stringify(scenario))}`);
  assert.equal(await x.page.locator('.notice').count(), 0);
  await playToEnd(x.page);
  await x.page.locator('.mailboxes button.file').first().click();
  const raw = await x.page.locator('.dialog.eml .raw').innerText();
  assert.match(raw, /Subject: <b>bold<\/b><img src="x" onerror="alert\(1\)">/);
  assert.match(raw, /<script>alert\(2\)<\/script>/);
  assert.equal(await x.page.locator('.dialog.eml .raw b, .dialog.eml .raw img, .dialog.eml .raw script').count(), 0);
  assert.deepEqual(offOrigin(x.requests, server.origin), []);
  assert.ok(!x.requests.some((u) => u.endsWith('/x')), 'the img in the subject was never loaded');
  assert.deepEqual(x.errors, []);
  await x.context.close();
});

test('dark mode follows the system and the toggle; a scenario file loads, a bad one is refused', async () => {
  const { page, context, errors } = await open(browser, server.url, { colorScheme: 'dark' });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(17, 20, 27)', 'dark by the system setting');
  await page.getByRole('button', { name: 'Theme: auto' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.getByRole('button', { name: 'Theme: dark' }).click();
  assert.equal(await bg(), 'rgb(246, 247, 251)', 'the toggle wins over the system');
  await page.waitForFunction(() => location.hash.includes('theme=light'));
  await page.screenshot({ path: `${SHOTS}/desktop-light-toggle.png` });

  await page.getByRole('button', { name: 'Scenario file' }).click();
  await page.locator('#scenario-text').fill('{"sender": "nobody", "zones": [], "servers": []}');
  await page.getByRole('button', { name: 'Load pasted scenario' }).click();
  assert.match(await page.locator('.dialog.scenario .error').innerText(), /Not loaded: .*sender/);
  assert.equal(await page.locator('.presets select').inputValue(), 'seed-story', 'nothing changed');

  const md = fs.readFileSync('docs/scenario.md', 'utf8');
  const nullMx = md.split('```json\n')[4].split('\n```')[0];
  assert.match(nullMx, /example\.org/);
  await page.locator('input[type=file]').setInputFiles({ name: 'null-mx.json', mimeType: 'application/json', buffer: Buffer.from(nullMx) });
  await page.waitForSelector('.dialog.scenario', { state: 'detached' });
  assert.equal(await page.locator('.presets select').inputValue(), '');
  await playToEnd(page);
  assert.match(await page.locator('.log-lines').innerText(), /dsn=5\.1\.10, status=bounced \(Domain example\.org does not accept mail \(nullMX\)\)/);
  assert.deepEqual(errors, []);
  await context.close();
});
