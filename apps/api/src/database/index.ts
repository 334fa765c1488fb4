/**
 * The database module's interface for the rest of the api. Feature modules import from here
 * (`../../database`), never from a file inside this folder (lint enforces it):
 * - `DatabaseModule.forRoot(entities)` — TypeORM on PostgreSQL (DATABASE_URL) or the embedded
 *   PGlite (DATA_DIR) in a worker thread; the app composes the modules' entities
 *   (`src/entities.ts`); migrations live in `database/migrations` as one ordered history.
 * - `DatabaseAnswers` — lets a transport settle the embedded database's waiting answers between
 *   two packets (a no-op on PostgreSQL).
 * - error classification: unique violations, connection loss, bad input (SQLSTATE classes).
 */
export { DatabaseModule, EMBEDDED_DATABASE } from './database.module';
export { DatabaseAnswers } from './database-answers';
export { databaseError, isUniqueViolation } from './database-errors';
