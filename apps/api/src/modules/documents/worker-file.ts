import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER = 'documents.worker';

/**
 * The document worker script. In the built api it lies next to the bundle
 * (dist/apps/api/documents.worker.mjs, an entry point of apps/api/build.mjs). When the api
 * runs from source (Jest with swc), Node cannot run the TypeScript worker with its path
 * aliases, so it is bundled once with esbuild (a dev dependency, never loaded by the built
 * api) into node_modules/.cache, where its npm imports resolve as in the build.
 */
export async function documentsWorkerFile(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.join(here, `${WORKER}.mjs`);
  if (existsSync(bundled)) return bundled;
  const source = path.join(here, `${WORKER}.ts`);
  if (!existsSync(source)) throw new Error(`Document worker not found: ${bundled}`);
  const root = path.resolve(here, '../../../../..');
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    packages: 'external',
    tsconfig: path.join(root, 'apps/api/tsconfig.app.json'),
    // As apps/api/build.mjs: rrule's CommonJS entry hides its named exports from Node's ESM.
    plugins: [
      {
        name: 'bundled-esm',
        setup(build) {
          build.onResolve({ filter: /^rrule$/ }, () => ({
            path: path.join(root, 'node_modules/rrule/dist/esm/index.js'),
          }));
        },
      },
    ],
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no document worker');
  const dir = path.join(root, 'node_modules/.cache/casustafel-api');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${WORKER}.mjs`);
  // Written aside, then renamed: parallel test processes never see a half-written file.
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, output.contents);
  await rename(temporary, file);
  return file;
}
