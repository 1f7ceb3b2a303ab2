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

const base64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

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
  // Another mail server's log: named, refused, nothing changes.
  await page.locator('#replay-text').fill(fs.readFileSync('tests/fixtures/realmta/exim-sender-queue-gives-up/sender.log', 'utf8'));
  await page.getByRole('button', { name: 'Replay the log' }).click();
  await page.waitForFunction(() => /Exim/.test(document.querySelector('.dialog.scenario .replay .error')?.textContent || ''));
  assert.match(await page.locator('.dialog.scenario .replay .error').innerText(), /this is Exim.s own log/);
  // A log pasted where a scenario goes is moved to the replay, not refused.
  await page.locator('#scenario-text').fill(logs('seed'));
  await page.getByRole('button', { name: 'Load pasted scenario' }).click();
  assert.match(await page.locator('.dialog.scenario > .moved').innerText(), /This is a Postfix mail log, not a scenario file/);
  assert.equal(await page.locator('.dialog.scenario > .error').count(), 0, 'a note, not an error');
  assert.equal(await page.locator('#replay-text').inputValue(), logs('seed'));
  // The seed story as real Postfix logged it, three machines pasted together.
  await page.locator('#replay-text').fill(logs('seed'));
  await page.getByRole('button', { name: 'Replay the log' }).click();
  assert.match(await page.locator('.replay-summary').innerText(), /reproduces 6 of the 6 lines/);
  assert.equal(await page.locator('.dialog.scenario > .moved').count(), 0, 'the note has done its job');
  assert.equal(await page.locator('.replay-lines li.agrees').count(), 6);
  // The lines that say nothing about a delivery are listed as left out, never an error.
  assert.match(await page.locator('.replay-skipped summary').innerText(), /\d+ lines left out/);
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
  // The page's link carries the log as replayed (log=, base64): none of the names either.
  const shared = await page.evaluate(() => {
    const s = new URLSearchParams(location.hash.slice(1)).get('log') || '';
    return new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
  });
  assert.match(shared, /domain1\.example/);
  assert.doesNotMatch(shared, /alice|example\.com|127\.0\.0/);
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

test('the log stays beside the stage: each line lights up as its moment plays', async () => {
  const hash = `log=${base64url(logs('seed'))}&autoplay=0`;
  for (const [name, width, height] of [['desktop', 1280, 720], ['phone', 390, 844]]) {
    const { page, context, errors } = await open(browser, `${server.url}#${hash}`, { width, height });
    const lines = page.locator('.log-replay .paired li');
    await page.waitForSelector('.log-replay .paired li');
    assert.equal(await lines.count(), 6);
    assert.match(await page.locator('.log-replay .hint').innerText(), /reproduces 6 of the 6 lines/);
    // Nothing has happened yet: every line is still to come.
    assert.equal(await page.locator('.log-replay li.ahead').count(), 6);
    // The first line is the sender handing the message to MX2 (MX1 refused
    // its connection); stepping on reaches it, the line of the step on screen.
    const step = page.getByRole('button', { name: 'Step forward' });
    for (let i = 0; i < 40 && (await page.locator('.log-replay li.now').count()) === 0; i++) await step.click();
    assert.equal(await page.locator('.log-replay li.now').count(), 1);
    assert.match(await page.locator('.log-replay li.now code').innerText(), /relay=mx2\.example\.com.*status=sent/);
    if (name === 'desktop') await page.locator('.log-replay').screenshot({ path: `${SHOTS}/replay-panel.png` });
    // Choosing the last line (MX1 writing the file) shows that moment.
    await lines.last().locator('button.stamp').click();
    assert.match(await lines.last().getAttribute('class'), /now|seen/);
    assert.equal(await page.locator('.log-replay li.ahead').count(), 0);
    // The stage is at that moment: MX1 writing the message into bob's folder.
    assert.match(await page.locator('.narration .sentence').innerText(), /(writes the message into bob.s folder|写入 bob 的邮件目录)/);
    await page.screenshot({ path: `${SHOTS}/replay-panel-${name}.png`, fullPage: name === 'phone' });
    assert.deepEqual(errors, []);
    await context.close();
  }
});

// Every recording of real Postfix, its machines' logs in one link, replays
// in the page with every line about a recipient's fate reproduced.
const RECORDINGS = fs.readdirSync('tests/fixtures/realmta', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'scripts' && !d.name.startsWith('exim-'))
  .map((d) => d.name);

for (const story of RECORDINGS) {
  test(`recording ${story}: its log replays in the page, every line reproduced`, async () => {
    const { page, context, errors } = await open(browser, `${server.url}#log=${base64url(logs(story))}&autoplay=0`);
    await page.waitForSelector('.log-replay .hint');
    const hint = await page.locator('.log-replay .hint').innerText();
    const [, agree, total] = hint.match(/reproduces (\d+) of the (\d+) lines/);
    assert.equal(agree, total, `${story}: ${await page.locator('.log-replay li.differs').allInnerTexts()}`);
    assert.equal(await page.locator('.notice').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
