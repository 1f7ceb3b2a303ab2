// The smoke layer in the two other browser engines, through WebDriver:
// Firefox ESR (Debian's `firefox-esr`, geckodriver from crates.io) and
// WebKitGTK, Safari's engine (Debian's `webkit2gtk-driver`, under Xvfb).
// In each: the page goes live, a server's menu opens and takes it down, the
// seed story plays to its end card, Chinese, an embed; no error panel and
// no console error. Run by `make test` (layer "engines"); Chromium has the
// full end-to-end layer (tests/e2e).
//
// Both drivers refuse element clicks on SVG shapes: the servers are clicked
// by position, as a pointer would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { Builder, By, until } from 'selenium-webdriver';
import { serve } from '../e2e/server.mjs';

const SHOTS = 'target/screenshots';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const GECKODRIVER = process.env.GECKODRIVER ?? `${process.env.HOME}/.cargo/bin/geckodriver`;

const ENGINES = {
  firefox: {
    driver: (port) => [GECKODRIVER, ['--port', String(port), '--host', '127.0.0.1']],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless', '-width=1280', '-height=800'],
        // Nothing but the test server: no updates, telemetry or remote settings.
        prefs: {
          'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false, 'network.captive-portal-service.enabled': false,
          'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false,
          'extensions.update.enabled': false, 'services.settings.server': 'http://127.0.0.1:9/',
          'network.connectivity-service.enabled': false, 'browser.region.network.url': '',
        },
      },
    },
  },
  webkit: {
    driver: (port) => ['WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1']],
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--geometry=1280x800'] },
    },
  },
};

let server;
before(async () => { server = await serve(process.env.MXVIZ_DIST ?? 'dist'); fs.mkdirSync(SHOTS, { recursive: true }); });
after(async () => { await server?.close(); });

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function startDriver(engine) {
  const port = await freePort();
  const [cmd, args] = ENGINES[engine].driver(port);
  const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${url}/status`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  const driver = await new Builder().usingServer(url).withCapabilities(ENGINES[engine].capabilities).build();
  await driver.manage().setTimeouts({ script: 30_000, pageLoad: 60_000 });
  return { driver, stop: async () => { await driver.quit().catch(() => {}); proc.kill(); }, log: () => log };
}

/// Opens `hash`, waits for the live app, and starts recording console errors.
async function openLive(driver, hash) {
  // A new document for each link: from another page, since a change of the
  // fragment alone would not load it again.
  await driver.get('about:blank');
  await driver.get(`${server.url}${hash}`);
  await driver.wait(until.elementLocated(By.css('#app svg.stage g.host')), 60_000);
  await driver.executeScript(`
    window.__errors = [];
    const error = console.error.bind(console);
    console.error = (...a) => { window.__errors.push(a.map(String).join(' ')); error(...a); };
    addEventListener('error', (e) => window.__errors.push(String(e.message)));
    addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));`);
}

async function noErrors(driver, what) {
  const state = await driver.executeScript(`return {
    errors: window.__errors ?? ['no error recorder'],
    fatal: !document.getElementById('fatal').hidden,
    offline: !document.getElementById('offline').hidden,
  };`);
  assert.deepEqual(state, { errors: [], fatal: false, offline: false }, what);
}

/// A click where a pointer would click: the middle of the element.
async function clickAt(driver, selector) {
  const [x, y] = await driver.executeScript(`const r = document.querySelector(arguments[0]).getBoundingClientRect();
    return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];`, selector);
  await driver.actions({ async: true }).move({ x, y, origin: 'viewport' }).click().perform();
}

async function shot(driver, name) {
  fs.writeFileSync(`${SHOTS}/${name}.png`, await driver.takeScreenshot(), 'base64');
}

for (const engine of Object.keys(ENGINES)) {
  test(`${engine}: live, a server taken down from its menu, the story to its end, Chinese, an embed`, { timeout: 300_000 }, async () => {
    const { driver, stop, log } = await startDriver(engine);
    try {
      // The seed story, played at 8x to its end card, going on from each key moment.
      await openLive(driver, '#preset=seed-story&autoplay=0');
      await driver.executeScript(`const s = document.querySelector('.speed select'); s.value = '8x';
        s.dispatchEvent(new Event('change', { bubbles: true }));`);
      await driver.findElement(By.css('button.play')).click();
      // As a reader would: Continue at each key moment, and Play again if the
      // story stands paused short of its end (counted and printed: once, a
      // WebKit run under Xvfb stood still for two minutes).
      let replayed = 0;
      await driver.wait(async () => {
        const [done, paused] = await driver.executeScript(`document.querySelector('button.go-on')?.click();
          const atEnd = document.querySelector('.controls')?.dataset.atEnd === 'true';
          const paused = !atEnd && !document.querySelector('button.go-on') && document.querySelector('button.play')?.getAttribute('aria-label') === 'Play';
          return [atEnd && !!document.querySelector('svg.stage .end-card'), paused];`);
        if (paused) {
          replayed += 1;
          await driver.findElement(By.css('button.play')).click();
        }
        return done;
      }, 120_000, 'the end card').catch(async (e) => {
        const where = await driver.executeScript(`return [document.querySelector('.narration .when')?.textContent, document.querySelector('.controls')?.dataset.atEnd, document.querySelector('button.play')?.getAttribute('aria-label'), !!document.querySelector('button.go-on')].join(' | ')`);
        throw new Error(`${e.message}: stood at ${where}, Play pressed again ${replayed} times`);
      });
      if (replayed) console.log(`# ${engine}: the story stood paused short of its end; Play pressed again ${replayed} times`);
      await shot(driver, `engine-${engine}-end`);
      await noErrors(driver, `${engine}: the story`);

      // A server's menu, opened by a click on the server, takes it down.
      await openLive(driver, '#preset=seed-story&autoplay=0');
      await clickAt(driver, 'g[data-host="mx2.example.com"]');
      const menu = await driver.wait(until.elementLocated(By.css('.dialog.menu')), 10_000);
      await menu.findElement(By.xpath(".//button[normalize-space()='Take it down']")).click();
      await driver.wait(async () => /, down/.test(await driver.findElement(By.css('g[data-host="mx2.example.com"]')).getAttribute('aria-label')), 10_000, 'MX2 down');
      await shot(driver, `engine-${engine}-menu`);
      await noErrors(driver, `${engine}: the menu`);

      // Chinese.
      await openLive(driver, '#lang=zh&autoplay=0');
      assert.equal(await driver.findElement(By.css('button.play')).getAttribute('aria-label'), '播放');
      assert.equal(await driver.executeScript('return document.documentElement.lang'), 'zh-CN');
      await driver.findElement(By.css('body')).sendKeys('\uE014'); // →
      await driver.wait(async () => /第 1 步/.test(await driver.findElement(By.css('.narration .when')).getText()), 10_000, 'a step in Chinese');
      await shot(driver, `engine-${engine}-zh`);
      await noErrors(driver, `${engine}: Chinese`);

      // An embed.
      await driver.manage().window().setRect({ width: 650, height: 450 }).catch(() => {});
      await openLive(driver, '#embed=1&autoplay=0');
      await driver.wait(until.elementLocated(By.css('.app.embed svg.stage g.host')), 10_000, 'the embed');
      await shot(driver, `engine-${engine}-embed`);
      await noErrors(driver, `${engine}: the embed`);
    } catch (e) {
      e.message += `\n--- ${engine} driver log (last lines) ---\n${log().split('\n').slice(-15).join('\n')}`;
      throw e;
    } finally {
      await stop();
    }
  });
}
