/** Where an item goes when moved one step up or down; null when it cannot move that way. */
export function stepTarget(
  ids: readonly string[],
  itemId: string,
  direction: 'up' | 'down',
): number | null {
  const from = ids.indexOf(itemId);
  if (from < 0) return null;
  const to = direction === 'up' ? from - 1 : from + 1;
  return to < 0 || to >= ids.length ? null : to;
}

/** Which of an item's move buttons keeps the focus after a move (the other one at an edge). */
export function focusAfterMove(
  index: number,
  count: number,
  direction: 'up' | 'down',
): 'up' | 'down' {
  if (direction === 'up' && index === 0) return 'down';
  if (direction === 'down' && index === count - 1) return 'up';
  return direction;
}
