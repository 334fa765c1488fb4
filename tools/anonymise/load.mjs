// Loads the anonymiser (libs/domain/src/lib/anonymise, TypeScript) without a build step:
// esbuild bundles it in memory (it has no imports outside its folder) and Node imports the
// result from a data: URL. Used by the CLI and the benchmark.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadAnonymiser() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'libs/domain/src/lib/anonymise/index.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2023',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}
