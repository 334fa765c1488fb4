import { CreateInstance1795363975610 } from './1795363975610-CreateInstance';
import { CreateAuditEvent1795364783517 } from './1795364783517-CreateAuditEvent';

/** Every migration in order, listed explicitly (the api is bundled; no globbing). */
export const MIGRATIONS = [CreateInstance1795363975610, CreateAuditEvent1795364783517];
