// Moves each feature's translations out of the global files (issue 16 §1: the sign-in page
// loads only what it needs). For every language file apps/client/public/i18n/<lang>.json and
// every entry of TRANSLATION_FILES (libs/client/data-access/src/lib/i18n/translation-scopes.ts:
// file → top-level keys), the subtrees of those keys are deep-merged into
// i18n/<file>/<lang>.json (texts from the global file win: they are the newer ones) and removed
// from the global file.
//
// Idempotent: a second run changes nothing. Run it after merging a branch that added keys to a
// moved subtree in the global files (e.g. "meetings" or "household"):
//
//   npm run i18n:scopes          (or: node tools/scripts/i18n-scopes.mjs [--check] [--dir D])
//
// `--check` changes nothing and exits 1 when a run would (for CI or a pre-commit look).
// Needs Node ≥ 22.18 / 23.6 (it imports the TypeScript table as it is).
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRANSLATION_FILES } from '../../libs/client/data-access/src/lib/i18n/translation-scopes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dirArg = process.argv.indexOf('--dir');
/** The translations folder (`--dir` for tests; default the client's). */
const I18N =
  dirArg > 0 ? path.resolve(process.argv[dirArg + 1]) : path.join(root, 'apps/client/public/i18n');
const check = process.argv.includes('--check');

const isTree = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `into` with `from` merged in: nested objects merged, other values taken from `from`. */
export function deepMerge(into, from) {
  const out = { ...into };
  for (const [key, value] of Object.entries(from)) {
    out[key] = isTree(value) && isTree(out[key]) ? deepMerge(out[key], value) : value;
  }
  return out;
}

const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
const format = (tree) => `${JSON.stringify(tree, null, 2)}\n`;

/** One language: the new global tree and the new file trees (pure). */
export function split(global, files, table = TRANSLATION_FILES) {
  const rest = { ...global };
  const out = {};
  for (const [file, keys] of Object.entries(table)) {
    const current = files[file] ?? {};
    const next = {};
    for (const key of keys) {
      const moved = rest[key];
      delete rest[key];
      if (key in current || moved !== undefined) {
        next[key] = isTree(moved) ? deepMerge(current[key] ?? {}, moved) : (moved ?? current[key]);
      }
    }
    // Keys of the file that are not (or no longer) in the table stay where they are.
    for (const [key, value] of Object.entries(current)) if (!(key in next)) next[key] = value;
    out[file] = next;
  }
  return { global: rest, files: out };
}

function main() {
  const langs = readdirSync(I18N)
    .filter((name) => /^[a-z]{2}\.json$/.test(name))
    .map((name) => name.slice(0, 2));
  const changed = [];
  for (const lang of langs) {
    const globalFile = path.join(I18N, `${lang}.json`);
    const files = {};
    for (const file of Object.keys(TRANSLATION_FILES)) {
      const p = path.join(I18N, file, `${lang}.json`);
      if (existsSync(p)) files[file] = read(p);
    }
    const result = split(read(globalFile), files);
    const writes = [[globalFile, result.global]];
    for (const [file, tree] of Object.entries(result.files))
      writes.push([path.join(I18N, file, `${lang}.json`), tree]);
    for (const [p, tree] of writes) {
      const text = format(tree);
      if (existsSync(p) && readFileSync(p, 'utf8') === text) continue;
      changed.push(path.relative(I18N, p));
      if (!check) {
        mkdirSync(path.dirname(p), { recursive: true });
        writeFileSync(p, text);
      }
    }
  }
  if (changed.length === 0) process.stdout.write('i18n-scopes: nothing to move\n');
  else
    process.stdout.write(
      `i18n-scopes: ${check ? 'would change' : 'changed'} ${changed.length} files\n  ${changed.join('\n  ')}\n`,
    );
  if (check && changed.length > 0) process.exit(1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
