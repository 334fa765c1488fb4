/** Geometry checks of a drawn map (used by the tests of the layout and of the rendered SVG). */

export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Segment {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Pairs of boxes that overlap (touching edges do not count). */
export function overlappingBoxes(boxes: readonly Box[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i] as Box;
      const b = boxes[j] as Box;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        pairs.push([a.id, b.id]);
    }
  return pairs;
}

function orientation(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): number {
  const v = (by - ay) * (cx - bx) - (bx - ax) * (cy - by);
  return Math.abs(v) < 1e-9 ? 0 : v > 0 ? 1 : 2;
}

function onSegment(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): boolean {
  return (
    Math.min(ax, cx) <= bx &&
    bx <= Math.max(ax, cx) &&
    Math.min(ay, cy) <= by &&
    by <= Math.max(ay, cy)
  );
}

/** Whether two segments cross or overlap (sharing only an end point does not count). */
export function segmentsCross(s: Segment, t: Segment): boolean {
  const shared = (x: number, y: number) => (x === t.x1 && y === t.y1) || (x === t.x2 && y === t.y2);
  if (shared(s.x1, s.y1) || shared(s.x2, s.y2)) return false;
  const o1 = orientation(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1);
  const o2 = orientation(s.x1, s.y1, s.x2, s.y2, t.x2, t.y2);
  const o3 = orientation(t.x1, t.y1, t.x2, t.y2, s.x1, s.y1);
  const o4 = orientation(t.x1, t.y1, t.x2, t.y2, s.x2, s.y2);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(s.x1, s.y1, t.x1, t.y1, s.x2, s.y2)) return true;
  if (o2 === 0 && onSegment(s.x1, s.y1, t.x2, t.y2, s.x2, s.y2)) return true;
  if (o3 === 0 && onSegment(t.x1, t.y1, s.x1, s.y1, t.x2, t.y2)) return true;
  if (o4 === 0 && onSegment(t.x1, t.y1, s.x2, s.y2, t.x2, t.y2)) return true;
  return false;
}

/** Pairs of segments that cross. */
export function crossingSegments(segments: readonly Segment[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < segments.length; i++)
    for (let j = i + 1; j < segments.length; j++)
      if (segmentsCross(segments[i] as Segment, segments[j] as Segment))
        pairs.push([(segments[i] as Segment).id, (segments[j] as Segment).id]);
  return pairs;
}

/** Segments that run through a box they do not belong to (a partner line behind a symbol). */
export function segmentsThroughBoxes(
  segments: readonly Segment[],
  boxes: readonly Box[],
  owners: (segmentId: string) => readonly string[],
): [string, string][] {
  const hits: [string, string][] = [];
  for (const s of segments) {
    const own = owners(s.id);
    for (const b of boxes) {
      if (own.includes(b.id)) continue;
      const edges: Segment[] = [
        { id: 'top', x1: b.x, y1: b.y, x2: b.x + b.w, y2: b.y },
        { id: 'bottom', x1: b.x, y1: b.y + b.h, x2: b.x + b.w, y2: b.y + b.h },
        { id: 'left', x1: b.x, y1: b.y, x2: b.x, y2: b.y + b.h },
        { id: 'right', x1: b.x + b.w, y1: b.y, x2: b.x + b.w, y2: b.y + b.h },
      ];
      if (edges.some((e) => segmentsCross(s, e))) hits.push([s.id, b.id]);
    }
  }
  return hits;
}
