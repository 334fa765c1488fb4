import * as z from 'zod';

export const databaseEngineSchema = z.enum(['pglite', 'postgres']);
export type DatabaseEngine = z.infer<typeof databaseEngineSchema>;

/** `GET /api/health`: liveness. Answers as long as the process runs. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const readinessCheckSchema = z.object({
  status: z.enum(['up', 'down']),
  latencyMs: z.number().nonnegative().nullable(),
});

/** How the live rooms reach the other api instances (`disabled`: one instance, no Redis). */
export const redisLinkCheckSchema = z.object({
  status: z.enum(['up', 'down', 'disabled']),
  downSince: z.iso.datetime().nullable(),
});

/**
 * `GET /api/ready`: readiness. 200 when the instance can serve (its database answers), 503
 * otherwise. Anonymous callers get `status` only; an authorised operator also gets what is
 * `degraded` (e.g. `redis`: live rooms reach this instance's sockets only), the checks and the
 * instance.
 */
export const readyResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  degraded: z.array(z.enum(['redis'])).optional(),
  checks: z
    .object({
      database: readinessCheckSchema.extend({ engine: databaseEngineSchema }),
      redis: redisLinkCheckSchema.optional(),
    })
    .optional(),
  instance: z
    .object({
      id: z.uuid(),
      createdAt: z.iso.datetime(),
      schemaVersion: z.string(),
    })
    .nullable()
    .optional(),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
