import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HealthResponse, ReadyResponse } from '@casustafel/contracts';
import { AppConfig } from '../../config/app-config';
import { InstanceService } from '../instance/instance.service';
import { LiveConnections, LiveRedisStatus } from '../live/live-link';

const READY_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly instances: InstanceService,
    private readonly redis: LiveRedisStatus,
    private readonly live: LiveConnections,
  ) {}

  health(): HealthResponse {
    return {
      status: 'ok',
      version: this.config.version,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  /**
   * Ready when the database answers a query within the timeout and the instance is not
   * shutting down. Redis is not required: without
   * it the live rooms reach this instance's sockets only, which `degraded` says.
   */
  async ready(): Promise<ReadyResponse> {
    const started = performance.now();
    let up = false;
    try {
      up = this.dataSource.isInitialized && (await this.pingDatabase());
    } catch {
      up = false;
    }
    const instance = this.instances.get();
    const redis = this.redis.state();
    return {
      // Shutting down: not ready, so a load balancer sends nobody here any more.
      status: up && !this.live.closing ? 'ready' : 'not_ready',
      degraded: redis.status === 'down' ? ['redis'] : [],
      checks: {
        redis: { status: redis.status, downSince: redis.downSince?.toISOString() ?? null },
        database: {
          status: up ? 'up' : 'down',
          engine: this.config.database.engine,
          latencyMs: up ? Math.round((performance.now() - started) * 10) / 10 : null,
        },
      },
      instance: instance
        ? {
            id: instance.id,
            createdAt: instance.createdAt.toISOString(),
            schemaVersion: instance.schemaVersion,
          }
        : null,
    };
  }

  private async pingDatabase(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        this.dataSource.query('SELECT 1 AS ok').then((rows: { ok: number }[]) => rows[0]?.ok === 1),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
