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
import { UserEntity } from '../modules/identity/user.entity';
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
          'Usage: cli.mjs migrate | drift-check | generate <PascalCaseName> | audit-verify | bootstrap <org> <email> <name>\n',
        );
        return 2;
    }
  } finally {
    await embedded?.close();
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
        organisationId: organisation.id,
        email,
        displayName: displayName.slice(0, 120),
        discipline: 'beleidsmedewerker',
        orgAdmin: true,
        passwordHash: null,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        activationTokenHash: createHash('sha256').update(token).digest('hex'),
        activationExpiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
        disabledAt: null,
        lastLoginAt: null,
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
