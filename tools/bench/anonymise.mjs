// `npm run bench:anonymise`: how long the anonymiser takes for 1,000 words (issue 14 §3: ≤ 50 ms).
//
// Builds a 1,000-word text from the development corpus (documents joined until 1,000 words, with
// the known names of every document used), warms up, then times 200 runs and prints the median
// and the 95th percentile. `--check` exits 1 when the median is over the target.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadAnonymiser } from '../anonymise/load.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET_MS = 50;
const RUNS = 200;

const documents = readFileSync(path.join(root, 'tools/anonymise/corpus/dev.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
let words = [];
const names = new Set();
for (let i = 0; words.length < 1000; i++) {
  const document = documents[i % documents.length];
  words = words.concat(document.text.split(/\s+/).filter(Boolean));
  for (const name of document.known_names) names.add(name);
}
const text = words.slice(0, 1000).join(' ');
const known = { names: [...names] };

const { anonymise } = await loadAnonymiser();
for (let i = 0; i < 20; i++) anonymise(text, known);
const times = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  anonymise(text, known);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(RUNS / 2)];
const p95 = times[Math.floor(RUNS * 0.95)];
process.stdout.write(
  `anonymise: 1,000 words (${known.names.length} known names) — median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target ≤ ${TARGET_MS} ms)\n`,
);
if (process.argv.includes('--check') && median > TARGET_MS) process.exitCode = 1;
