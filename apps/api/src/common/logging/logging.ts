import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { type DestinationStream, stdSerializers } from 'pino';
import type { AppConfig } from '../../config/app-config';
import { sqlStateOf } from '../errors/database-outage';

/**
 * An error as the log may hold it. A database error's message, detail, query and parameters
 * echo the values of the statement (a client's text, a BSN): only its kind, SQLSTATE and the
 * schema objects it names are kept. Other errors keep pino's standard form.
 */
export function logSafeError(err: unknown): unknown {
  if (typeof err !== 'object' || err === null) return err;
  const sqlState = sqlStateOf(err);
  if (sqlState === null) return stdSerializers.err(err as Error);
  const e = err as Record<string, unknown>;
  const driver = (e['driverError'] ?? {}) as Record<string, unknown>;
  const pick = (key: string) => {
    const value = e[key] ?? driver[key];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    type: (err as Error).constructor?.name ?? 'Error',
    sqlState,
    table: pick('table'),
    column: pick('column'),
    constraint: pick('constraint'),
    routine: pick('routine'),
  };
}

/**
 * JSON logs through pino, one line per event, the request id on every line logged during a
 * request. Requests are logged as method + path (no query string, no headers, no body): no
 * personal data and no session cookie ever reach the log.
 */
export function loggingParams(config: AppConfig, stream?: DestinationStream): Params {
  const options = {
    level: config.logLevel,
    base: { service: 'casustafel-api' },
    messageKey: 'msg',
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
    customAttributeKeys: { reqId: 'requestId' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: logSafeError,
    },
    // A 503 (database or a dependency briefly gone) is logged once per outage by its filter,
    // not as an error per request.
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      res.statusCode === 503
        ? 'info'
        : err || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : 'info',
    redact: { paths: ['req.headers', 'res.headers'], remove: true },
  };
  return { pinoHttp: stream ? [options, stream] : options, renameContext: 'context' };
}
