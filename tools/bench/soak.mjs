// `npm run bench:live -- --soak=10000`: one meeting, many commands in a row (a long meeting).
// Prints the command ack p99 and the bytes stored per command for the first and the last 1,000
// commands: the room state rewritten by each command plus the command's event row. A room whose
// stored state grew with its history (the replay window it once carried) shows a ratio ≫ 1.
// Needs PostgreSQL (BENCH_POSTGRES_URL) to read the sizes.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { io } from 'socket.io-client';
import { percentiles } from './load.mjs';

const BLOCK = 1_000;

export async function soak(target, commands, log) {
  if (!target.databaseUrl)
    throw new Error('the soak needs BENCH_POSTGRES_URL (sizes are read there)');
  const [{ meetingId, itemId }] = await target.createMeetings(1);
  const socket = io(`${target.baseUrl}/live`, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie: target.users[0].cookie, origin: target.origin },
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const db = new pg.Client({ connectionString: target.databaseUrl });
  await db.connect();
  try {
    const joined = await socket.timeout(10_000).emitWithAck('meeting:join', { meetingId });
    if (!joined.ok) throw new Error(`meeting:join ${joined.error.code}`);
    const send = async (event, body) => {
      const started = performance.now();
      const ack = await socket
        .timeout(10_000)
        .emitWithAck(event, { meetingId, commandId: randomUUID(), ...body });
      if (!ack.ok) throw new Error(`${event}: ${ack.error.code}`);
      return performance.now() - started;
    };
    await send('meeting:command', { type: 'item:start', itemId });
    const blocks = [];
    let acks = [];
    let stateBytes = 0;
    const stored = async () =>
      (
        await db.query(
          `SELECT octet_length("live_state"::text) AS "state",
                  (SELECT coalesce(sum(pg_column_size(e.*)), 0) FROM "meeting_event" e WHERE e."meeting_id" = $1) AS "events"
             FROM "meeting" WHERE "id" = $1`,
          [meetingId],
        )
      ).rows[0];
    let before = await stored();
    // The item's timer runs from `item:start`: the next timer command pauses it.
    let running = true;
    for (let i = 1; i <= commands; i++) {
      // Mostly timer commands; one decision and one action in every 60 (a minute at 1/s).
      const ms =
        i % 60 === 20
          ? await send('decision:create', {
              itemId,
              type: 'geen-actie',
              text: `Besluit ${i}`,
              rationale: 'Soak',
              onBehalfOfTeam: true,
            })
          : i % 60 === 40
            ? await send('action:create', {
                itemId,
                ownerUserId: target.users[0].userId,
                text: `Actie ${i}`,
                due: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
                decisionId: null,
              })
            : await send('meeting:command', {
                type: running ? 'timer:pause' : 'timer:start',
                itemId,
              });
      if (i % 60 !== 20 && i % 60 !== 40) running = !running;
      acks.push(ms);
      if (i % 100 === 0) stateBytes += Number((await stored()).state) * 100;
      if (i % BLOCK === 0) {
        const after = await stored();
        const eventBytes = Number(after.events) - Number(before.events);
        blocks.push({
          upTo: i,
          ack: percentiles(acks),
          // Each command rewrites the room state and appends its event.
          bytesPerCommand: (stateBytes + eventBytes) / BLOCK,
          stateBytes: Number(after.state),
        });
        log(
          `soak: ${i} commands, ack p99 ${blocks.at(-1).ack.p99.toFixed(1)} ms, ${blocks.at(-1).bytesPerCommand.toFixed(0)} bytes stored per command, room state ${after.state} bytes`,
        );
        acks = [];
        stateBytes = 0;
        before = after;
      }
    }
    const first = blocks[0];
    const last = blocks.at(-1);
    return { commands, first, last, ratio: last.bytesPerCommand / first.bytesPerCommand };
  } finally {
    socket.disconnect();
    await db.end();
  }
}
