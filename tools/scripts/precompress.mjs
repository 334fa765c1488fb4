// Post-build step of `nx build client`: writes a brotli (`.br`) and a gzip (`.gz`) copy next to
// every compressible file of the built client, so the api serves them without compressing per
// request (`@fastify/static` with `preCompressed`, see apps/api/src/common/http/client-app.ts).
// `index.html` is left alone: the api fills in a per-request CSP nonce and sends it itself
// (< 1 kB). A copy that would not be smaller is not written; stale copies are removed first.
//
// Usage: node tools/scripts/precompress.mjs [dir]   (default dist/apps/client/browser)
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(root, process.argv[2] ?? 'dist/apps/client/browser');
const COMPRESSIBLE = /\.(js|mjs|css|json|svg|txt|map|webmanifest)$/;
const SKIP = new Set(['index.html']);
const MIN_BYTES = 256;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function* walk(folder) {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

async function main() {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`precompress: ${dir} is not a directory`);
  const files = [];
  for await (const file of walk(dir)) {
    if (file.endsWith('.br') || file.endsWith('.gz')) await rm(file);
    else files.push(file);
  }
  let raw = 0;
  let br = 0;
  let gzipped = 0;
  let written = 0;
  for (const file of files) {
    if (SKIP.has(path.basename(file)) || !COMPRESSIBLE.test(file)) continue;
    const content = await readFile(file);
    if (content.length < MIN_BYTES) continue;
    const [b, g] = await Promise.all([
      brotli(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
      gz(content, { level: constants.Z_BEST_COMPRESSION }),
    ]);
    raw += content.length;
    if (b.length < content.length) {
      await writeFile(`${file}.br`, b);
      br += b.length;
      written += 1;
    }
    if (g.length < content.length) {
      await writeFile(`${file}.gz`, g);
      gzipped += g.length;
      written += 1;
    }
  }
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
  process.stdout.write(
    `precompress: ${written} files in ${path.relative(root, dir)} — ${kb(raw)} raw, ${kb(br)} brotli, ${kb(gzipped)} gzip\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
