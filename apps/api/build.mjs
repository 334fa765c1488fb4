// Bundles the api (and its database CLI) into ESM files under dist/apps/api.
// swc compiles each TypeScript file first, because esbuild cannot emit the decorator
// metadata NestJS and TypeORM rely on; esbuild then bundles the workspace code and leaves
// every npm package external (resolved from node_modules at run time).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const watch = process.argv.includes('--watch');
const run = process.argv.includes('--run');

const swcDecorators = {
  name: 'swc-decorators',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const output = await transform(source, {
        filename: args.path,
        sourceMaps: 'inline',
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          target: 'es2023',
          keepClassNames: true,
        },
        module: { type: 'es6' },
      });
      return { contents: output.code, loader: 'js' };
    });
  },
};

// Packages whose CommonJS entry hides named exports from Node's ESM loader (rrule ships a UMD
// `main` and an ESM `module`): bundle their ESM build instead of leaving them external.
const bundledEsm = {
  name: 'bundled-esm',
  setup(build) {
    build.onResolve({ filter: /^rrule$/ }, () => ({
      path: path.join(root, 'node_modules/rrule/dist/esm/index.js'),
    }));
  },
};

let child = null;
const restart = {
  name: 'restart',
  setup(build) {
    build.onEnd((result) => {
      if (!run || result.errors.length > 0) return;
      child?.kill('SIGTERM');
      // As `npm start` (README, "Benchmark": one background thread for V8's garbage collector).
      child = spawn(
        process.execPath,
        ['--enable-source-maps', '--v8-pool-size=1', 'dist/apps/api/main.mjs'],
        {
          cwd: root,
          stdio: 'inherit',
        },
      );
    });
  },
};

const options = {
  absWorkingDir: root,
  entryPoints: {
    main: 'apps/api/src/main.ts',
    cli: 'apps/api/src/cli/cli.ts',
    // Its own file: the documents worker pool starts it in worker threads (DocumentsService).
    'documents.worker': 'apps/api/src/modules/documents/documents.worker.ts',
  },
  outdir: 'dist/apps/api',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  tsconfig: 'apps/api/tsconfig.app.json',
  sourcemap: true,
  keepNames: true,
  logLevel: 'warning',
  plugins: [bundledEsm, swcDecorators, restart],
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
