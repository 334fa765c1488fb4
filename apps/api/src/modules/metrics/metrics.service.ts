import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, type Metric, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { SharedLimits } from '../../common/limits/shared-limits';
import { AppConfig } from '../../config/app-config';

/** The `route` label of requests outside the api (the client and its assets). */
export const CLIENT_ROUTE = 'client';
/** The `route` label of requests that matched no route (404 before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/** One value of a gauge registered by another module (see `registerGauge`). */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

export interface GaugeRegistration {
  /** A Prometheus name: `casustafel_<area>_<what>[_<unit>]`, e.g. `casustafel_jobs_queued`. */
  name: string;
  help: string;
  labelNames?: readonly string[];
  /** Read at every scrape: one number, or one sample per label set. */
  collect: () => number | GaugeSample[] | Promise<number | GaugeSample[]>;
}

/** What `pg.Pool` (TypeORM's postgres driver, also on the embedded engine) tells of itself. */
interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

const REQUEST_START = Symbol('metricsRequestStart');

/**
 * The api's Prometheus metrics on a registry of its own (one per app, so tests can run several
 * apps in one process): Node's defaults (event-loop lag, heap, GC, CPU), HTTP latency per route
 * template, live sockets and rooms, the database pool, the state of Redis, and gauges other
 * modules register (`registerGauge`, e.g. the job queue's depth). See docs/operations.md.
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly limits: SharedLimits,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.registry.setDefaultLabels({ service: 'casustafel' });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.httpDuration = new Histogram({
      name: 'casustafel_http_request_duration_seconds',
      help: 'Time from request to response, by route template (never the raw URL: no ids)',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.registerGauge({
      name: 'casustafel_live_sockets',
      help: 'Live (socket.io) connections open on this instance',
      collect: () => this.limits.liveSockets.localSockets(),
    });
    this.registerGauge({
      name: 'casustafel_live_rooms',
      help: 'Live rooms with at least one socket on this instance, by kind (meeting, note, user…)',
      labelNames: ['kind'],
      collect: () =>
        [...this.limits.liveSockets.localRooms()].map(([kind, value]) => ({
          labels: { kind },
          value,
        })),
    });
    this.registerGauge({
      name: 'casustafel_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting = queries queued for one)',
      labelNames: ['state'],
      collect: () => this.poolSamples(),
    });
    if (config.redis)
      this.registerGauge({
        name: 'casustafel_redis_up',
        help: 'Redis (REDIS_URL) reachable: 1 connected, 0 degraded (limits count per instance)',
        collect: () => (this.limits.state() === 'connected' ? 1 : 0),
      });
  }

  /**
   * Registers a gauge read at every scrape (the hook for other modules, e.g. the job queue:
   * `metrics.registerGauge({ name: 'casustafel_jobs_queued', help, labelNames: ['queue'],
   * collect: async () => [...] })`). Returns the gauge; the same name twice throws.
   */
  registerGauge(registration: GaugeRegistration): Gauge<string> {
    const { collect } = registration;
    return new Gauge({
      name: registration.name,
      help: registration.help,
      labelNames: registration.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        this.reset();
        const value = await collect();
        if (typeof value === 'number') this.set(value);
        else for (const sample of value) this.set(sample.labels ?? {}, sample.value);
      },
    });
  }

  /** Registers any prom-client metric (counters, histograms) on this app's registry. */
  register<T extends Metric>(metric: T): T {
    this.registry.registerMetric(metric);
    return metric;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request: FastifyRequest) => {
      (request as FastifyRequest & { [REQUEST_START]?: bigint })[REQUEST_START] =
        process.hrtime.bigint();
    });
    fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const started = (request as FastifyRequest & { [REQUEST_START]?: bigint })[REQUEST_START];
      if (started === undefined) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.httpDuration.observe(
        {
          method: request.method,
          route: routeLabel(request),
          status_code: String(reply.statusCode),
        },
        seconds,
      );
    });
  }

  /** The exposition text (`text/plain; version=0.0.4`). */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** True when the app serves metrics at all (METRICS_PORT or METRICS_TOKEN). */
  get enabled(): boolean {
    return this.config.metrics.port !== null || this.config.metrics.token !== null;
  }

  private poolSamples(): GaugeSample[] {
    if (!this.dataSource.isInitialized) return [];
    const pool = (this.dataSource.driver as unknown as { master?: Partial<PoolLike> }).master;
    if (!pool || typeof pool.totalCount !== 'number') return [];
    return [
      { labels: { state: 'total' }, value: pool.totalCount },
      { labels: { state: 'idle' }, value: pool.idleCount ?? 0 },
      { labels: { state: 'waiting' }, value: pool.waitingCount ?? 0 },
    ];
  }
}

/**
 * The route template Fastify matched (`/api/meetings/:meetingId`), so a label never holds an
 * id; the client's routes and files are one label, a request no route matched another.
 */
export function routeLabel(request: FastifyRequest): string {
  const template = request.routeOptions.url;
  if (!template) return UNMATCHED_ROUTE;
  if (template === '/api' || template.startsWith('/api/') || template === '/metrics')
    return template;
  return CLIENT_ROUTE;
}
