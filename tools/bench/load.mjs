// The load generator of `npm run bench:live`, the same code for Casustafel and the baseline.
// Per meeting: 25 participant sockets (meeting:join + note:join), two typists sending one real
// Yjs update per keystroke at BENCH_KEYS_PER_SECOND each, and the chair sending one structured
// event (timer pause / start / extend, decision, action) every BENCH_COMMAND_INTERVAL_MS: at the
// default 5 s, one decision and one action per meeting per minute. Every socket checks that the
// room's seqs arrive without a gap (a gap makes a real client rejoin: counted as `gapRejoins`).
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { io } from 'socket.io-client';
import { cpuSeconds, delay, machineBusySeconds, PARTICIPANTS, pool, rssMiB } from './targets.mjs';
import {
  REMOTE,
  CHAIR,
  TYPISTS,
  ACK_TIMEOUT_MS,
  LETTERS,
  percentiles,
  Phase,
} from './load-phase.mjs';
export { percentiles } from './load-phase.mjs';

/**
 * One benchmark target with its live sockets: `addMeetings(count)` joins 25 sockets per new
 * meeting; `runPhase(seconds)` drives the load on every meeting joined so far and returns the
 * measurements; `close()` disconnects everything.
 */
export class LoadGenerator {
  /** @param {{ baseUrl: string, origin: string, pid: number, users: { cookie: string }[], createMeetings: (count: number) => Promise<{ meetingId: string, itemId: string }[]> }} target */
  constructor(target, options) {
    this.target = target;
    this.options = options;
    this.meetings = [];
    this.sockets = [];
    this.phase = null;
    this.unexpectedDisconnects = 0;
    /** Events that did not follow a socket's last seq (each makes a real client rejoin). */
    this.gapRejoins = 0;
    this.errors = new Map();
  }

  recordError(kind, detail) {
    const key = `${kind}: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`.slice(
      0,
      200,
    );
    this.errors.set(key, (this.errors.get(key) ?? 0) + 1);
  }

  connect() {
    const { baseUrl, origin } = this.target;
    // Two-instance mode: sockets spread over every instance in turn.
    const urls = this.target.baseUrls ?? [baseUrl];
    let opened = 0;
    return (cookie) =>
      io(`${urls[opened++ % urls.length]}/live`, {
        path: '/socket.io',
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: 30_000,
        extraHeaders: { origin, ...(cookie ? { cookie } : {}) },
      });
  }

  /** Creates `count` meetings and joins their 25 sockets each; returns join timings. */
  async addMeetings(count) {
    const created = await this.target.createMeetings(count);
    const rooms = created.map((m) => ({
      ...m,
      sockets: new Array(PARTICIPANTS),
      typists: new Map(),
      commandIndex: 0,
      started: false,
    }));
    const open = this.connect();
    const jobs = rooms.flatMap((room) =>
      Array.from({ length: PARTICIPANTS }, (_, userIndex) => ({ room, userIndex })),
    );
    const joinTimes = [];
    const cpuStart = cpuSeconds(this.target.pid);
    const startedAt = performance.now();
    let failures = 0;
    await pool(jobs.length, this.options.joinConcurrency, async (i) => {
      const { room, userIndex } = jobs[i];
      const t0 = performance.now();
      try {
        await this.joinSocket(open, room, userIndex);
        joinTimes.push(performance.now() - t0);
      } catch (error) {
        failures++;
        this.recordError('join', error instanceof Error ? error.message : String(error));
      }
    });
    const allJoinedMs = performance.now() - startedAt;
    const cpuEnd = cpuSeconds(this.target.pid);
    // Server CPU time per joined socket: a figure other processes on the machine do not skew.
    const serverCpuMsPerSocket =
      cpuStart === null || cpuEnd === null || jobs.length === 0
        ? null
        : ((cpuEnd - cpuStart) * 1_000) / jobs.length;
    // The chair starts the item: the meeting goes live and the item's timer runs.
    await pool(rooms.length, 20, async (i) => {
      const room = rooms[i];
      const chair = room.sockets[CHAIR];
      if (!chair) return;
      const ack = await chair
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('meeting:command', {
          commandId: randomUUID(),
          meetingId: room.meetingId,
          itemId: room.itemId,
          type: 'item:start',
        })
        .catch((error) => ({ ok: false, error: { message: String(error) } }));
      if (ack.ok) room.started = true;
      else this.recordError('item:start', ack.error);
    });
    this.meetings.push(...rooms);
    return {
      sockets: jobs.length,
      failures,
      allJoinedMs,
      serverCpuMsPerSocket,
      perSocket: percentiles(joinTimes),
    };
  }

  async joinSocket(open, room, userIndex) {
    const socket = open(this.target.users[userIndex].cookie);
    this.sockets.push(socket);
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') {
        this.unexpectedDisconnects++;
        this.recordError('disconnect', reason);
      }
    });
    const joined = await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('meeting:join', { meetingId: room.meetingId });
    if (!joined.ok) throw new Error(`meeting:join ${joined.error.code}`);
    // The seq this socket has; an event that does not follow it is a gap (a client rejoins).
    let lastSeq = joined.data.seq ?? 0;
    const follow = (event) => {
      if (typeof event.seq !== 'number') return;
      if (event.seq > lastSeq + 1) this.gapRejoins++;
      lastSeq = Math.max(lastSeq, event.seq);
    };
    const typist = TYPISTS.includes(userIndex);
    const doc = typist ? new Y.Doc() : null;
    socket.on('note:update', (event) => {
      if (doc) Y.applyUpdate(doc, Buffer.from(event.update, 'base64'), REMOTE);
      this.phase?.noteReceived(event.update, userIndex);
    });
    // Casustafel sends decisions and actions as room events; the baseline as events of their own.
    for (const name of ['meeting:event', 'decision:created', 'action:created'])
      socket.on(name, (event) => {
        follow(event);
        this.phase?.commandReceived(event, room, userIndex);
      });
    const note = await socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('note:join', { itemId: room.itemId });
    if (!note.ok) throw new Error(`note:join ${note.error.code}`);
    if (doc) {
      Y.applyUpdate(doc, Buffer.from(note.data.update, 'base64'), REMOTE);
      doc.on('update', (update, origin) => {
        if (origin !== REMOTE) this.phase?.sendNote(socket, room, update);
      });
      room.typists.set(userIndex, doc);
    }
    room.sockets[userIndex] = socket;
  }

  /** Reconnects and rejoins sockets the server dropped (as a browser would); returns how many. */
  async repair() {
    const open = this.connect();
    const broken = this.meetings.flatMap((room) =>
      room.sockets.flatMap((socket, userIndex) => (socket?.connected ? [] : [{ room, userIndex }])),
    );
    this.sockets = this.sockets.filter((socket) => socket.connected);
    await pool(broken.length, this.options.joinConcurrency, async (i) => {
      const { room, userIndex } = broken[i];
      await this.joinSocket(open, room, userIndex).catch((error) =>
        this.recordError('rejoin', error instanceof Error ? error.message : String(error)),
      );
    });
    return broken.length;
  }

  /** Drives the load for `seconds` on every meeting, then drains and measures. */
  async runPhase(seconds) {
    const rejoined = await this.repair();
    const { keysPerSecond, commandIntervalMs, drainMs } = this.options;
    const phase = new Phase(this);
    this.phase = phase;
    const gapsBefore = this.gapRejoins;
    const pid = this.target.pid;
    const timers = [];
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const rss = { start: rssMiB(pid), max: rssMiB(pid) ?? 0, end: null };
    const cpuStart = cpuSeconds(pid);
    const ownCpuStart = process.cpuUsage();
    const machineStart = machineBusySeconds();
    const wallStart = performance.now();
    timers.push(
      setInterval(() => {
        rss.max = Math.max(rss.max, rssMiB(pid) ?? 0);
      }, 1_000),
    );
    // Responsiveness: a bounded GET /api/health (no database) every 250 ms; a slow answer means
    // the server's event loop was blocked (the baseline answers 404 just as fast).
    const probes = [];
    let probing = false;
    timers.push(
      setInterval(() => {
        if (probing) return;
        probing = true;
        const t0 = performance.now();
        fetch(`${this.target.baseUrl}/api/health`, { signal: AbortSignal.timeout(20_000) })
          .then((response) => response.arrayBuffer())
          .catch(() => undefined)
          .finally(() => {
            probes.push(performance.now() - t0);
            probing = false;
          });
      }, 250),
    );
    const keyMs = 1_000 / keysPerSecond;
    for (const room of this.meetings) {
      if (!room.started) continue;
      for (const [, doc] of room.typists) {
        const type = () => {
          const text = doc.getText('text');
          text.insert(text.length, LETTERS[Math.floor(Math.random() * LETTERS.length)]);
        };
        timers.push(
          setTimeout(() => {
            type();
            timers.push(setInterval(type, keyMs));
          }, Math.random() * keyMs),
        );
      }
      timers.push(
        setTimeout(() => {
          phase.sendCommand(room);
          timers.push(setInterval(() => phase.sendCommand(room), commandIntervalMs));
        }, Math.random() * commandIntervalMs),
      );
    }
    await delay(seconds * 1_000);
    for (const timer of timers) clearTimeout(timer);
    const sendingMs = performance.now() - wallStart;
    await delay(drainMs);
    const wallSeconds = (performance.now() - wallStart) / 1_000;
    rss.end = rssMiB(pid);
    rss.max = Math.max(rss.max, rss.end ?? 0);
    const cpuEnd = cpuSeconds(pid);
    const own = process.cpuUsage(ownCpuStart);
    const machineEnd = machineBusySeconds();
    const serverCores =
      cpuStart === null || cpuEnd === null ? null : (cpuEnd - cpuStart) / wallSeconds;
    const generatorCores = (own.user + own.system) / 1e6 / wallSeconds;
    lag.disable();
    this.phase = null;
    return {
      ...phase.result(sendingMs),
      meetings: this.meetings.filter((m) => m.started).length,
      sockets: this.sockets.length,
      rss,
      serverCores,
      generatorCores,
      // CPU used by everything else on the machine meanwhile (other processes disturb figures).
      otherCores:
        machineStart === null || machineEnd === null || serverCores === null
          ? null
          : Math.max(0, (machineEnd - machineStart) / wallSeconds - serverCores - generatorCores),
      generatorLagP99: lag.percentile(99) / 1e6,
      generatorLagMax: lag.max / 1e6,
      healthProbe: percentiles(probes),
      rejoined,
      gapRejoins: this.gapRejoins - gapsBefore,
      decisionsSent: phase.kinds['decision:create'] ?? 0,
      actionsSent: phase.kinds['action:create'] ?? 0,
    };
  }

  /** Leaves only the first `count` meetings: the sockets of the others disconnect. */
  shrinkTo(count) {
    const removed = this.meetings.splice(count);
    const gone = new Set(removed.flatMap((room) => room.sockets.filter(Boolean)));
    for (const socket of gone) socket.disconnect();
    this.sockets = this.sockets.filter((socket) => !gone.has(socket));
  }

  close() {
    for (const socket of this.sockets) socket.disconnect();
    this.sockets = [];
    this.meetings = [];
  }
}
