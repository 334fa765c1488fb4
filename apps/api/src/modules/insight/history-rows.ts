import type { EntityManager } from 'typeorm';

/** A value of one column in a bulk INSERT. */
export type Value = string | number | boolean | null | Date;

/** INSERT of many rows in chunks (parameter limit 65,535 per statement). */
export async function insertRows(
  db: EntityManager,
  table: string,
  columns: string[],
  rows: Value[][],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: Value[] = [];
    const tuples = chunk.map((row) => {
      const marks = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    await db.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples.join(', ')}`,
      params,
    );
  }
}
