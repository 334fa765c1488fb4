// `npm run anonymise`: JSON lines in, JSON lines out (issue 14 §3).
//
//   stdin   {"id","text","known_names":["Voornaam Achternaam",…]}   one object per line
//   stdout  {"id","redacted","spans":[{"start","end","label"}]}       offsets: JS string indices
//
// `npm run anonymise -- --evaluate` reads lines that also carry gold "spans" and prints recall
// (per category: redacted, and redacted-or-flagged) and precision (per predicted label), then
// whether the targets are met (exit 1 if not). `--misses` lists what was missed,
// `--json` prints the report as JSON. Files can be given instead of stdin:
// `npm run anonymise -- --evaluate tools/anonymise/corpus/dev.jsonl`.
import { readFileSync } from 'node:fs';
import { loadAnonymiser } from './load.mjs';

const args = process.argv.slice(2);
const evaluateMode = args.includes('--evaluate');
const showMisses = args.includes('--misses');
const asJson = args.includes('--json');
const files = args.filter((arg) => !arg.startsWith('--'));

async function readInput() {
  if (files.length > 0) return files.map((file) => readFileSync(file, 'utf8')).join('\n');
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function parseLines(input) {
  const lines = input.split('\n').filter((line) => line.trim().length > 0);
  return lines.map((line, index) => {
    try {
      return JSON.parse(line);
    } catch {
      process.stderr.write(`regel ${index + 1}: geen geldige JSON\n`);
      process.exit(2);
    }
  });
}

const pct = (value) => `${(value * 100).toFixed(1)} %`;

const { ANONYMISE_LABELS, anonymise, evaluateAnonymiser, checkAnonymiserTargets } =
  await loadAnonymiser();
const records = parseLines(await readInput());

if (!evaluateMode) {
  for (const record of records) {
    const result = anonymise(String(record.text ?? ''), { names: record.known_names ?? [] });
    const spans = result.spans.map(({ start, end, label }) => ({ start, end, label }));
    process.stdout.write(
      `${JSON.stringify({ id: record.id, redacted: result.redacted, spans })}\n`,
    );
  }
} else {
  const report = evaluateAnonymiser(
    records.map((record) => ({ ...record, spans: record.spans ?? [] })),
  );
  const failures = checkAnonymiserTargets(report);
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ ...report, failures }, null, 2)}\n`);
  } else {
    const out = [];
    out.push(`${report.documents} teksten, ${report.goldSpans} gelabelde spans`);
    out.push('');
    out.push('recall per category          gold  redacted  redacted+flagged');
    // Every gold category (a candidate is never gold), then all together.
    const order = [...ANONYMISE_LABELS.filter((label) => label !== 'candidate'), 'overall'];
    for (const label of order) {
      const score = report.recall[label];
      if (!score) continue;
      out.push(
        `  ${label.padEnd(26)} ${String(score.gold).padStart(4)}  ${pct(score.recallRedacted).padStart(8)}  ${pct(score.recallRedactedOrFlagged).padStart(16)}`,
      );
    }
    out.push('');
    out.push('precision per predicted label  predicted  correct  precision');
    for (const [label, score] of Object.entries(report.precision).sort()) {
      out.push(
        `  ${label.padEnd(28)} ${String(score.predicted).padStart(9)}  ${String(score.correct).padStart(7)}  ${pct(score.precision).padStart(9)}`,
      );
    }
    out.push('');
    out.push(
      failures.length === 0 ? 'targets met' : `targets NOT met:\n  ${failures.join('\n  ')}`,
    );
    if (showMisses) {
      out.push('', 'missed (not redacted):');
      for (const miss of report.misses)
        out.push(`  ${miss.id}  ${miss.label}  "${miss.text}"${miss.flagged ? '  (flagged)' : ''}`);
      out.push('', 'false positives:');
      for (const fp of report.falsePositives) out.push(`  ${fp.id}  ${fp.label}  "${fp.text}"`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  }
  process.exitCode = failures.length === 0 ? 0 : 1;
}
