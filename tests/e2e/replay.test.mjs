// End-to-end for replaying a mail log (issue 22): the reader pastes the
// Postfix lines of a recording, sees which lines the model reproduces, and
// watches the world that explains them; a log that is not one is refused
// in a word and changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve } from './server.mjs';
import { launch, open, playToEnd } from './browser.mjs';

const SHOTS = 'target/screenshots';
let server, browser;

before(async () => {
  server = await serve('dist');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const logs = (story) => ['sender', 'mx1', 'mx2']
  .map((n) => `tests/fixtures/realmta/${story}/${n}.log`)
  .filter((f) => fs.existsSync(f))
  .map((f) => fs.readFileSync(f, 'utf8'))
  .join('\n');

test('a pasted Postfix log is replayed line by line, then shown on the stage', async () => {
  const { page, context, errors } = await open(browser, `${server.url}#preset=seed-story&autoplay=0`);
  await page.getByRole('button', { name: 'Scenario file' }).click();
  // Not a log: refused in a word, nothing changes.
  await page.locator('#replay-text').fill('hello\nworld');
  await page.getByRole('button', { name: 'Replay the log' }).click();
  assert.match(await page.locator('.dialog.scenario .replay .error').innerText(), /Not replayed: none of its 2 lines is a Postfix line/);
  // The seed story as real Postfix logged it, three machines pasted together.
  await page.locator('#replay-text').fill(logs('seed'));
  await page.getByRole('button', { name: 'Replay the log' }).click();
  assert.match(await page.locator('.replay-summary').innerText(), /reproduces 6 of the 6 lines/);
  assert.equal(await page.locator('.replay-lines li.agrees').count(), 6);
  await page.locator('.dialog.scenario').screenshot({ path: `${SHOTS}/replay-dialog.png` });
  await page.getByRole('button', { name: 'Show it on the stage' }).click();
  await page.waitForSelector('.dialog.scenario', { state: 'detached' });
  await playToEnd(page);
  // The world that explains it: MX2 held the message, MX1 wrote it.
  const log = await page.locator('.log-lines').innerText();
  assert.match(log, /mx2\.example\.com: to=<bob@example\.com>, dsn=4\.4\.1, status=deferred \(connect to mx1\.example\.com\[127\.0\.0\.12\]:25: Connection refused\)/);
  assert.match(log, /mx1\.example\.com: to=<bob@example\.com>, relay=virtual, dsn=2\.0\.0, status=sent/);
  await page.screenshot({ path: `${SHOTS}/replay-stage.png` });
  assert.deepEqual(errors, []);
  await context.close();
});

test('hide addresses: the replayed world and its link carry none of the names in the log', async () => {
  const { page, context, errors } = await open(browser, `${server.url}#preset=seed-story&autoplay=0`);
  await page.getByRole('button', { name: 'Scenario file' }).click();
  await page.locator('#replay-text').fill(logs('seed'));
  await page.locator('#replay-hide').check();
  await page.getByRole('button', { name: 'Replay the log' }).click();
  assert.match(await page.locator('.replay-summary').innerText(), /reproduces 6 of the 6 lines/);
  const lines = await page.locator('.replay-lines').innerText();
  assert.doesNotMatch(lines, /alice|example\.com|127\.0\.0/);
  await page.getByRole('button', { name: 'Show it on the stage' }).click();
  await page.waitForSelector('.dialog.scenario', { state: 'detached' });
  await playToEnd(page);
  assert.doesNotMatch(await page.locator('svg.stage').textContent(), /alice|example\.com|127\.0\.0/);
  // The page's link carries the world (s=, base64 of its JSON): none of the names either.
  const world = await page.evaluate(() => {
    const s = new URLSearchParams(location.hash.slice(1)).get('s') || '';
    return atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  });
  assert.match(world, /domain1\.example/);
  assert.doesNotMatch(world, /alice|example\.com|127\.0\.0/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the replay speaks Chinese too', async () => {
  const { page, context, errors } = await open(browser, `${server.url}#preset=seed-story&autoplay=0&lang=zh`);
  await page.locator('header button', { hasText: '场景' }).first().click();
  await page.locator('#replay-text').fill(logs('several-recipients'));
  await page.getByRole('button', { name: '重放日志' }).click();
  assert.match(await page.locator('.replay-summary').innerText(), /模型重现了 9 行，共有 9 行/);
  await page.locator('.dialog.scenario').screenshot({ path: `${SHOTS}/replay-dialog-zh.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
