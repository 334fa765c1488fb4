#!/usr/bin/env node
// `npm test`: everything, in the order a reviewer would check it, then one summary.
//   1. formatting (prettier --check), lint + typecheck of every project
//   2. unit and integration tests of every project (the api's data tests run on PGlite, and on
//      PostgreSQL too when TEST_DATABASE_URL is set)
//   3. production builds, the api as a process, and the browser tests against the built product
// Every step runs even when an earlier one failed, so one run shows every problem.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = path.join(root, 'tmp/test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  FORCE_COLOR: '0',
};
// The nx CLI's entry file, as its package.json declares it (run with this same Node 24).
const require = createRequire(import.meta.url);
const nxPackage = require.resolve('nx/package.json', { paths: [root] });
const nx = path.join(path.dirname(nxPackage), JSON.parse(readFileSync(nxPackage, 'utf8')).bin.nx);

const prettier = path.join(root, 'node_modules/prettier/bin/prettier.cjs');

const nxStep = (...args) => [nx, ...args, '--outputStyle=static', '--skipNxCache'];
const steps = [
  { key: 'format', name: 'formatting (prettier)', command: [prettier, '--check', '.'] },
  {
    key: 'lint',
    name: 'lint and typecheck',
    command: nxStep('run-many', '-t', 'lint', 'typecheck'),
  },
  { key: 'test', name: 'unit and integration tests', command: nxStep('run-many', '-t', 'test') },
  {
    key: 'build',
    name: 'production build',
    command: nxStep('run-many', '-t', 'build', '-p', 'api', 'client'),
  },
  { key: 'process', name: 'api process tests', command: nxStep('run', 'api:test-process') },
  { key: 'e2e', name: 'browser tests', command: nxStep('run', 'client-e2e:e2e') },
];
// TEST_STEPS=format,lint runs only those steps (all by default).
const only = process.env.TEST_STEPS?.split(',').filter(Boolean);

const outcomes = [];
for (const { key, name, command } of steps) {
  if (only && !only.includes(key)) continue;
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const result = spawnSync(process.execPath, command, { cwd: root, env, stdio: 'inherit' });
  outcomes.push({ name, ok: result.status === 0, seconds: (Date.now() - started) / 1000 });
}

const suites = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(path.join(resultsDir, f), 'utf8')))
  .sort((a, b) => a.suite.localeCompare(b.suite));

const pad = (s, n) => String(s).padEnd(n);
// The widest suite name (client-feature-intervision …) and two spaces.
const SUITE_WIDTH = Math.max(24, ...suites.map((s) => String(s.suite).length + 2));
process.stdout.write('\n=== summary ===\n');
for (const o of outcomes)
  process.stdout.write(
    `${pad(o.ok ? 'ok' : 'FAILED', 7)}${pad(o.name, 30)}${o.seconds.toFixed(1)} s\n`,
  );
process.stdout.write(
  `\n${pad('suite', SUITE_WIDTH)}${pad('files', 7)}${pad('passed', 8)}${pad('failed', 8)}${pad('skipped', 9)}seconds\n`,
);
for (const s of suites) {
  process.stdout.write(
    `${pad(s.suite, SUITE_WIDTH)}${pad(s.files, 7)}${pad(s.passed, 8)}${pad(s.failed, 8)}${pad(s.skipped, 9)}${s.seconds}\n`,
  );
}
const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0);
const skipped = suites.reduce((n, s) => n + s.skipped, 0);
const stepsFailed = outcomes.filter((o) => !o.ok).length;
process.stdout.write(
  `\nPostgreSQL: ${process.env.TEST_DATABASE_URL ? 'data tests ran on PGlite and PostgreSQL' : 'TEST_DATABASE_URL not set: data tests ran on PGlite only'}\n`,
);
process.stdout.write(`${passed} passed, ${failed + stepsFailed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 || stepsFailed > 0 ? 1 : 0);
