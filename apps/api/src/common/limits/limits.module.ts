import { Global, Module } from '@nestjs/common';
import { SharedLimits } from './shared-limits';

/** Limits shared by every api instance through Redis (HTTP rate limit, live connections per account). */
@Global()
@Module({ providers: [SharedLimits], exports: [SharedLimits] })
export class LimitsModule {}
