import { Global, Module } from '@nestjs/common';
import { MetricsEndpoint } from './metrics.endpoint';
import { MetricsService } from './metrics.service';

/** Prometheus metrics; `MetricsService` is global so any module can register its gauges. */
@Global()
@Module({ providers: [MetricsService, MetricsEndpoint], exports: [MetricsService] })
export class MetricsModule {}
