import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../../config/app-config';

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
