/**
 * Runs the evaluation on the annotated corpora in tools/anonymise/corpus and asserts the targets
 * of issue 14 §3, on the development part and on the held-out part (never tuned on).
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkAnonymiserTargets, evaluateAnonymiser } from './evaluate';
import type { GoldDocument } from './evaluate';

const corpusDir = path.resolve(__dirname, '../../../../../tools/anonymise/corpus');

function load(name: string): GoldDocument[] {
  return readFileSync(path.join(corpusDir, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as GoldDocument);
}

describe.each(['dev', 'heldout'])('anonymiser on the %s corpus', (name) => {
  const documents = load(name);
  const report = evaluateAnonymiser(documents);

  it('has verified gold spans', () => {
    for (const document of documents)
      for (const span of document.spans) {
        expect(span.end).toBeGreaterThan(span.start);
        expect(document.text.slice(span.start, span.end).trim()).toBe(
          document.text.slice(span.start, span.end),
        );
      }
  });

  it('meets the targets: 100 % known names and identifiers, ≥ 97 % other names, precision ≥ 85 %', () => {
    expect(checkAnonymiserTargets(report)).toEqual([]);
    expect(report.recall.name_known?.recallRedacted).toBe(1);
    expect(report.recall.name?.recallRedactedOrFlagged).toBeGreaterThanOrEqual(0.97);
    expect(report.precision.redactions?.precision).toBeGreaterThanOrEqual(0.85);
  });
});

it.each(['dev', 'heldout'])(
  '%s.jsonl is built from its .txt source (same documents, same gold spans)',
  (name) => {
    const source = readFileSync(path.join(corpusDir, `${name}.txt`), 'utf8');
    const documents = load(name);
    expect(documents.map((document) => document.id)).toEqual(
      [...source.matchAll(/^=== (.+)$/gm)].map((match) => (match[1] as string).trim()),
    );
    const marked = [...source.matchAll(/\[\[([^|\]]+)\|([a-z_]+)\]\]/g)].map(
      (match) => `${match[2]}:${match[1]}`,
    );
    const built = documents.flatMap((document) =>
      document.spans.map((span) => `${span.label}:${document.text.slice(span.start, span.end)}`),
    );
    expect(built).toEqual(marked);
  },
);

it('the development corpus holds at least 300 labelled spans', () => {
  expect(
    load('dev').reduce((sum, document) => sum + document.spans.length, 0),
  ).toBeGreaterThanOrEqual(300);
});

it('checkAnonymiserTargets reports a missed known name', () => {
  const report = evaluateAnonymiser([
    {
      id: 'x',
      text: 'Zxqw belde.',
      known_names: [],
      spans: [{ start: 0, end: 4, label: 'name_known' }],
    },
  ]);
  expect(checkAnonymiserTargets(report)).toEqual([expect.stringContaining('name_known')]);
});
