import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  DecisionView,
  LiveAck,
  MeetingEvent,
  MeetingRecordsView,
  RecordCommandResult,
} from '@casustafel/contracts';
import { joinMeeting } from '../factories/meeting.factory';
import type { BrowserClient } from '../support/browser-client';
import { createTestDatabase, type TestDatabase } from '../support/engines';
import { must } from '../support/must';
import {
  type ApiProcess,
  connectProcessSocket,
  exitOf,
  repoRoot as root,
  retryFor,
  signInProcess,
  sleep,
  spawnLogged,
  type Spawned,
  startApiProcess,
  stopApiProcess,
  untilReady,
} from '../support/process-kit';
import { meetingTomorrow, type SeededUser, seededTeam, workItem } from '../support/process-seed';
import { freePort, startTestRedis, type TestRedis } from '../support/redis-server';
import { type LiveClient, pollUntil } from '../support/test-app';

/**
 * The deployment of deploy/compose.yaml, as processes (issue 16 §2): no container starts on
 * the development machines, so the same topology runs here — PostgreSQL (a fresh database on
 * the TEST_DATABASE_URL server), a redis-server, two built api instances (`main.mjs`, as the
 * image's CMD runs it) and nginx with the SAME configuration files as the compose file
 * (deploy/nginx/casustafel-http.conf and casustafel-locations.conf; only the upstream
 * addresses and the listening port differ). Real HTTP and socket.io clients talk to the proxy
 * only; one instance is SIGKILLed and its client continues through the proxy on the other.
 *
 * PostgreSQL only: two processes cannot share one embedded PGlite.
 */
const RECOVERY_BUDGET_MS = 10_000;

function nginxBinary(): string {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    const probe = spawnSync(candidate, ['-v'], { encoding: 'utf8', timeout: 5000 });
    if (!probe.error && probe.status === 0) return candidate;
  }
  throw new Error(
    "No nginx for the deployment test: install Debian's package (`apt-get install -y nginx-light`).",
  );
}

const pgUrl = process.env['TEST_DATABASE_URL'];

(pgUrl ? describe : describe.skip)(
  'deployment topology: PostgreSQL, Redis, two api instances behind nginx',
  () => {
    const encryptionKey = randomBytes(32).toString('base64');
    let redis: TestRedis;
    let db: TestDatabase;
    let prefix: string;
    let proxyUrl: string;
    let instances: ApiProcess[] = [];
    let nginx: Spawned;
    let teamId: string;
    let meetingId: string;
    let itemId: string;
    let users: Record<'alice' | 'anna', SeededUser>;
    const sockets: LiveClient[] = [];
    // Signed in once each (a TOTP code works once per 30 s step).
    let clients: Record<'alice' | 'anna', BrowserClient>;

    beforeAll(async () => {
      const nginxPath = nginxBinary();
      redis = await startTestRedis();
      db = await createTestDatabase('postgres');
      const seeded = await seededTeam(db.env, encryptionKey, [
        { displayName: 'Alice Aalbers', roles: ['member', 'chair'] },
        { displayName: 'Anna Noordhoek', roles: ['member'] },
      ]);
      teamId = seeded.teamId;
      users = { alice: must(seeded.users[0]), anna: must(seeded.users[1]) };

      // Two instances, as the compose file's api-1 and api-2 (behind one proxy hop).
      const env = {
        ...db.env,
        REDIS_URL: redis.url,
        REDIS_CHANNEL_PREFIX: redis.channelPrefix,
        TRUST_PROXY_HOPS: '1',
        ENCRYPTION_KEY: encryptionKey,
      };
      const nodeArgs = ['--enable-source-maps', '--v8-pool-size=1'];
      instances = await Promise.all(
        ['api instance 1', 'api instance 2'].map((name) =>
          startApiProcess(name, env, { nodeArgs }),
        ),
      );
      const ports = instances.map((instance) => instance.port);

      // nginx in the foreground on a free port, everything under a temporary prefix.
      prefix = await mkdtemp(path.join(tmpdir(), 'cst-nginx-'));
      for (const dir of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
        await mkdir(path.join(prefix, dir));
        // Its worker may run as `nobody` when the test runs as root.
        await chmod(path.join(prefix, dir), 0o777);
      }
      await chmod(prefix, 0o755);
      const proxyPort = await freePort();
      proxyUrl = `http://127.0.0.1:${proxyPort}`;
      const conf = `
daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${root}/deploy/nginx/casustafel-http.conf;
  upstream casustafel_api {
    server 127.0.0.1:${ports[0]} max_fails=1 fail_timeout=5s;
    server 127.0.0.1:${ports[1]} max_fails=1 fail_timeout=5s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${proxyPort};
    include ${root}/deploy/nginx/casustafel-locations.conf;
  }
}
`;
      await writeFile(path.join(prefix, 'nginx.conf'), conf);
      nginx = spawnLogged(
        nginxPath,
        ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', 'stderr'],
        { PATH: process.env['PATH'] ?? '' },
      );
      await untilReady(`${proxyUrl}/api/ready`, nginx, 'nginx');

      clients = {
        alice: await signInProcess(proxyUrl, users.alice.email, users.alice.totpSecret),
        anna: await signInProcess(proxyUrl, users.anna.email, users.anna.totpSecret),
      };
      meetingId = await meetingTomorrow(clients.alice, teamId, {
        chairId: users.alice.id,
        minuteTakerId: users.anna.id,
      });
      itemId = await workItem(clients.alice, meetingId, { presenterUserId: users.alice.id });
    }, 180_000);

    afterAll(async () => {
      for (const s of sockets) s.disconnect();
      await stopApiProcess(nginx);
      for (const proc of instances) await stopApiProcess(proc);
      await db?.drop();
      await redis?.stop();
      if (prefix) await rm(prefix, { recursive: true, force: true });
    }, 60_000);

    it('answers health and readiness through the proxy, request after request', async () => {
      const health = await fetch(`${proxyUrl}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      // Several requests: the round robin takes turns between the instances; each answers.
      for (let i = 0; i < 6; i++) expect((await fetch(`${proxyUrl}/api/ready`)).status).toBe(200);
    });

    it('a client connected through the proxy survives the SIGKILL of its instance: it rejoins on the other, meeting state intact', async () => {
      const { alice, anna } = clients;
      // Two upgrades in a row: nginx's round robin puts them on different instances.
      const aliceSocket = await connectProcessSocket(proxyUrl, alice.cookieHeader);
      const annaSocket = await connectProcessSocket(proxyUrl, anna.cookieHeader);
      sockets.push(aliceSocket, annaSocket);
      const joinAs = async (socket: LiveClient, lastSeq?: number) => {
        const ack = await joinMeeting(socket, meetingId, { lastSeq });
        if (!ack.ok) throw new Error(`meeting:join refused: ${ack.error.code}`);
        return ack.data;
      };
      expect((await joinAs(aliceSocket)).seq).toBe(0);
      expect((await joinAs(annaSocket)).seq).toBe(0);

      // Meeting state before the outage: the item started, a decision taken (relayed across).
      const annaSaw: number[] = [];
      annaSocket.on('meeting:event', (e: MeetingEvent) => annaSaw.push(e.seq));
      const startedItem = (await aliceSocket.timeout(5000).emitWithAck('meeting:command', {
        meetingId,
        commandId: randomUUID(),
        type: 'item:start',
        itemId,
      })) as LiveAck<{ seq: number }>;
      expect(startedItem).toMatchObject({ ok: true, data: { seq: 1 } });
      const decided = (await aliceSocket.timeout(5000).emitWithAck('decision:create', {
        meetingId,
        commandId: randomUUID(),
        itemId,
        type: 'maatwerkvoorziening',
        text: 'Gezinsbegeleiding aanvragen',
        rationale: 'Besproken in het overleg',
      })) as LiveAck<RecordCommandResult<DecisionView>>;
      expect(decided).toMatchObject({ ok: true, data: { seq: 2 } });
      await pollUntil(
        () => annaSaw.length,
        (n) => n >= 2,
        5000,
      );

      // Kill instance 1. Exactly one of the two clients was on it.
      const victim = must(instances[0]);
      const gone: string[] = [];
      aliceSocket.once('disconnect', () => gone.push('alice'));
      annaSocket.once('disconnect', () => gone.push('anna'));
      const exited = exitOf(victim);
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      await exited;
      await pollUntil(
        () => gone.length,
        (n) => n === 1,
        RECOVERY_BUDGET_MS,
      );
      // Nobody else follows (the other instance is unaffected).
      await sleep(500);
      expect(gone).toHaveLength(1);
      const [lostName] = gone;
      const lost = lostName === 'alice' ? alice : anna;
      const stayed = lostName === 'alice' ? annaSocket : aliceSocket;

      // While the lost client is away, the other one records a decision on the survivor.
      const during = (await stayed.timeout(5000).emitWithAck('decision:create', {
        meetingId,
        commandId: randomUUID(),
        itemId,
        type: 'overig',
        text: 'Besluit tijdens de storing',
        rationale: 'Besproken in het overleg',
      })) as LiveAck<RecordCommandResult<DecisionView>>;
      expect(during).toMatchObject({ ok: true, data: { seq: 3 } });

      // The lost client reconnects through the same proxy address (nginx skips the dead one),
      // with the same session cookie, and asks for what it missed after seq 2.
      const again = await retryFor(
        () => connectProcessSocket(proxyUrl, lost.cookieHeader),
        RECOVERY_BUDGET_MS,
      );
      sockets.push(again);
      const replay = await joinAs(again, 2);
      const recoveredMs = Date.now() - killedAt;
      expect(replay.seq).toBe(3);
      expect((replay.events ?? []).map((e) => e.seq)).toEqual([3]);
      // A fresh join shows the whole state: the item started before the kill is still current.
      const fresh = await joinAs(again);
      expect(fresh.snapshot?.currentItemId).toBe(itemId);
      expect(fresh.snapshot?.seq).toBe(3);
      process.stdout.write(
        `deployment: client of the killed instance rejoined through nginx in ${recoveredMs} ms\n`,
      );
      expect(recoveredMs).toBeLessThan(RECOVERY_BUDGET_MS);

      // HTTP through the proxy keeps working: reads and writes reach the survivor.
      const records = await lost.get<MeetingRecordsView>(`/api/meetings/${meetingId}/records`);
      expect(records.status).toBe(200);
      expect(records.body.decisions.map((d) => d.text).sort()).toEqual([
        'Besluit tijdens de storing',
        'Gezinsbegeleiding aanvragen',
      ]);
      // Writes too (nginx retries a POST only when the dead instance refused the connection,
      // so it never reached it): the round robin hits the dead one in turn.
      for (let i = 0; i < 4; i++) {
        const added = await alice.post<{ id: string }>(`/api/teams/${teamId}/households`, {
          label: `Na de storing ${i}`,
          address: null,
        });
        expect(added.status).toBe(201);
      }
    }, 90_000);
  },
);
