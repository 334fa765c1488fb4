import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig } from './config/app-config';
import { ConfigError, parseEnv } from './config/env.schema';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = new AppConfig(parseEnv(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }

  const app = await createApp(config);
  const logger = new Logger('Main');
  // Graceful shutdown: stop accepting, let requests finish, close sockets, then the database.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log({ signal }, 'Shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    app.close().then(
      () => {
        clearTimeout(timer);
        logger.log('Stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log({ url, engine: config.database.engine }, `Casustafel is running at ${url}`);
}

main().catch((error: unknown) => {
  // Startup failed (database unreachable, port in use…): one line, no stack trace.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Casustafel could not start: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
