// Debian's Chromium through playwright-core: Playwright's own browser
// download does not work here. The flags keep Chromium off the network.
import { chromium } from 'playwright-core';

export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS, headless: true });
}

/// Opens a page that records every request and any page error.
export async function open(browser, url, { width = 1280, height = 800, reducedMotion = 'no-preference', colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion, colorScheme });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForSelector('svg.stage');
  return { page, context, requests, errors };
}
