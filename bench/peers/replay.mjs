// Replays an OpenLine order-flow file (bench/README.md) through nodejs-order-book, the peer of
// issue #7: `L` → limit GTC, `I` → limit IOC (its immediate-or-cancel at a limit price), `C` →
// cancel. The file is parsed into typed arrays first; only the book calls (and reading their
// result to count fills) are timed. One untimed warm-up pass, then `runs` timed passes, each on a
// fresh book. Prints one JSON line.
//
//   node replay.mjs <flow.csv> [runs]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import orderBook from 'nodejs-order-book'; // CommonJS: its ESM build does not load in Node

const require = createRequire(import.meta.url);
const { version } = require('nodejs-order-book/package.json');
const { OrderBook, Side } = orderBook;
// Not exported by the package; these are the values of its TimeInForce enum (dist/types/types.d.ts).
const TimeInForce = { GTC: 'GTC', IOC: 'IOC' };

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node replay.mjs <flow.csv> [runs]');
  process.exit(2);
}
const runs = Math.max(1, Number.parseInt(runsArg ?? '3', 10));

// --- Parse (not timed) ------------------------------------------------------------------------
const L = 0, I = 1, C = 2;
const lines = readFileSync(file, 'ascii').split('\n');
const kind = new Uint8Array(lines.length);
const ids = new Array(lines.length);
const sides = new Array(lines.length);
const price = new Int32Array(lines.length);
const size = new Float64Array(lines.length);
let n = 0;
for (let i = 0; i < lines.length; i++) {
  const line = lines[i].trim();
  if (line === '' || line.startsWith('#') || line.startsWith('op,')) continue;
  const f = line.split(',');
  if (f.length !== 5) throw new Error(`flow line ${i + 1}: expected 5 fields`);
  kind[n] = f[0] === 'L' ? L : f[0] === 'I' ? I : f[0] === 'C' ? C : -1;
  if (kind[n] > C) throw new Error(`flow line ${i + 1}: op must be L, I or C`);
  ids[n] = f[1];
  if (kind[n] !== C) {
    sides[n] = f[2] === 'B' ? Side.BUY : Side.SELL;
    price[n] = Number.parseInt(f[3], 10);
    size[n] = Number.parseInt(f[4], 10);
  }
  n++;
}

// --- Replay -----------------------------------------------------------------------------------
function replay() {
  const ob = new OrderBook();
  let fills = 0, volume = 0, crossing = 0, cancelled = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    if (kind[i] === C) {
      if (ob.cancel(id) !== undefined) cancelled++;
      continue;
    }
    const r = ob.limit({
      side: sides[i], id, size: size[i], price: price[i],
      timeInForce: kind[i] === I ? TimeInForce.IOC : TimeInForce.GTC,
    });
    if (r.err) throw new Error(`line ${i + 1}: ${r.err.message}`);
    const traded = size[i] - r.quantityLeft;
    if (traded > 0) {
      crossing++;
      volume += traded;
      // done: the resting orders used up (and the taker itself when it filled completely);
      // partial: a resting order filled in part, or the taker's resting remainder.
      const done = r.done;
      for (let k = 0; k < done.length; k++) if (done[k].id !== id) fills++;
      if (r.partial !== null && r.partial.id !== id) fills++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const [asks, bids] = ob.depth();
  const resting = Object.keys(ob.orders).length;
  return { seconds, fills, volume, crossing, cancelled, resting, levels: asks.length + bids.length };
}

replay(); // warm-up: let V8 optimise the book's code paths
const results = [];
for (let r = 0; r < runs; r++) results.push(replay());
const sorted = results.map((r) => r.seconds).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const last = results[results.length - 1];
console.log(JSON.stringify({
  engine: 'nodejs-order-book', version, node: process.version, operations: n, runs,
  seconds: results.map((r) => r.seconds), opsPerSecond: n / median,
  fills: last.fills, volume: last.volume, crossingOrders: last.crossing, cancelled: last.cancelled, resting: last.resting,
}));
