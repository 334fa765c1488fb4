import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigError, parseEnv } from '../config/env.schema';
import { describeVerification, verifyAuditChain } from '../modules/audit/audit-verify';
import { buildDataSourceOptions } from './data-source-options';
import { EmbeddedDatabase } from './embedded-database';
import { migrationSource, schemaDiff } from './schema-drift';

/**
 * Database commands, on whichever engine the environment selects (DATABASE_URL or DATA_DIR):
 *   migrate               apply pending migrations
 *   drift-check           fail (exit 1) when the entities differ from what the migrations build
 *   generate <PascalName> write a migration for the difference into apps/api/src/database/migrations
 *   audit-verify          walk the audit log's hash chain; exit 1 at the first tampered row
 */
async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const config = new AppConfig(parseEnv(process.env));
  const embedded =
    config.database.engine === 'pglite'
      ? await EmbeddedDatabase.open(config.database.dataDir)
      : null;
  const options = buildDataSourceOptions(config.database, embedded);
  try {
    switch (command) {
      case 'migrate': {
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        await dataSource.destroy();
        process.stdout.write(
          `Applied ${applied.length} migration(s) on ${config.database.engine}\n`,
        );
        return 0;
      }
      case 'drift-check': {
        const diff = await schemaDiff(options);
        if (diff.up.length === 0) {
          process.stdout.write(
            `No schema drift on ${config.database.engine}: migrations match the entities\n`,
          );
          return 0;
        }
        process.stderr.write(
          `Schema drift on ${config.database.engine}: entities changed without a migration. Missing SQL:\n` +
            diff.up.map((q) => `  ${q}`).join('\n') +
            '\nRun: npx nx run api:migration-generate --name=DescribeTheChange\n',
        );
        return 1;
      }
      case 'generate': {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
          process.stderr.write('Usage: generate <PascalCaseName>\n');
          return 2;
        }
        const diff = await schemaDiff(options);
        if (diff.up.length === 0) {
          process.stdout.write('No changes: nothing to generate\n');
          return 0;
        }
        const timestamp = Date.now();
        const file = path.resolve('apps/api/src/database/migrations', `${timestamp}-${name}.ts`);
        await writeFile(file, migrationSource(name, timestamp, diff));
        process.stdout.write(
          `Wrote ${path.relative(process.cwd(), file)}; add it to migrations/index.ts\n`,
        );
        return 0;
      }
      case 'audit-verify': {
        // Read only: no migrations run, nothing written.
        const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
        try {
          const { code, line } = describeVerification(await verifyAuditChain(dataSource));
          (code === 0 ? process.stdout : process.stderr).write(`${line}\n`);
          return code;
        } finally {
          await dataSource.destroy();
        }
      }
      default:
        process.stderr.write(
          'Usage: cli.mjs migrate | drift-check | generate <PascalCaseName> | audit-verify\n',
        );
        return 2;
    }
  } finally {
    await embedded?.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message.split('\n')[0]}\n`);
    process.exit(1);
  },
);
