/**
 * Small-cell suppression for management information (DESIGN.md: "aggregates with small cells
 * suppressed"). A count of people between 1 and k − 1 could point at one household in a small
 * team, so it is hidden (primary suppression). A hidden cell must not be recoverable from what is
 * shown: every row or column that carries a total is one equation (cells add up to the total),
 * and an equation with exactly one unknown gives it away. So in every such line either nothing
 * or at least two entries are hidden (secondary suppression): the smallest other non-zero cell,
 * or else the line's total. Figures derived from a table (group sums, shares) are computed only
 * from shown cells: a derived figure with a hidden part is hidden itself, so it adds nothing to
 * what the table already shows.
 */

export const DEFAULT_MIN_CELL = 5;

/** One row of a count table before suppression. */
export interface CountRowInput {
  key: string;
  values: readonly number[];
  /**
   * The row's total when it is not the sum of its cells (a distinct count over periods: a case
   * discussed in March and in April is one case). Such a total is no equation: it is only
   * checked on its own.
   */
  distinctTotal?: number;
  /** Counts of people are sensitive (the default); counts of meetings are not. */
  sensitive?: boolean;
}

export interface CountTableInput {
  columns: readonly string[];
  rows: readonly CountRowInput[];
  /** Whether a total per column (and a grand total) is shown: the sum over the rows. */
  columnTotals: boolean;
}

/** A shown table: `null` is a hidden (suppressed) value. */
export interface SuppressedRow {
  key: string;
  values: (number | null)[];
  total: number | null;
}

export interface SuppressedTable {
  columns: string[];
  rows: SuppressedRow[];
  /** Totals per column, or null when the table has none. */
  totals: (number | null)[] | null;
  /** The grand total, or null when hidden or absent (`totals` null). */
  total: number | null;
  /** How many values (cells and totals) are hidden. */
  hidden: number;
}

interface Entry {
  value: number;
  hidden: boolean;
  margin: boolean;
  sensitive: boolean;
}

/**
 * Hides counts of 1 … k − 1 and then, line by line, enough further entries that no hidden value
 * can be computed back from one line's total. Zero is shown: it points at nobody.
 */
export function suppressCounts(table: CountTableInput, k: number): SuppressedTable {
  const minCell = Math.max(1, Math.floor(k));
  const small = (e: Entry) => e.sensitive && e.value > 0 && e.value < minCell;
  const entry = (value: number, margin: boolean, sensitive: boolean): Entry => {
    const e = { value, hidden: false, margin, sensitive };
    e.hidden = small(e);
    return e;
  };
  const rows = table.rows.map((row) => {
    const sensitive = row.sensitive ?? true;
    const cells = row.values.map((v) => entry(v, false, sensitive));
    const additive = row.distinctTotal === undefined;
    const total = entry(
      additive ? row.values.reduce((a, b) => a + b, 0) : (row.distinctTotal as number),
      additive,
      sensitive,
    );
    return { key: row.key, cells, total, additive };
  });
  const columnTotals = table.columnTotals
    ? table.columns.map((_, j) =>
        entry(
          rows.reduce((sum, row) => sum + (row.cells[j]?.value ?? 0), 0),
          true,
          rows.some((row) => row.cells[j]?.sensitive),
        ),
      )
    : null;
  const allAdditive = rows.every((row) => row.additive);
  const grand =
    columnTotals && allAdditive
      ? entry(
          columnTotals.reduce((sum, e) => sum + e.value, 0),
          true,
          rows.some((row) => row.total.sensitive),
        )
      : null;

  // Every equation: its parts, and its total last.
  const lines: Entry[][] = [];
  for (const row of rows) if (row.additive) lines.push([...row.cells, row.total]);
  if (columnTotals) {
    table.columns.forEach((_, j) => {
      lines.push([...rows.map((row) => row.cells[j] as Entry), columnTotals[j] as Entry]);
    });
    if (grand) {
      lines.push([...columnTotals, grand]);
      lines.push([...rows.map((row) => row.total), grand]);
    }
  }

  // Each pass hides at least one more entry, so this ends within the number of entries.
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (line.filter((e) => e.hidden).length !== 1) continue;
      const complement = complementOf(line);
      if (complement) {
        complement.hidden = true;
        changed = true;
      }
    }
  }

  const shown = (e: Entry) => (e.hidden ? null : e.value);
  const everything = [
    ...rows.flatMap((row) => [...row.cells, row.total]),
    ...(columnTotals ?? []),
    ...(grand ? [grand] : []),
  ];
  return {
    columns: [...table.columns],
    rows: rows.map((row) => ({
      key: row.key,
      values: row.cells.map(shown),
      total: shown(row.total),
    })),
    totals: columnTotals ? columnTotals.map(shown) : null,
    total: grand ? shown(grand) : null,
    hidden: everything.filter((e) => e.hidden).length,
  };
}

/** The entry to hide next to a line's single hidden one: the smallest non-zero part, else the total. */
function complementOf(line: Entry[]): Entry | null {
  const total = line[line.length - 1] as Entry;
  const parts = line.slice(0, -1).filter((e) => !e.hidden);
  const nonZero = parts.filter((e) => e.value > 0).sort((a, b) => a.value - b.value);
  if (nonZero[0]) return nonZero[0];
  if (!total.hidden) return total;
  return parts[0] ?? null;
}

/** A figure over n people (a median, a mean, a share) is shown only when n ≥ k. */
export function measureOver(value: number | null, n: number, k: number): number | null {
  return value === null || n < Math.max(1, Math.floor(k)) ? null : value;
}

/** The sum of shown values; hidden when any part is hidden (it would otherwise give it away). */
export function sumShown(values: readonly (number | null)[]): number | null {
  let sum = 0;
  for (const value of values) {
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

/** A share in percent (one decimal) of two shown values; hidden when either is hidden or the base is 0. */
export function shareOf(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}
