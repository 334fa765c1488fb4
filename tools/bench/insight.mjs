// `node tools/bench/insight.mjs`: the team insight dashboard's benchmark (issue 15 §4).
// Runs apps/api/test/bench/insight.bench-spec.ts with Jest on the embedded PGlite and, with
// TEST_DATABASE_URL, PostgreSQL; the spec generates one year of a team's work, measures, adds
// four more years, measures again (whole history and last year), and writes its figures to
// BENCH_OUT. This prints them per engine: p50/p95 of the request and the median per statement,
// and the growth from one to five years. Every loop is bounded; all traffic stays on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = process.env['BENCH_OUT'] ?? '/tmp/insight-bench.json';
let failed = false;
try {
  execFileSync(
    process.execPath,
    [
      '--experimental-vm-modules',
      path.join(root, 'node_modules/jest/bin/jest.js'),
      '-c',
      path.join(root, 'apps/api/jest.config.mjs'),
      '--testMatch',
      '<rootDir>/test/bench/**/*.bench-spec.ts',
      '--runTestsByPath',
      path.join(root, 'apps/api/test/bench/insight.bench-spec.ts'),
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_OUT: out } },
  );
} catch {
  // The spec failed (a p95 over one second): print the figures all the same, exit non-zero.
  failed = true;
}
/** The table whose rows each statement reads most (its input), for the growth comparison. */
const STATEMENT_INPUT = {
  status: 'statusChanges',
  flow: 'statusChanges',
  'lead-times': 'statusChanges',
  'plan-agreed': 'statusChanges',
  meetings: 'meetings',
  discussed: 'agendaItems',
  'time-box': 'agendaItems',
  decisions: 'decisions',
  zrm: 'zrmAssessments',
  actions: 'actions',
  'plan-items': 'planItems',
  'plan-costs': 'planItems',
  'plan-evaluations': 'planVersions',
  conferences: 'conferences',
  'conference-follow-ups': 'conferences',
};
const results = JSON.parse(readFileSync(out, 'utf8'));
for (const engine of [...new Set(results.map((r) => r.engine))]) {
  const rows = results.filter((r) => r.engine === engine);
  console.log(`\n${engine}`);
  console.log(
    'meting'.padEnd(28),
    'casussen',
    'besluiten',
    'auditregels',
    '   p50',
    '   p95',
    ' statements (mediaan, ms)',
  );
  for (const r of rows)
    console.log(
      r.label.padEnd(28),
      String(r.data.counts.cases).padStart(8),
      String(r.data.counts.decisions).padStart(9),
      String(r.data.counts.auditRows).padStart(11),
      String(r.p50).padStart(6),
      String(r.p95).padStart(6),
      Object.entries(r.queries)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    );
  const one = rows[0];
  const five = rows[1];
  if (one && five) {
    const data = five.data.counts.decisions / one.data.counts.decisions;
    console.log(
      `groei 1 → 5 jaar: data ×${data.toFixed(1)}, p50 ×${(five.p50 / one.p50).toFixed(1)}, p95 ×${(five.p95 / one.p95).toFixed(1)}`,
    );
    // Each statement's growth beside the growth of the rows it reads: the generated history is
    // realistic, so some inputs grow faster than the five years (a case open longer is
    // evaluated more often; more of its ZRM assessments have a follow-up by year five).
    console.log('  statement         tijd    invoer (rijen)');
    for (const [name, ms] of Object.entries(five.queries)) {
      const cost = ms / Math.max(0.1, one.queries[name] ?? 0.1);
      const input = STATEMENT_INPUT[name];
      const rowsGrowth =
        input && one.data.counts[input] ? five.data.counts[input] / one.data.counts[input] : null;
      console.log(
        `  ${name.padEnd(22)} ×${cost.toFixed(1).padStart(5)}` +
          (rowsGrowth === null ? '' : `   ${input} ×${rowsGrowth.toFixed(1)}`) +
          (rowsGrowth !== null && cost > rowsGrowth * 1.5
            ? '   ← groeit sneller dan zijn invoer'
            : ''),
      );
    }
  }
}
if (failed) process.exitCode = 1;
