import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app';

const root = path.resolve(import.meta.dirname, '../../..');

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET that leaves the body as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false, timeout: 5_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/**
 * The built client as the api serves it (issue 16 §1): a client folder made here and
 * precompressed by the build's own step (tools/scripts/precompress.mjs); the api sends the
 * brotli or gzip copy with Content-Encoding and `Vary: accept-encoding`, the plain file to a
 * client that accepts neither, and index.html (with its per-request nonce) uncompressed.
 */
describe('client delivery: precompressed assets', () => {
  let dist: string;
  let t: TestApp;
  const script = `export const greeting = ${JSON.stringify('Goedemorgen, wijkteam! '.repeat(400))};\n`;
  const scriptName = 'main-ABCDEFGH.js';

  beforeAll(async () => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'cst-client-'));
    mkdirSync(path.join(dist, 'i18n'));
    writeFileSync(
      path.join(dist, 'index.html'),
      `<!doctype html><html><head><title>t</title></head><body><app-root ngcspnonce="__CSP_NONCE__"></app-root><script src="${scriptName}" type="module" nonce="__CSP_NONCE__"></script></body></html>\n`,
    );
    writeFileSync(path.join(dist, scriptName), script);
    writeFileSync(
      path.join(dist, 'favicon.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>\n',
    );
    writeFileSync(
      path.join(dist, 'i18n/nl.json'),
      JSON.stringify({ hallo: 'wereld '.repeat(200) }),
    );
    execFileSync(process.execPath, [path.join(root, 'tools/scripts/precompress.mjs'), dist], {
      stdio: 'ignore',
    });
    t = await startTestApp({ DATA_DIR: 'memory://', CLIENT_DIST: dist });
  });

  afterAll(async () => {
    await t?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('the build step writes brotli and gzip copies, never of index.html', () => {
    expect(existsSync(path.join(dist, `${scriptName}.br`))).toBe(true);
    expect(existsSync(path.join(dist, `${scriptName}.gz`))).toBe(true);
    expect(existsSync(path.join(dist, 'i18n/nl.json.br'))).toBe(true);
    expect(existsSync(path.join(dist, 'index.html.br'))).toBe(false);
    expect(existsSync(path.join(dist, 'index.html.gz'))).toBe(false);
  });

  it('sends brotli to a browser that accepts it, with Vary and a long cache', async () => {
    const res = await rawGet(`${t.baseUrl}/${scriptName}`, {
      'accept-encoding': 'gzip, deflate, br, zstd',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // A policy only binds documents: a script goes without the ≈ 370-byte header, not nosniff.
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.body).toString('utf8')).toBe(script);
  });

  it('keeps the policy on an SVG, which a browser may open as a document', async () => {
    const res = await rawGet(`${t.baseUrl}/favicon.svg`, {});
    expect(res.status).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('sends gzip when brotli is not accepted, the plain file when neither is', async () => {
    const gz = await rawGet(`${t.baseUrl}/${scriptName}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['vary']).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.body).toString('utf8')).toBe(script);

    const plain = await rawGet(`${t.baseUrl}/${scriptName}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/accept-encoding/i);
    expect(plain.body.toString('utf8')).toBe(script);

    const json = await rawGet(`${t.baseUrl}/i18n/nl.json`, { 'accept-encoding': 'br' });
    expect(json.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(json.body).toString('utf8'))).toHaveProperty('hallo');
  });

  it('serves index.html uncompressed with a fresh nonce that matches the CSP', async () => {
    const pages = await Promise.all(
      [1, 2].map(() =>
        rawGet(`${t.baseUrl}/inloggen`, { accept: 'text/html', 'accept-encoding': 'br, gzip' }),
      ),
    );
    const nonces = pages.map((page) => {
      expect(page.status).toBe(200);
      expect(page.headers['content-encoding']).toBeUndefined();
      const html = page.body.toString('utf8');
      const nonce = /nonce="([^"]+)"/.exec(html)?.[1] ?? '';
      expect(nonce).not.toBe('');
      expect(html).not.toContain('__CSP_NONCE__');
      expect(String(page.headers['content-security-policy'])).toContain(`'nonce-${nonce}'`);
      return nonce;
    });
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});
