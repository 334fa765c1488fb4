// Post-build step of `nx build client` (issue 16 §1): fails when a library that the sign-in page
// must not carry reaches the initial bundle — the scripts index.html loads and everything they
// import statically. zod stays with the features that parse with it (the shell uses the
// contracts' zod-free checks, libs/contracts/src/lib/plain); @angular/forms with the forms.
// The browser test apps/client-e2e/src/transfer.e2e-spec.ts checks the sign-in page as loaded.
//
// Usage: node tools/scripts/initial-bundle-check.mjs [dir]   (default dist/apps/client/browser)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(root, process.argv[2] ?? 'dist/apps/client/browser');

/** What each library leaves in minified code (class names zod and Angular keep as strings). */
export const FORBIDDEN = {
  zod: /[`'"]\$?Zod(?:Object|Type|String)[`'"]/,
  '@angular/forms': /[`'"]ngNoForm[`'"]/,
};

/** The initial scripts: index.html's scripts and module preloads, and their static imports. */
export function initialScripts(folder) {
  const html = readFileSync(path.join(folder, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(folder, file), 'utf8');
    // Static imports only (`import{a}from"./chunk-X.js"`, `import"./chunk-X.js"`), not import().
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g))
      queue.push(m[1]);
  }
  return [...seen];
}

export function findForbidden(folder) {
  const found = [];
  for (const file of initialScripts(folder)) {
    const code = readFileSync(path.join(folder, file), 'utf8');
    for (const [library, marker] of Object.entries(FORBIDDEN))
      if (marker.test(code)) found.push({ file, library });
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(path.join(dir, 'index.html'))) {
    process.stderr.write(`initial-bundle-check: no index.html in ${dir}\n`);
    process.exit(1);
  }
  const scripts = initialScripts(dir);
  const found = findForbidden(dir);
  if (found.length > 0) {
    for (const { file, library } of found)
      process.stderr.write(`initial-bundle-check: ${library} is in the initial script ${file}\n`);
    process.stderr.write(
      'The app shell must not import it: see docs/operations.md "Client delivery".\n',
    );
    process.exit(1);
  }
  process.stdout.write(
    `initial-bundle-check: ${scripts.length} initial scripts, none carries ${Object.keys(FORBIDDEN).join(' or ')}\n`,
  );
}
