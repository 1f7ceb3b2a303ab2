// The first picture: run by `make build` after trunk. It opens the built
// app in headless Chromium, lets the app's own components draw the default
// story paused at its start (at a few page and embed widths, in English and
// Chinese), and writes that markup into dist/index.html. A reader then sees
// the stage as soon as the HTML and CSS arrive; when the wasm starts,
// `ui::start` removes the picture and mounts the live app in its place.
// One renderer: the picture is what the Yew components drew, not a copy.
//
// Which copy shows is decided by CSS (`first-picture` rules in style.css)
// from the viewport width and the classes `static/boot.js` puts on <html>
// before the body is parsed (`fp-embed` for `embed=1`, `lang` for the
// language). Links to another story or step show the default picture first.
//
// Usage: node tests/e2e/first-picture.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import { launch } from './browser.mjs';
import { serve } from './server.mjs';

const DIST = process.argv[2] ?? 'dist';
const INDEX = path.join(DIST, 'index.html');
const START = '<div id="first-picture"';
const END = '<!-- /first-picture -->';

// [class, viewport width, height, embed]: the page at its three layouts
// (side panels from 981 px, one column, a phone) and an embed in a blog
// column and on a phone.
const VARIANTS = [
  ['fp-page-wide', 1280, 800, false],
  ['fp-page-column', 768, 1000, false],
  ['fp-page-narrow', 390, 844, false],
  ['fp-embed-column', 650, 450, true],
  ['fp-embed-narrow', 390, 450, true],
];

let html = fs.readFileSync(INDEX, 'utf8');
// trunk rewrites index.html on every build; never insert twice.
if (html.includes(START)) html = html.slice(0, html.indexOf(START)) + html.slice(html.indexOf(END) + END.length);

const server = await serve(DIST);
const browser = await launch();
const pictures = [];
try {
  for (const lang of ['en', 'zh']) {
    for (const [cls, width, height, embed] of VARIANTS) {
      const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce', locale: 'en-US' });
      const page = await context.newPage();
      await page.goto(`${server.url}#preset=seed-story&autoplay=0&lang=${lang}${embed ? '&embed=1' : ''}`);
      await page.waitForSelector('#app svg.stage g.host');
      const markup = await page.evaluate(() => {
        // Form state lives in properties, which a copy of the markup loses:
        // write it into attributes first (the timeline's thumb, the menus).
        for (const el of document.querySelectorAll('#app input')) el.setAttribute('value', el.value);
        for (const el of document.querySelectorAll('#app option')) el.toggleAttribute('selected', el.selected);
        const app = document.querySelector('#app .app').cloneNode(true);
        // Ids would repeat across the copies and clash with the live app's.
        for (const el of app.querySelectorAll('[id]')) el.removeAttribute('id');
        // Links would carry this build server's address; nothing in the picture is clickable.
        for (const el of app.querySelectorAll('a[href]')) el.removeAttribute('href');
        for (const el of app.querySelectorAll('[aria-labelledby],[aria-describedby],[for]')) {
          el.removeAttribute('aria-labelledby'); el.removeAttribute('aria-describedby'); el.removeAttribute('for');
        }
        return app.outerHTML;
      });
      pictures.push(`<div class="fp ${cls} fp-${lang}">${markup}</div>`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

// Hidden from screen readers and from the keyboard: nothing in it works yet;
// the "Loading" line in #app speaks for it.
const block = `${START} aria-hidden="true" inert>${pictures.join('')}</div>${END}`;
if (!html.includes('<div id="app">')) throw new Error('index.html has no <div id="app">');
html = html.replace('<div id="app">', `${block}\n  <div id="app">`);
fs.writeFileSync(INDEX, html);
console.log(`first picture: ${pictures.length} copies, ${(block.length / 1024).toFixed(1)} KB of markup in ${INDEX}`);
