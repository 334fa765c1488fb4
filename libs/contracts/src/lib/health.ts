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

/** `GET /api/ready`: readiness. 200 when every dependency answers, 503 otherwise. */
export const readyResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: readinessCheckSchema.extend({ engine: databaseEngineSchema }),
  }),
  instance: z
    .object({
      id: z.uuid(),
      createdAt: z.iso.datetime(),
      schemaVersion: z.string(),
    })
    .nullable(),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
