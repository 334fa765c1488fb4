import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditAttribution } from './audit-attribution';
import { AuditEventEntity } from './audit-event.entity';
import { AuditScopeResolver } from './audit-scope';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/**
 * The NEN 7513 audit log. Global: every module injects `AuditService` without importing this
 * one. The accounts feature replaces `AuditScopeResolver` with one reading the session.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEventEntity])],
  controllers: [AuditController],
  providers: [AuditService, AuditScopeResolver, AuditAttribution],
  exports: [AuditService, AuditAttribution],
})
export class AuditModule {}
