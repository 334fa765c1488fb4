import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * The image and compose file hold what the deployment needs (issue 16 §2). They cannot be
 * built or started on the development machines (no registry, no container runtime that
 * starts), so this reads them; deployment.process-spec.ts runs the same topology as processes
 * with the same nginx files.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFile(path.join(root, file), 'utf8');

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(dockerfile: string): { op: string; args: string }[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op = '', ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** The top-level services of a compose file and each one's lines (a small, strict reader). */
function services(compose: string): Map<string, string[]> {
  const lines = compose.split('\n');
  const start = lines.indexOf('services:');
  const result = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line)?.[1];
    if (name) result.set(name, (current = []));
    else if (current && line.trim()) current.push(line.trim());
  }
  return result;
}

describe('deployment files', () => {
  it('the image: multi-stage on Node 24, non-root, health check on /api/health, api and client inside', async () => {
    const steps = instructions(await read('deploy/Dockerfile'));
    const froms = steps.filter((s) => s.op === 'FROM').map((s) => s.args);
    expect(froms).toEqual(['${NODE_IMAGE} AS build', '${NODE_IMAGE} AS runtime']);
    expect(steps.find((s) => s.op === 'ARG')?.args).toBe('NODE_IMAGE=node:24-bookworm-slim');
    const runtime = steps.slice(steps.findIndex((s) => s.args.endsWith('AS runtime')));
    const users = runtime.filter((s) => s.op === 'USER').map((s) => s.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const health = runtime.find((s) => s.op === 'HEALTHCHECK')?.args ?? '';
    expect(health).toContain('/api/health');
    expect(health).toMatch(/--interval=\d+s/);
    const copied = runtime.filter((s) => s.op === 'COPY').map((s) => s.args);
    expect(copied.some((c) => c.includes('/src/dist/apps/api'))).toBe(true);
    expect(copied.some((c) => c.includes('/src/dist/apps/client'))).toBe(true);
    const cmd = JSON.parse(runtime.find((s) => s.op === 'CMD')?.args ?? '[]') as string[];
    expect(cmd).toEqual([
      'node',
      '--enable-source-maps',
      '--v8-pool-size=1',
      'dist/apps/api/main.mjs',
    ]);
    const ignored = (await read('.dockerignore')).split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git', 'data']));
  });

  it('the compose file: PostgreSQL, Redis, two api instances sharing both, and nginx with the tested files', async () => {
    const compose = await read('deploy/compose.yaml');
    const all = services(compose);
    expect([...all.keys()].sort()).toEqual(['api-1', 'api-2', 'postgres', 'proxy', 'redis']);
    for (const api of ['api-1', 'api-2']) expect(all.get(api)).toEqual(['<<: *api']);
    const anchor = compose.slice(compose.indexOf('x-api: &api'), compose.indexOf('services:'));
    expect(anchor).toMatch(/DATABASE_URL: postgres:\/\/.+@postgres:5432\/casustafel/);
    expect(anchor).toContain('REDIS_URL: redis://redis:6379');
    expect(anchor).toContain("TRUST_PROXY_HOPS: '1'");
    expect(anchor).toContain('dockerfile: deploy/Dockerfile');
    expect(all.get('postgres')?.join('\n')).toMatch(/image: postgres:15/);
    expect(all.get('redis')?.join('\n')).toMatch(/image: redis:7/);
    const proxy = all.get('proxy')?.join('\n') ?? '';
    for (const file of ['nginx.conf', 'casustafel-http.conf', 'casustafel-locations.conf']) {
      expect(proxy).toContain(`./nginx/${file}:`);
    }
    const nginx = await read('deploy/nginx/nginx.conf');
    expect(nginx).toMatch(/server api-1:3000/);
    expect(nginx).toMatch(/server api-2:3000/);
  });

  it('the proxy passes WebSocket upgrades for socket.io', async () => {
    const http = await read('deploy/nginx/casustafel-http.conf');
    expect(http).toMatch(
      /map \$http_upgrade \$connection_upgrade \{\s*default upgrade;\s*'' +close;/,
    );
    const locations = await read('deploy/nginx/casustafel-locations.conf');
    const live = locations.slice(locations.indexOf('location /socket.io/'));
    const block = live.slice(0, live.indexOf('}'));
    expect(block).toContain('proxy_http_version 1.1;');
    expect(block).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(block).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(block).toMatch(/proxy_read_timeout \d+[hm];/);
  });
});
