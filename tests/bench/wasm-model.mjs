// The wasm figure of `make bench-model`: the model compiled to wasm32 (same
// release profile as the app, opt-level "z"), run in Node.js on the same
// 10,000-message workload as the native benchmark.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
const require = createRequire(import.meta.url);
const bench = require('../../target/wasm-bench/wasm_bench.js');

const messages = Number(process.argv[2] ?? 10000);
bench.run_outage(100); // warm up
const t = performance.now();
const [events, delivered] = bench.run_outage(messages);
const secs = (performance.now() - t) / 1000;
console.log(`wasm (node ${process.version}): ${messages} messages, ${events} events in ${secs.toFixed(2)} s = ${(events / secs / 1e6).toFixed(2)} M events/s (${delivered} delivered)`);
