import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { LIVE_PATH } from '@casustafel/contracts';
import type { AppConfig } from '../../config/app-config';

/**
 * socket.io server settings for `/live`: a message size limit, the Origin allowlist checked at
 * the handshake (a browser always sends Origin on WebSocket; a request without one is refused),
 * no client bundle served, no CORS beyond the allowlist.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly handshakeLogger = new Logger('LiveIoAdapter');

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: Partial<ServerOptions>): Server {
    const allowed = new Set(this.config.allowedOrigins);
    return super.createIOServer(port, {
      ...(options as ServerOptions),
      path: LIVE_PATH,
      serveClient: false,
      maxHttpBufferSize: this.config.liveMaxMessageBytes,
      pingInterval: 10_000,
      pingTimeout: 5_000,
      cors: { origin: [...allowed], credentials: true },
      allowRequest: (
        req: IncomingMessage,
        callback: (err: string | null, success: boolean) => void,
      ) => {
        const origin = req.headers.origin;
        if (origin && allowed.has(origin)) return callback(null, true);
        this.handshakeLogger.warn(
          { origin: origin ?? null },
          'Live handshake refused: origin not allowed',
        );
        callback('origin not allowed', false);
      },
    });
  }
}
