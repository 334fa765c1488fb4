/** A person's place on the drawing. */
export interface Spot {
  id: string;
  x: number;
  y: number;
}

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/**
 * The person an arrow key moves to: the nearest one in that direction, preferring the same row
 * (left/right) or the same column (up/down). Null when there is none.
 */
export function nextSpot(spots: readonly Spot[], fromId: string, key: ArrowKey): string | null {
  const from = spots.find((s) => s.id === fromId);
  if (!from) return spots[0]?.id ?? null;
  let best: { id: string; score: number } | null = null;
  for (const s of spots) {
    if (s.id === fromId) continue;
    const dx = s.x - from.x;
    const dy = s.y - from.y;
    const along =
      key === 'ArrowRight' ? dx : key === 'ArrowLeft' ? -dx : key === 'ArrowDown' ? dy : -dy;
    const across = key === 'ArrowRight' || key === 'ArrowLeft' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0.5) continue;
    // Vertical keys: the nearest row first; horizontal keys: the same row first.
    const score =
      10 * (key === 'ArrowUp' || key === 'ArrowDown' ? along : across) +
      (key === 'ArrowUp' || key === 'ArrowDown' ? across : along);
    if (!best || score < best.score) best = { id: s.id, score };
  }
  return best?.id ?? null;
}

/** A year typed in a form: a number between 1850 and 2200, null when empty, NaN when wrong. */
export function parseYear(value: string): number | null {
  const text = value.trim();
  if (text === '') return null;
  const year = Number(text);
  return Number.isInteger(year) && year >= 1850 && year <= 2200 ? year : Number.NaN;
}
