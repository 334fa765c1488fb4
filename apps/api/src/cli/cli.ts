import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ConfigError, parseEnv } from '../config/env.schema';
import { emailSchema } from '@casustafel/contracts';
import { describeVerification, verifyAuditChain } from '../modules/audit/audit-verify';
import { AuditService } from '../modules/audit/audit.service';
import { OrganisationEntity } from '../modules/identity/organisation.entity';
import { NEW_ACCOUNT, UserEntity } from '../modules/identity/user.entity';
import { DataDirLockedError } from '../database/data-dir-lock';
import { buildDataSourceOptions } from '../database/data-source-options';
import {
  BackupError,
  type DataDirInspection,
  backupEmbedded,
  restoreEmbedded,
} from './embedded-backup';
import { EmbeddedDatabase } from '../database/embedded-database';
import { ENTITIES } from '../entities';
import { migrationSource, schemaDiff } from '../database/schema-drift';

/**
 * Database commands, on whichever engine the environment selects (DATABASE_URL or DATA_DIR):
 *   migrate               apply pending migrations
 *   drift-check           fail (exit 1) when the entities differ from what the migrations build
 *   generate <PascalName> write a migration for the difference into apps/api/src/database/migrations
 *   audit-verify          walk the audit log's hash chain; exit 1 at the first tampered row
 *   backup --to FILE      embedded database only, api stopped: archive DATA_DIR, then verify it
 *   restore --from FILE   embedded database only: unpack into an empty DATA_DIR, then verify it
 */
async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  const config = new AppConfig(parseEnv(process.env));
  if (command === 'backup' || command === 'restore') return backupOrRestore(command, config);
  const embedded =
    config.database.engine === 'pglite'
      ? await EmbeddedDatabase.open(config.database.dataDir)
      : null;
  const options = buildDataSourceOptions(config.database, embedded, ENTITIES);
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
      case 'bootstrap': {
        const [organisationName, email, displayName] = process.argv.slice(3);
        const parsedEmail = emailSchema.safeParse(email);
        if (!organisationName || !parsedEmail.success || !displayName) {
          process.stderr.write(
            'Usage: bootstrap "<organisation name>" <admin e-mail> "<admin name>"\n',
          );
          return 2;
        }
        const dataSource = await new DataSource(options).initialize();
        try {
          const activation = await bootstrapOrganisation(
            dataSource,
            organisationName,
            parsedEmail.data,
            displayName,
          );
          if (!activation) {
            process.stderr.write('An account with this e-mail address exists; nothing changed\n');
            return 1;
          }
          process.stdout.write(
            `Organisation created. The administrator activates the account (valid 7 days) at:\n${new URL(activation, config.publicUrl).toString()}\n`,
          );
          return 0;
        } finally {
          await dataSource.destroy();
        }
      }
      default:
        process.stderr.write(
          'Usage: cli.mjs migrate | drift-check | generate <PascalCaseName> | audit-verify | bootstrap <org> <email> <name> | backup --to FILE | restore --from FILE\n',
        );
        return 2;
    }
  } finally {
    await embedded?.close();
  }
}

/** The value after `flag` in the arguments, e.g. `--to backup.tar.gz`. */
function option(flag: string): string | null {
  const args = process.argv.slice(3);
  const at = args.indexOf(flag);
  const value = at >= 0 ? args[at + 1] : undefined;
  return value && !value.startsWith('--') ? value : null;
}

function describeInspection(inspection: DataDirInspection): string {
  const rows = Object.entries(inspection.rows)
    .filter(([table]) => table !== 'migrations')
    .reduce((sum, [, n]) => sum + n, 0);
  return `${inspection.migrations} migration(s), ${rows} row(s), ${describeVerification(inspection.audit).line}`;
}

/**
 * Backup and restore of the embedded database (PostgreSQL: pg_dump / pg_restore, see
 * docs/operations.md). Both refuse while another process (the api) has the data directory open.
 */
async function backupOrRestore(command: 'backup' | 'restore', config: AppConfig): Promise<number> {
  if (config.database.engine !== 'pglite') {
    process.stderr.write(
      `${command} is for the embedded database; with DATABASE_URL use pg_dump / pg_restore (docs/operations.md)\n`,
    );
    return 2;
  }
  const file = option(command === 'backup' ? '--to' : '--from');
  if (!file) {
    process.stderr.write(`Usage: ${command} ${command === 'backup' ? '--to' : '--from'} FILE\n`);
    return 2;
  }
  try {
    if (command === 'backup') {
      const summary = await backupEmbedded(config.database.dataDir, path.resolve(file));
      process.stdout.write(
        `Backup written to ${summary.file} (${summary.bytes} bytes, sha256 ${summary.sha256}) and verified: ${describeInspection(summary)}\n`,
      );
    } else {
      const inspection = await restoreEmbedded(path.resolve(file), config.database.dataDir);
      process.stdout.write(
        `Restored into ${config.database.dataDir} and verified: ${describeInspection(inspection)}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * First start of a real installation: an organisation and its first administrator, who sets a
 * password through the printed activation link and then enrols a second factor. Audited.
 */
async function bootstrapOrganisation(
  dataSource: DataSource,
  organisationName: string,
  email: string,
  displayName: string,
): Promise<string | null> {
  if (await dataSource.getRepository(UserEntity).existsBy({ email })) return null;
  const token = randomBytes(32).toString('base64url');
  const audit = new AuditService(dataSource);
  await dataSource.transaction(async (manager) => {
    const organisation = await manager.save(
      manager.create(OrganisationEntity, {
        name: organisationName.slice(0, 120),
        kind: 'gemeente',
        isDemo: false,
      }),
    );
    const user = await manager.save(
      manager.create(UserEntity, {
        ...NEW_ACCOUNT,
        organisationId: organisation.id,
        email,
        displayName: displayName.slice(0, 120),
        discipline: 'beleidsmedewerker',
        orgAdmin: true,
        activationTokenHash: createHash('sha256').update(token).digest('hex'),
        activationExpiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
      }),
    );
    await audit.record(
      {
        action: 'user.invite',
        outcome: 'allowed',
        actor: { userId: null, role: 'system', organisationId: organisation.id },
        object: { type: 'user', id: user.id },
        purpose: 'bootstrap',
        channel: 'system',
        source: { ip: null },
      },
      manager,
    );
  });
  return `/activeren#${token}`;
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
