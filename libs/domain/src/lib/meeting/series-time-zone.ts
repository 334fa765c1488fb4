/**
 * Wall-clock times in an IANA time zone, with `Intl` (see series.ts for why not rrule's `tzid`).
 */

const DAY_MS = 24 * 60 * 60_000;

// ---------------------------------------------------------------------------------------------
// Time zone maths (Intl only; independent of the process time zone)

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `instant` (ms; +3600000 for CET). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    fields['year'] ?? 0,
    (fields['month'] ?? 1) - 1,
    fields['day'] ?? 1,
    (fields['hour'] ?? 0) % 24,
    fields['minute'] ?? 0,
    fields['second'] ?? 0,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** Wall-clock time in `timeZone` at `instant`, encoded as a floating UTC timestamp. */
export function instantToWallTime(instant: number, timeZone: string): number {
  return instant + zoneOffsetMs(instant, timeZone);
}

/** The instant at which the wall clock in `timeZone` shows `wall` (floating UTC timestamp). */
export function wallTimeToInstant(wall: number, timeZone: string): number {
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((t) => t + zoneOffsetMs(t, timeZone) === wall);
  // Ambiguous (fall back): the earlier instant. Nonexistent (spring forward): the offset before the gap.
  return valid.length > 0 ? Math.min(...valid) : wall - before;
}

/** `YYYY-MM-DD` of a floating timestamp. */
function floatingDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** The local calendar date (`YYYY-MM-DD`) in `timeZone` at `instant`. */
export function localDateAt(instant: Date, timeZone: string): string {
  return floatingDate(instantToWallTime(instant.getTime(), timeZone));
}
