import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { AppConfig } from './config/app-config';
import { ConfigError, parseEnv } from './config/env.schema';
import { LiveConnections } from './modules/live/live-link';

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
  const live = app.get(LiveConnections);
  // Graceful shutdown: live clients first (they reconnect to another instance at once rather
  // than wait while this one finishes its work, e.g. on a database that hangs), then stop
  // accepting, let requests finish, flush and close the database.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const liveConnections = live.closeAll();
    logger.log({ signal, liveConnections }, 'Shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'Shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    app.close().then(
      () => {
        clearTimeout(timer);
        logger.log('Stopped');
        // No process.exit() here: pino writes stdout asynchronously, and exiting at once
        // flushes the buffer synchronously past a write still in flight, which can put
        // "Stopped" in the log before the lines above it. Let the pending writes finish; the
        // unref'd timer only fires should some handle still keep the process alive.
        process.exitCode = 0;
        setTimeout(() => process.exit(0), 2_000).unref();
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
