// `make build` is plain and reproducible: it runs no browser, and building
// the same commit again (the crate compiled anew) gives byte-identical
// files. Run by `make test` (layer "build") after `make build` made dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const run = (cmd, args, env = {}) => execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });

/// Every file under `dir`, with its SHA-256.
function digest(dir) {
  const out = {};
  for (const f of fs.readdirSync(dir, { recursive: true }).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) out[f] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

test('make build runs no browser', () => {
  // What make would run, without running it.
  const recipe = run('make', ['-n', '--no-print-directory', 'build']);
  assert.match(recipe, /trunk build --release/);
  assert.match(recipe, /--bin prerender/);
  assert.doesNotMatch(recipe, /node |chromium|playwright|firefox|webkit/i, recipe);
});

test('the modules name no machine\'s directories', () => {
  for (const file of ['dist/mxviz_bg.wasm', 'dist/zh/mxviz_bg.wasm']) {
    const wasm = fs.readFileSync(file).toString('latin1');
    for (const dir of [process.env.HOME, process.cwd()]) assert.ok(!wasm.includes(dir + '/'), `${file} mentions ${dir}`);
  }
});

test('building the same commit again gives the same bytes', { timeout: 900_000 }, () => {
  assert.ok(fs.existsSync('dist/index.html'), 'make build made dist/ first');
  const first = digest('dist');
  assert.ok(Object.keys(first).length >= 8 && 'zh/mxviz_bg.wasm' in first, Object.keys(first).join(', '));
  // The crate compiled anew, not taken from cargo's cache.
  const now = new Date();
  fs.utimesSync('src/lib.rs', now, now);
  const again = 'target/dist-again';
  fs.rmSync(again, { recursive: true, force: true });
  // The build's own recipe, into another directory.
  run('make', ['--no-print-directory', 'build', `DIST=${again}`]);
  const second = digest(again);
  assert.deepEqual(second, first);
  console.log(`reproducible: ${Object.keys(first).length} files of dist/ byte-identical in a second build`);
});
