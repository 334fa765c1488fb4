/** Accessible cursor colours (contrast ≥ 4.5:1 on white for the name label's white text). */
export const NOTE_COLORS: readonly string[] = [
  '#01689b',
  '#8f2d56',
  '#275937',
  '#6a3d9a',
  '#a03c00',
  '#3b5b92',
  '#7a5c00',
];

/** A stable colour per user (the same on every screen). */
export function noteColor(userId: string): { color: string; colorLight: string } {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const color = NOTE_COLORS[hash % NOTE_COLORS.length] as string;
  return { color, colorLight: `${color}33` };
}
