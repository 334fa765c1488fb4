// One measured phase of the load generator (load.mjs): what each socket sent and received,
// and the percentiles of fan-out and ack times.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PARTICIPANTS } from './targets.mjs';

export const REMOTE = Symbol('remote');
export const CHAIR = 0;
export const TYPISTS = [1, 2];
export const ACK_TIMEOUT_MS = 10_000;
const COMMANDS = [
  'timer:pause',
  'timer:start',
  'timer:extend',
  'decision:create',
  'timer:pause',
  'timer:start',
  'timer:extend',
  'action:create',
  'timer:pause',
  'timer:start',
  'timer:pause',
  'timer:start',
];
/** An action's due date: within the two years the domain allows, in the future. */
const ACTION_DUE = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
export const LETTERS = 'abcdefghijklmnopqrstuvwxyz ';

/** Percentiles of a list of numbers (sorted copy; nearest rank). */
export function percentiles(values) {
  if (values.length === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
/** The bookkeeping of one measured phase. */
export class Phase {
  constructor(generator) {
    this.generator = generator;
    /** update (base64) → { sentAt, received: Uint8Array(25), sender } */
    this.notes = new Map();
    /** commandId → { sentAt, received: Uint8Array(25), sender } */
    this.commands = new Map();
    this.noteFanout = [];
    this.noteAcks = [];
    this.commandFanout = [];
    this.commandAcks = [];
    this.noteDuplicates = 0;
    this.commandDuplicates = 0;
    this.unknownNotes = 0;
    this.unknownCommands = 0;
    this.failedAcks = 0;
    this.seen = new Map();
    /** Commands sent per kind. */
    this.kinds = {};
  }

  sendNote(socket, room, update) {
    const encoded = Buffer.from(update).toString('base64');
    const sentAt = performance.now();
    this.notes.set(encoded, { sentAt, received: new Uint8Array(PARTICIPANTS), count: 0 });
    socket.emit('note:update', { itemId: room.itemId, update: encoded }, (ack) => {
      this.noteAcks.push(performance.now() - sentAt);
      if (!ack?.ok) {
        this.failedAcks++;
        this.generator.recordError('note:update', ack?.error);
      }
    });
  }

  noteReceived(update, userIndex) {
    const now = performance.now();
    const entry = this.notes.get(update);
    if (!entry) {
      this.unknownNotes++;
      return;
    }
    if (entry.received[userIndex]) {
      this.noteDuplicates++;
      return;
    }
    entry.received[userIndex] = 1;
    entry.count++;
    this.noteFanout.push(now - entry.sentAt);
  }

  sendCommand(room) {
    const chair = room.sockets[CHAIR];
    if (!chair?.connected) return;
    const kind = COMMANDS[room.commandIndex++ % COMMANDS.length];
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    const commandId = randomUUID();
    const base = { commandId, meetingId: room.meetingId, itemId: room.itemId };
    const [event, payload] =
      kind === 'action:create'
        ? [
            'action:create',
            {
              ...base,
              ownerUserId: this.generator.target.users[CHAIR]?.userId ?? randomUUID(),
              text: `Actie ${room.commandIndex}: terugkoppelen aan het gezin.`,
              due: ACTION_DUE,
              decisionId: null,
            },
          ]
        : kind === 'decision:create'
          ? [
              'decision:create',
              {
                ...base,
                type: 'geen-actie',
                text: `Besluit ${room.commandIndex}: geen verdere actie nodig.`,
                rationale: 'Het netwerk pakt dit zelf op.',
                onBehalfOfTeam: true,
              },
            ]
          : [
              'meeting:command',
              { ...base, type: kind, ...(kind === 'timer:extend' ? { minutes: 1 } : {}) },
            ];
    const sentAt = performance.now();
    this.commands.set(commandId, { sentAt, received: new Uint8Array(PARTICIPANTS), count: 0 });
    chair.emit(event, payload, (ack) => {
      this.commandAcks.push(performance.now() - sentAt);
      if (!ack?.ok) {
        this.failedAcks++;
        this.generator.recordError(kind, ack?.error);
      }
    });
  }

  commandReceived(event, room, userIndex) {
    const now = performance.now();
    // Duplicates: the same seq of a meeting delivered twice to one socket.
    const key = `${room.meetingId}/${userIndex}`;
    let seen = this.seen.get(key);
    if (!seen) {
      seen = new Set();
      this.seen.set(key, seen);
    }
    if (seen.has(event.seq)) {
      this.commandDuplicates++;
      return;
    }
    seen.add(event.seq);
    const entry = this.commands.get(event.commandId);
    if (!entry) {
      this.unknownCommands++;
      return;
    }
    if (entry.received[userIndex]) {
      this.commandDuplicates++;
      return;
    }
    entry.received[userIndex] = 1;
    entry.count++;
    if (userIndex !== CHAIR) this.commandFanout.push(now - entry.sentAt);
  }

  result(sendingMs) {
    // Expected receivers: a note update reaches the 24 other sockets of its item room (not
    // the sender); a room event or decision reaches all 25 sockets of the meeting.
    let notesLost = 0;
    for (const entry of this.notes.values()) notesLost += PARTICIPANTS - 1 - entry.count;
    let commandsLost = 0;
    for (const entry of this.commands.values()) commandsLost += PARTICIPANTS - entry.count;
    return {
      sendingSeconds: sendingMs / 1_000,
      notesSent: this.notes.size,
      commandsSent: this.commands.size,
      noteFanout: percentiles(this.noteFanout),
      noteAck: percentiles(this.noteAcks),
      commandAck: percentiles(this.commandAcks),
      commandFanout: percentiles(this.commandFanout),
      notesLost,
      commandsLost,
      noteDuplicates: this.noteDuplicates,
      commandDuplicates: this.commandDuplicates,
      unknown: this.unknownNotes + this.unknownCommands,
      failedAcks: this.failedAcks,
    };
  }
}
