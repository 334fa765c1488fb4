/** What PostgreSQL said about a failed statement (TypeORM's `QueryFailedError.driverError`). */
export interface DatabaseErrorDetails {
  code?: string;
  message?: string;
  constraint?: string;
}

/** The database's error behind a TypeORM error, if there is one. */
export function databaseError(error: unknown): DatabaseErrorDetails | undefined {
  return (error as { driverError?: DatabaseErrorDetails } | null)?.driverError;
}

/** A unique (or primary key) violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driver = databaseError(error);
  return driver?.code === '23505' && (constraint === undefined || driver.constraint === constraint);
}
