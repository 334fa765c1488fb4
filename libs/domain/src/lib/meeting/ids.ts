import * as z from 'zod';

/**
 * Ids of meetings, agenda items, users, preparations, decisions and actions as they travel in
 * meeting payloads: opaque, 1–64 characters of `[A-Za-z0-9_-]` (uuids fit). Bounded so that no
 * payload can carry an arbitrarily large id.
 */
export const entityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'invalid-id' });
