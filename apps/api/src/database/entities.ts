import { AuditEventEntity } from '../modules/audit/audit-event.entity';
import { InstanceEntity } from '../modules/instance/instance.entity';

/** Every entity, listed explicitly (the api is bundled; no globbing). */
export const ENTITIES = [InstanceEntity, AuditEventEntity];
