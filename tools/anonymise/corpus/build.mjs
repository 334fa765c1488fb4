// Builds the annotated corpora (dev.jsonl, heldout.jsonl) from their hand-written sources
// (dev.txt, heldout.txt) and verifies every gold span.
//
// Source format: a document starts with "=== <id>", then "known: Name One; Name Two", then the
// text; a gold span is written inline as [[text|label]]. The build strips the markup, computes
// JavaScript string offsets, and checks that text.slice(start, end) equals the marked text, that
// labels are known, and that no markup is left. `--check` fails when the .jsonl files are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const LABELS = new Set([
  'name_known',
  'name',
  'bsn',
  'postcode',
  'address',
  'phone',
  'email',
  'iban',
  'url',
  'case_number',
  'date',
  'age',
  'institution',
  'place',
]);
const check = process.argv.includes('--check');

export function parseCorpus(source) {
  const documents = [];
  for (const block of source.split(/^=== /m).slice(1)) {
    const lines = block.split('\n');
    const id = lines[0].trim();
    let rest = lines.slice(1);
    let known = [];
    if (rest[0]?.startsWith('known:')) {
      known = rest[0]
        .slice('known:'.length)
        .split(';')
        .map((name) => name.trim())
        .filter(Boolean);
      rest = rest.slice(1);
    }
    const marked = rest.join('\n').replace(/\s+$/, '');
    let text = '';
    const spans = [];
    let cursor = 0;
    const pattern = /\[\[([^|\]]+)\|([a-z_]+)\]\]/g;
    let match;
    while ((match = pattern.exec(marked)) !== null) {
      text += marked.slice(cursor, match.index);
      const [, value, label] = match;
      if (!LABELS.has(label)) throw new Error(`${id}: unknown label ${label}`);
      spans.push({ start: text.length, end: text.length + value.length, label });
      text += value;
      cursor = match.index + match[0].length;
    }
    text += marked.slice(cursor);
    if (text.includes('[[') || text.includes(']]')) throw new Error(`${id}: markup left in text`);
    for (const span of spans) {
      const value = text.slice(span.start, span.end);
      if (value.trim() !== value || value.length === 0)
        throw new Error(`${id}: span with outer space "${value}"`);
    }
    documents.push({ id, text, known_names: known, spans });
  }
  return documents;
}

let stale = false;
for (const name of ['dev', 'heldout']) {
  let source;
  try {
    source = readFileSync(path.join(here, `${name}.txt`), 'utf8');
  } catch {
    continue;
  }
  const documents = parseCorpus(source);
  const output = documents.map((document) => JSON.stringify(document)).join('\n') + '\n';
  const target = path.join(here, `${name}.jsonl`);
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* not built yet */
  }
  if (check) {
    if (current !== output) {
      stale = true;
      process.stderr.write(`${name}.jsonl is stale: run node tools/anonymise/corpus/build.mjs\n`);
    }
  } else writeFileSync(target, output);
  const spans = documents.reduce((sum, document) => sum + document.spans.length, 0);
  process.stdout.write(`${name}: ${documents.length} documents, ${spans} gold spans\n`);
}
if (stale) process.exitCode = 1;
