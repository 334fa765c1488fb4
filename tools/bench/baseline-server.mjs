// The baseline of `npm run bench:live`: a bare socket.io server that relays the same events as
// Casustafel's `/live` namespace (same path, same rooms, same acknowledgements) with no
// authentication, no validation and no persistence. Started as a child process by
// bench-live.mjs; prints `listening <port>` once it accepts connections and stops on SIGTERM.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const host = '127.0.0.1';
const port = Number(process.env['PORT'] ?? 0);
const EMPTY_YJS_UPDATE = Buffer.from([0, 0]).toString('base64');
const EMPTY_STATE_VECTOR = Buffer.from([0]).toString('base64');

const httpServer = createServer((_request, response) => {
  response.writeHead(404).end();
});
const io = new Server(httpServer, {
  path: '/socket.io',
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 10_000,
  pingTimeout: 5_000,
});
const live = io.of('/live');
/** meetingId → last seq (one counter for room commands and decisions, as in the api). */
const seqs = new Map();

function nextSeq(meetingId) {
  const seq = (seqs.get(meetingId) ?? 0) + 1;
  seqs.set(meetingId, seq);
  return seq;
}

const isAck = (ack) => typeof ack === 'function';
const isObject = (body) => typeof body === 'object' && body !== null;

live.on('connection', (socket) => {
  socket.on('meeting:join', (body, ack) => {
    if (!isObject(body) || !isAck(ack)) return;
    void socket.join(`meeting:${body.meetingId}`);
    ack({ ok: true, data: { seq: seqs.get(body.meetingId) ?? 0, snapshot: {} } });
  });
  socket.on('note:join', (body, ack) => {
    if (!isObject(body) || !isAck(ack)) return;
    void socket.join(`item:${body.itemId}`);
    ack({
      ok: true,
      data: { itemId: body.itemId, update: EMPTY_YJS_UPDATE, stateVector: EMPTY_STATE_VECTOR },
    });
  });
  socket.on('note:update', (body, ack) => {
    if (!isObject(body)) return;
    socket
      .to(`item:${body.itemId}`)
      .emit('note:update', { itemId: body.itemId, update: body.update, origin: socket.id });
    if (isAck(ack)) ack({ ok: true, data: { itemId: body.itemId } });
  });
  socket.on('meeting:command', (body, ack) => {
    if (!isObject(body) || !isAck(ack)) return;
    const seq = nextSeq(body.meetingId);
    live.to(`meeting:${body.meetingId}`).emit('meeting:event', {
      seq,
      type: body.type,
      payload: { itemId: body.itemId },
      commandId: body.commandId,
      actorUserId: socket.id,
      at: Date.now(),
      patch: {},
      meetingId: body.meetingId,
    });
    ack({ ok: true, data: { seq, duplicate: false } });
  });
  socket.on('decision:create', (body, ack) => {
    if (!isObject(body) || !isAck(ack)) return;
    const seq = nextSeq(body.meetingId);
    const decision = {
      id: body.commandId,
      meetingId: body.meetingId,
      agendaItemId: body.itemId,
      type: body.type,
      text: body.text,
      rationale: body.rationale,
    };
    live.to(`meeting:${body.meetingId}`).emit('decision:created', {
      meetingId: body.meetingId,
      seq,
      commandId: body.commandId,
      decision,
    });
    ack({ ok: true, data: { seq, duplicate: false, record: decision } });
  });
});

live.on('connection', (socket) => {
  // The baseline's stand-in for an action: broadcast to the meeting with the next seq.
  socket.on('action:create', (body, ack) => {
    if (!isObject(body) || !isAck(ack)) return;
    const seq = nextSeq(body.meetingId);
    const action = { id: body.commandId, meetingId: body.meetingId, agendaItemId: body.itemId };
    live.to(`meeting:${body.meetingId}`).emit('action:created', {
      meetingId: body.meetingId,
      seq,
      commandId: body.commandId,
      action,
    });
    ack({ ok: true, data: { seq, duplicate: false, record: action } });
  });
});

httpServer.listen(port, host, () => {
  const address = httpServer.address();
  process.stdout.write(
    `listening ${typeof address === 'object' && address ? address.port : port}\n`,
  );
});

process.on('SIGTERM', () => {
  void io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
});
