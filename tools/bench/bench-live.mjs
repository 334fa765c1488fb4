// `npm run bench:live`: a "busy Tuesday" on the real-time channel (issue 5 §8).
//
// 1. Baseline: a bare socket.io server (baseline-server.mjs) driven with the message pattern
//    below at BENCH_N meetings.
// 2. Casustafel: the built api on a fresh embedded database; 25 real accounts signed in with
//    password + TOTP; BENCH_N meetings × 25 authenticated sockets (meeting:join + note:join);
//    two typists per meeting at BENCH_KEYS_PER_SECOND keystrokes/s (one Yjs update each) and
//    one structured event (timer pause/start/extend, decision) per meeting every 5 s.
//    Each load phase starts BENCH_SETTLE_SECONDS (10) after the last join, when the server has
//    finished the work the joins left behind; the join itself is measured on its own.
// 3. Ramp: more meetings in steps (BENCH_RAMP), a short phase each, until the note fan-out p99
//    exceeds BENCH_RAMP_LIMIT_MS, the steps run out or the time cap is reached.
//
// Every loop is bounded in count and time; all traffic stays on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { LoadGenerator } from './load.mjs';
import { soak } from './soak.mjs';
import { baselineFixtures, startApi, startBaseline, startRedis } from './targets.mjs';

function numberFrom(name, fallback) {
  const flag = process.argv.find((a) => a.startsWith(`--${name.toLowerCase()}=`));
  const raw = flag ? flag.slice(flag.indexOf('=') + 1) : process.env[`BENCH_${name}`];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`BENCH_${name} must be a number`);
  return value;
}

function listFrom(name, fallback) {
  const flag = process.argv.find((a) => a.startsWith(`--${name.toLowerCase()}=`));
  const raw = flag ? flag.slice(flag.indexOf('=') + 1) : process.env[`BENCH_${name}`];
  if (raw === undefined) return fallback;
  return raw
    .split(',')
    .filter(Boolean)
    .map((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_${name}: ${v} is not a count`);
      return n;
    });
}

const config = {
  n: numberFrom('N', 100),
  seconds: numberFrom('SECONDS', 60),
  ramp: listFrom('RAMP', [150, 200, 300, 400, 500, 600]),
  rampDown: listFrom('RAMP_DOWN', [75, 50, 25, 10, 5]),
  rampSeconds: numberFrom('RAMP_SECONDS', 20),
  rampLimitMs: numberFrom('RAMP_LIMIT_MS', 100),
  maxN: numberFrom('MAX_N', 600),
  // A soak of 10,000 commands takes 5–15 minutes on a busy 2-core machine.
  maxMinutes: numberFrom('MAX_MINUTES', numberFrom('SOAK', 0) > 0 ? 30 : 10),
  baseline: numberFrom('BASELINE', 1) !== 0,
  api: numberFrom('API', 1) !== 0,
  build: numberFrom('BUILD', 1) !== 0,
  keysPerSecond: numberFrom('KEYS_PER_SECOND', 2),
  commandIntervalMs: numberFrom('COMMAND_INTERVAL_MS', 5_000),
  drainMs: numberFrom('DRAIN_MS', 5_000),
  settleSeconds: numberFrom('SETTLE_SECONDS', 10),
  joinConcurrency: numberFrom('JOIN_CONCURRENCY', 50),
  /** BENCH_SOAK=10000: only the soak (one meeting, that many commands; needs BENCH_POSTGRES_URL). */
  soak: numberFrom('SOAK', 0),
  /** BENCH_INSTANCES=2: one instance, then two (PostgreSQL + Redis), each at N; CPU per message. */
  instances: numberFrom('INSTANCES', 1),
};
const json = process.env['BENCH_JSON'];
const started = performance.now();
const elapsedMinutes = () => (performance.now() - started) / 60_000;
const log = (line) => process.stdout.write(`[bench ${elapsedMinutes().toFixed(1)}m] ${line}\n`);

const running = new Set();
let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  await Promise.all([...running].map((server) => server.stop().catch(() => undefined)));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void stopAll().then(() => process.exit(130));
  });
}
// The hard cap: whatever happens, stop the servers and exit two minutes after the time cap.
setTimeout(
  () => {
    process.stderr.write('bench:live exceeded its time cap; stopping\n');
    void stopAll().then(() => process.exit(1));
  },
  (config.maxMinutes + 2) * 60_000,
).unref();

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const mib = (v) => (v === null || v === undefined ? '–' : `${v.toFixed(0)} MiB`);

function describe(name, n, join, r) {
  return [
    `${name} — ${n} meetings × 25 = ${r.sockets} sockets, ${r.sendingSeconds.toFixed(0)} s of load`,
    `  join (connect + meeting:join + note:join): all ${join.sockets} sockets in ${(join.allJoinedMs / 1000).toFixed(1)} s; per socket p50 ${ms(join.perSocket.p50)} / p99 ${ms(join.perSocket.p99)} ms; failed ${join.failures}; server CPU ${join.serverCpuMsPerSocket === null ? '–' : join.serverCpuMsPerSocket.toFixed(1)} ms per socket`,
    `  note updates sent ${r.notesSent} (${(r.notesSent / r.sendingSeconds).toFixed(0)}/s), fan-out deliveries ${r.noteFanout.n}`,
    `  note fan-out    ms  p50 ${ms(r.noteFanout.p50)}  p95 ${ms(r.noteFanout.p95)}  p99 ${ms(r.noteFanout.p99)}  max ${ms(r.noteFanout.max)}`,
    `  note ack        ms  p50 ${ms(r.noteAck.p50)}  p95 ${ms(r.noteAck.p95)}  p99 ${ms(r.noteAck.p99)}`,
    `  commands sent ${r.commandsSent} (decisions ${r.decisionsSent}, actions ${r.actionsSent}); rejoins caused by a seq gap: ${r.gapRejoins}`,
    `  command ack     ms  p50 ${ms(r.commandAck.p50)}  p95 ${ms(r.commandAck.p95)}  p99 ${ms(r.commandAck.p99)}  max ${ms(r.commandAck.max)}`,
    `  command fan-out ms  p50 ${ms(r.commandFanout.p50)}  p95 ${ms(r.commandFanout.p95)}  p99 ${ms(r.commandFanout.p99)}  max ${ms(r.commandFanout.max)}`,
    `  lost: ${r.notesLost} note deliveries, ${r.commandsLost} event deliveries; duplicated: ${r.noteDuplicates} notes, ${r.commandDuplicates} events; failed acks ${r.failedAcks}; unexpected disconnects ${r.disconnects} (sockets dropped earlier and rejoined before this phase: ${r.rejoined})`,
    `  GET /api/health meanwhile ms  p50 ${ms(r.healthProbe.p50)}  p99 ${ms(r.healthProbe.p99)}  max ${ms(r.healthProbe.max)} (a slow answer = the server's event loop was blocked)`,
    `  server RSS ${mib(r.rss.start)} at start, ${mib(r.rss.end)} at end, ${mib(r.rss.max)} max; server CPU ${r.serverCores === null ? '–' : r.serverCores.toFixed(2)} cores; generator CPU ${r.generatorCores.toFixed(2)} cores, event-loop lag p99 ${ms(r.generatorLagP99)} / max ${ms(r.generatorLagMax)} ms; other processes ${r.otherCores === null ? '–' : r.otherCores.toFixed(2)} cores`,
  ].join('\n');
}

async function measure(name, target, n, seconds, generator) {
  const gen = generator ?? new LoadGenerator(target, config);
  const have = gen.meetings.length;
  if (n > have) log(`${name}: joining ${(n - have) * 25} sockets for ${n - have} new meetings …`);
  const join = await gen.addMeetings(n - have);
  // Joining leaves work behind on the server (attendance, audit records, presence): the load
  // phase starts once that is done, so it measures the meeting itself, not the join's tail.
  const settle = n > have ? config.settleSeconds : 0;
  log(
    `${name}: ${n} meetings joined in ${(join.allJoinedMs / 1000).toFixed(1)} s; ${settle > 0 ? `${settle} s to settle, then ` : ''}load for ${seconds} s …`,
  );
  if (settle > 0) await new Promise((resolve) => setTimeout(resolve, settle * 1_000));
  const result = await gen.runPhase(seconds);
  result.disconnects = gen.unexpectedDisconnects;
  result.errors = Object.fromEntries(gen.errors);
  gen.errors.clear();
  gen.unexpectedDisconnects = 0;
  process.stdout.write(`\n${describe(name, n, join, result)}\n`);
  if (Object.keys(result.errors).length > 0) {
    process.stdout.write(`  errors: ${JSON.stringify(result.errors)}\n`);
  }
  process.stdout.write('\n');
  return { gen, join, result };
}

/** The commit the api was built from (and whether the tree had changes), for the record. */
function revision() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return `${head}${dirty ? ' (with uncommitted changes)' : ''}`;
  } catch {
    return 'unknown';
  }
}

/**
 * Up from N while the note fan-out p99 stays within the limit; or, when N is already above it,
 * down (fewer meetings: the sockets of the others disconnect) until a step passes. Stops at
 * `capMinutes` of the whole run.
 */
async function ramp(name, target, main, capMinutes) {
  const steps = [];
  const passes = (r, join) =>
    r.noteFanout.p99 <= config.rampLimitMs && join.failures === 0 && r.noteFanout.n > 0;
  const up = passes(main.result, main.join);
  let largestPassing = up ? config.n : null;
  let stopReason = 'steps exhausted';
  const candidates = up
    ? config.ramp.filter((v) => v > config.n).sort((a, b) => a - b)
    : config.rampDown.filter((v) => v < config.n).sort((a, b) => b - a);
  for (const n of candidates) {
    if (n > config.maxN) {
      stopReason = `BENCH_MAX_N=${config.maxN}`;
      break;
    }
    if (elapsedMinutes() > capMinutes - 1) {
      stopReason = `time cap (${capMinutes} min)`;
      break;
    }
    if (!up) main.gen.shrinkTo(n);
    const step = await measure(`${name} ramp`, target, n, config.rampSeconds, main.gen);
    steps.push({ n, join: step.join, result: step.result });
    const verdict = `note fan-out p99 ${ms(step.result.noteFanout.p99)} ms at N=${n}`;
    if (up && !passes(step.result, step.join)) {
      stopReason = `${verdict} > ${config.rampLimitMs} ms`;
      break;
    }
    if (!up && passes(step.result, step.join)) {
      largestPassing = n;
      stopReason = `${verdict} ≤ ${config.rampLimitMs} ms`;
      break;
    }
    if (up) largestPassing = n;
  }
  return { steps, largestPassing, stopReason };
}

async function main() {
  log(
    `revision ${revision()}; load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
  log(
    `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`,
  );
  log(`config: ${JSON.stringify(config)}`);
  const report = {
    revision: revision(),
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model },
    config,
  };

  if (config.soak > 0) {
    const api = await startApi({
      build: config.build,
      log,
      // One chair sends every command: above a person's per-socket event rate.
      env: { LIVE_EVENTS_PER_SECOND: '10000', LIVE_EVENTS_BURST: '100000' },
    });
    running.add(api);
    const result = await soak(api, config.soak, log);
    await api.stop();
    running.delete(api);
    const { first, last, ratio } = result;
    process.stdout.write(
      [
        '',
        `Soak: one meeting, ${result.commands} commands (1 decision and 1 action per 60); load average ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}`,
        `  first ${first.upTo} : command ack p99 ${ms(first.ack.p99)} ms, ${first.bytesPerCommand.toFixed(0)} bytes stored per command (room state ${first.stateBytes} bytes)`,
        `  last 1000  : command ack p99 ${ms(last.ack.p99)} ms, ${last.bytesPerCommand.toFixed(0)} bytes stored per command (room state ${last.stateBytes} bytes)`,
        `  stored bytes per command, last / first: ${ratio.toFixed(2)} ${ratio <= 1.2 ? 'PASS' : 'FAIL'} (target ≤ 1.2)`,
        '',
      ].join('\n'),
    );
    report.soak = result;
    if (json) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    return;
  }

  if (config.instances > 1) {
    if (!process.env['BENCH_POSTGRES_URL'])
      throw new Error('BENCH_INSTANCES needs BENCH_POSTGRES_URL');
    const redis = await startRedis();
    running.add({ name: 'redis', output: () => '', stop: () => redis.stop() });
    const api = await startApi({ build: config.build, log, env: { REDIS_URL: redis.url } });
    running.add(api);
    const perMessage = (r) => {
      const deliveries = r.noteFanout.n + r.commandFanout.n;
      return r.serverCores === null || deliveries === 0
        ? NaN
        : (r.serverCores * r.sendingSeconds * 1_000) / deliveries;
    };
    const one = await measure('one instance', api, config.n, config.seconds);
    one.gen.close();
    const extra = [];
    for (let i = 1; i < config.instances; i++) extra.push(await api.addInstance());
    const spread = {
      ...api,
      baseUrls: [api.baseUrl, ...extra.map((e) => e.baseUrl)],
      pid: [api.pid, ...extra.map((e) => e.pid)],
    };
    const many = await measure(`${config.instances} instances`, spread, config.n, config.seconds);
    many.gen.close();
    const a = perMessage(one.result);
    const b = perMessage(many.result);
    process.stdout.write(
      [
        '',
        `Scale-out at N=${config.n} (PostgreSQL + Redis; sockets spread over the instances); load average ${loadavg()
          .map((v) => v.toFixed(2))
          .join(' ')}`,
        `  server CPU per delivered message: one instance ${a.toFixed(3)} ms, ${config.instances} instances ${b.toFixed(3)} ms (all instances together)`,
        `  ratio ${(b / a).toFixed(2)} ${b / a <= 1.3 ? 'PASS' : 'FAIL'} (goal ≤ 1.3)`,
        `  note fan-out p99 ${ms(one.result.noteFanout.p99)} → ${ms(many.result.noteFanout.p99)} ms; command ack p99 ${ms(one.result.commandAck.p99)} → ${ms(many.result.commandAck.p99)} ms; lost ${one.result.notesLost + one.result.commandsLost} / ${many.result.notesLost + many.result.commandsLost}; rejoins ${one.result.gapRejoins} / ${many.result.gapRejoins}`,
        '',
      ].join('\n'),
    );
    report.scaleOut = { one: one.result, many: many.result, perMessage: { one: a, many: b } };
    if (json) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    return;
  }

  if (config.baseline) {
    const baseline = await startBaseline();
    running.add(baseline);
    const target = { ...baseline, ...baselineFixtures() };
    const baseMain = await measure('bare socket.io', target, config.n, config.seconds);
    const { gen, join, result } = baseMain;
    // The bare server ramps too (within a third of the time cap), for both largest N side by side.
    const baseRamp = await ramp('bare socket.io', target, baseMain, config.maxMinutes / 3);
    report.baselineRamp = baseRamp;
    gen.close();
    await baseline.stop();
    running.delete(baseline);
    report.baseline = { n: config.n, join, result };
  }

  if (!config.api) {
    // BENCH_API=0: only the baseline, e.g. to see what the machine and the generator allow.
    if (json) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const api = await startApi({ build: config.build, log });
  running.add(api);
  const main = await measure('Casustafel', api, config.n, config.seconds);
  report.casustafel = { n: config.n, join: main.join, result: main.result };

  const { steps, largestPassing, stopReason } = await ramp(
    'Casustafel',
    api,
    main,
    config.maxMinutes,
  );
  main.gen.close();
  await api.stop();
  running.delete(api);
  report.ramp = { steps, largestPassing, stopReason };

  const c = main.result;
  const lines = ['', `Summary at N=${config.n} (${config.n * 25} sockets)`];
  lines.push(
    '                          Casustafel   bare socket.io',
    `  join CPU/socket (ms)    ${(main.join.serverCpuMsPerSocket ?? NaN).toFixed(1).padStart(10)}   ${report.baseline ? (report.baseline.join.serverCpuMsPerSocket ?? NaN).toFixed(1).padStart(14) : '–'.padStart(14)}`,
    `  join all sockets (s)    ${(main.join.allJoinedMs / 1000).toFixed(1).padStart(10)}   ${report.baseline ? (report.baseline.join.allJoinedMs / 1000).toFixed(1).padStart(14) : '–'.padStart(14)}`,
  );
  const b = report.baseline?.result;
  const row = (label, pick, format = ms) =>
    `  ${label.padEnd(24)}${format(pick(c)).padStart(10)}   ${(b ? format(pick(b)) : '–').padStart(14)}`;
  const cores = (v) => (Number.isFinite(v) ? v.toFixed(2) : '–');
  lines.push(
    row('note fan-out p50 (ms)', (r) => r.noteFanout.p50),
    row('note fan-out p95 (ms)', (r) => r.noteFanout.p95),
    row('note fan-out p99 (ms)', (r) => r.noteFanout.p99),
    row('command ack p50 (ms)', (r) => r.commandAck.p50),
    row('command ack p95 (ms)', (r) => r.commandAck.p95),
    row('command ack p99 (ms)', (r) => r.commandAck.p99),
    row('cmd fan-out p50 (ms)', (r) => r.commandFanout.p50),
    row('cmd fan-out p95 (ms)', (r) => r.commandFanout.p95),
    row('cmd fan-out p99 (ms)', (r) => r.commandFanout.p99),
    `  lost / duplicated       ${`${c.notesLost + c.commandsLost} / ${c.noteDuplicates + c.commandDuplicates}`.padStart(10)}   ${(b ? `${b.notesLost + b.commandsLost} / ${b.noteDuplicates + b.commandDuplicates}` : '–').padStart(14)}`,
    `  server RSS max          ${mib(c.rss.max).padStart(10)}   ${(b ? mib(b.rss.max) : '–').padStart(14)}`,
    `  rejoins (seq gaps)      ${String(c.gapRejoins).padStart(10)}   ${(b ? String(b.gapRejoins) : '–').padStart(14)}`,
    row('GET /api/health max (ms)', (r) => r.healthProbe.max),
    row('server CPU (cores)', (r) => r.serverCores ?? NaN, cores),
    row('generator CPU (cores)', (r) => r.generatorCores, cores),
    row('other processes (cores)', (r) => r.otherCores ?? NaN, cores),
  );
  const noteRatio = b ? c.noteFanout.p99 / b.noteFanout.p99 : NaN;
  const commandRatio = b ? c.commandFanout.p99 / b.commandFanout.p99 : NaN;
  lines.push(
    `  p99 ratio Casustafel / bare socket.io: note fan-out ${ms(noteRatio)}, command fan-out ${ms(commandRatio)}`,
    '',
    `Targets at N=${config.n}:`,
    `  note fan-out p99 ≤ 1.5 × bare: ${ms(noteRatio)} × ${noteRatio <= 1.5 ? 'PASS' : b ? 'FAIL' : '(no baseline)'}`,
    `  command ack p99 ≤ 15 ms: ${ms(c.commandAck.p99)} ms ${c.commandAck.p99 <= 15 ? 'PASS' : 'FAIL'}`,
    `  0 lost, 0 duplicated: ${c.notesLost + c.commandsLost} lost, ${c.noteDuplicates + c.commandDuplicates} duplicated ${c.notesLost + c.commandsLost + c.noteDuplicates + c.commandDuplicates === 0 ? 'PASS' : 'FAIL'}`,
    `  join ≤ 1.5 ms server CPU per socket: ${report.casustafel.join.serverCpuMsPerSocket === null ? '–' : ms(report.casustafel.join.serverCpuMsPerSocket)} ms ${(report.casustafel.join.serverCpuMsPerSocket ?? Infinity) <= 1.5 ? 'PASS' : 'FAIL'}`,
    `  server RSS at ${config.n * 25} sockets ≤ 450 MiB: ${mib(c.rss.max)} ${(c.rss.max ?? Infinity) <= 450 ? 'PASS' : 'FAIL'}`,
    `  0 rejoins after ${c.decisionsSent} decisions and ${c.actionsSent} actions: ${c.gapRejoins} ${c.gapRejoins === 0 ? 'PASS' : 'FAIL'}`,
    '',
    `Ramp: ${steps.map((s) => `N=${s.n} p99 ${ms(s.result.noteFanout.p99)} ms`).join(', ') || 'no steps'}; stopped: ${stopReason}`,
    `Baseline ramp: ${(report.baselineRamp?.steps ?? []).map((s) => `N=${s.n} p99 ${ms(s.result.noteFanout.p99)} ms`).join(', ') || 'no steps'}; stopped: ${report.baselineRamp?.stopReason ?? '–'}`,
    `Largest N with note fan-out p99 ≤ ${config.rampLimitMs} ms: Casustafel ${largestPassing ?? 'none'}, bare socket.io ${report.baselineRamp?.largestPassing ?? '–'} (target ≥ 400 and ≥ 70 % of bare)`,
    `Total time ${elapsedMinutes().toFixed(1)} min`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  report.ratio = { note: noteRatio, command: commandRatio };
  if (json) writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
}

main().then(
  // Whatever a mode left running (the scale-out mode's instances and Redis) stops here.
  async () => {
    await stopAll();
    process.exit(0);
  },
  async (error) => {
    process.stderr.write(`bench:live failed: ${error instanceof Error ? error.stack : error}\n`);
    for (const server of running)
      process.stderr.write(`--- ${server.name} output ---\n${server.output()}\n`);
    await stopAll();
    process.exit(1);
  },
);
