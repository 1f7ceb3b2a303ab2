// A tiny static server for dist/, on loopback only, for the end-to-end
// tests. It can mount dist/ under a subpath (to prove relative asset URLs)
// and records every request so a test can assert nothing left the origin.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
};

/// Brotli bodies (quality 11), computed once per file and version for every
/// server of the process: compressing the module takes seconds, which a
/// benchmark must not count as download time (a CDN compresses ahead).
const compressed = new Map();

/// `brotli`: answer with brotli-compressed bodies, as a CDN would, for the
/// benchmarks.
export function serve(dir, { prefix = '/', brotli = false } = {}) {
  const root = path.resolve(dir);
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://127.0.0.1');
    let p = decodeURIComponent(url.pathname);
    // A blog post with one embed of a given size, for measuring the app in a frame.
    // The embed snippet of docs/embedding.md, as a blog would paste it, in a
    // page of width `w`: what a reader of the docs gets.
    if (p === '/__snippet') {
      const docs = fs.readFileSync(path.resolve('docs/embedding.md'), 'utf8');
      const snippet = /<iframe src=[\s\S]*?<\/iframe>/.exec(docs)[0].replace(/src="[^"#]*#/, `src="${prefix}index.html#`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>snippet</title><body style="margin:0">${snippet}`);
      return;
    }
    if (p === '/__frame') {
      const w = Number(url.searchParams.get('w') ?? 650), h = Number(url.searchParams.get('h') ?? 450);
      const src = `${prefix}index.html#${url.searchParams.get('hash') ?? 'preset=seed-story&embed=1'}`;
      // `below`: the frame that far down a long post (a reader has not reached it yet).
      const below = Number(url.searchParams.get('below') ?? 0);
      const spacer = below ? `<div id="before" style="height:${below}px">A long post…</div>` : '';
      const after = below ? '<div style="height:3000px">…and more of it.</div>' : '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta charset="utf-8"><title>frame</title><body style="margin:20px;background:#eee">`
        + `<p id="got"></p>${spacer}<iframe id="app" src="${src.replace(/"/g, '&quot;')}" width="${w}" height="${h}" style="border:0"></iframe>${after}`
        + `<script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'mxviz:height') {`
        + ` document.getElementById('got').textContent = 'height ' + e.data.height; heights.push(e.data.height);`
        // `follow`: the documented snippet, the frame follows its content.
        + `${url.searchParams.has('follow') ? " document.getElementById('app').style.height = e.data.height + 'px';" : ''} } });</script>`);
      return;
    }
    if (!p.startsWith(prefix)) { res.writeHead(404).end('not here'); return; }
    p = p.slice(prefix.length);
    if (p === '' || p.endsWith('/')) p += 'index.html';
    const file = path.join(root, path.normalize('/' + p));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
      if (brotli && /\.(html|js|css|wasm|svg|json)$/.test(file)) {
        const key = `${file}:${data.length}:${fs.statSync(file).mtimeMs}`;
        if (!compressed.has(key)) compressed.set(key, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
        data = compressed.get(key);
        headers['content-encoding'] = 'br';
      }
      res.writeHead(200, headers);
      res.end(data);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${prefix}`, origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
