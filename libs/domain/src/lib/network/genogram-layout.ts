/**
 * The genogram's layout: generations in rows (dagre), partners side by side, children under
 * their parents' bar.
 */
import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type {
  ChildLinkModel as ChildLink,
  EmotionalLinkModel as EmotionalLink,
  MapPersonModel as MapPerson,
  NetworkMapModel as NetworkMap,
  PartnershipLinkModel as PartnershipLink,
} from './model';

/** Size of a person symbol (square, circle, diamond). */
export const SYMBOL = 40;
/** Room a person takes in the layout: the symbol and two lines of text below it. */
export const NODE_W = 120;
const NODE_H = SYMBOL + 40;
/** Vertical distance between two generations. */
export const ROW = 170;
export const MARGIN = 40;
const PARTNER_DROP = 12;

export interface PlacedPerson {
  person: MapPerson;
  /** Centre of the symbol. */
  x: number;
  y: number;
  generation: number;
}

export interface PlacedPartnership {
  link: PartnershipLink;
  /** Left and right end of the partner line (the partners' centres) and its height. */
  x1: number;
  x2: number;
  y: number;
}

export interface PlacedChild {
  link: ChildLink;
  /** Where the child line leaves the parents (partner line midpoint or the single parent). */
  fromX: number;
  fromY: number;
  /** Height of the sibling bar. */
  barY: number;
  /** The point the line runs to on the bar (the shared point of twins). */
  barX: number;
  toX: number;
  toY: number;
  twin: boolean;
}

export interface GenogramLayout {
  width: number;
  height: number;
  persons: PlacedPerson[];
  partnerships: PlacedPartnership[];
  children: PlacedChild[];
  emotional: EmotionalLink[];
  /** The household's members encircled (null when it has none in the map). */
  household: { x: number; y: number; w: number; h: number } | null;
}

function birthOrder(a: MapPerson, b: MapPerson): number {
  // Oldest first; unknown birth years after the known ones, then by name (stable).
  const ay = a.birthYear ?? Number.MAX_SAFE_INTEGER;
  const by = b.birthYear ?? Number.MAX_SAFE_INTEGER;
  return ay - by || a.name.localeCompare(b.name);
}

/**
 * Who is drawn in the genogram: the household's members, family, and anyone with a genogram
 * line. A neighbour or volunteer without one belongs in the ecogram only.
 */
export function genogramPersons(map: NetworkMap): MapPerson[] {
  const linked = new Set(map.links.flatMap((l) => [l.from, l.to]));
  return map.persons.filter((p) => p.kind === 'member' || p.role === 'familie' || linked.has(p.id));
}

/**
 * Lays out a genogram by generation with dagre: persons and a small node per partnership; each
 * partner → partnership, partnership → child (a single parent → child spans two ranks), so
 * persons sit on even ranks, one generation per row. Order constraints put children in birth
 * order (oldest left); dagre's crossing minimisation orders the rest (partners are not forced
 * man-left: a partner who married in then sits on the side of their own family, without
 * crossing sibling lines). Emotional relations do not influence the layout.
 */
export function layoutGenogram(source: NetworkMap): GenogramLayout {
  const map = { ...source, persons: genogramPersons(source) };
  const persons = new Map(map.persons.map((p) => [p.id, p]));
  const partnerships = map.links.filter(
    (l): l is PartnershipLink =>
      l.kind === 'partnership' && persons.has(l.from) && persons.has(l.to) && l.from !== l.to,
  );
  const partnershipIds = new Set(partnerships.map((p) => p.id));
  const children = map.links.filter(
    (l): l is ChildLink =>
      l.kind === 'child' &&
      persons.has(l.to) &&
      (partnershipIds.has(l.from) || (persons.has(l.from) && l.from !== l.to)),
  );
  const emotional = map.links.filter(
    (l): l is EmotionalLink =>
      l.kind === 'emotional' && persons.has(l.from) && persons.has(l.to) && l.from !== l.to,
  );

  const g = new Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 30, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const p of map.persons) g.setNode(p.id, { width: NODE_W, height: NODE_H });
  for (const u of partnerships) {
    g.setNode(u.id, { width: 8, height: 8 });
    g.setEdge(u.from, u.id, { minlen: 1, weight: 4 });
    g.setEdge(u.to, u.id, { minlen: 1, weight: 4 });
  }
  for (const c of children) {
    if (g.hasEdge(c.from, c.to)) continue;
    g.setEdge(c.from, c.to, { minlen: partnershipIds.has(c.from) ? 1 : 2, weight: 2 });
  }

  const constraints: { left: string; right: string }[] = [];
  const siblingsOf = new Map<string, MapPerson[]>();
  for (const c of children)
    siblingsOf.set(c.from, [...(siblingsOf.get(c.from) ?? []), persons.get(c.to) as MapPerson]);
  for (const siblings of siblingsOf.values()) {
    const ordered = [...siblings].sort(birthOrder);
    for (let i = 1; i < ordered.length; i++)
      constraints.push({
        left: (ordered[i - 1] as MapPerson).id,
        right: (ordered[i] as MapPerson).id,
      });
  }
  dagreLayout(g, { constraints });

  // Generations from dagre's ranks (persons on even ranks); rows at a fixed distance.
  // (dagre spaces ranks out internally, so count the distinct ranks that hold persons).
  const ranks = map.persons.map((p) => (g.node(p.id).rank as number | undefined) ?? 0);
  const rows = [...new Set(ranks)].sort((a, b) => a - b);
  const placed: PlacedPerson[] = map.persons.map((person, i) => {
    const generation = rows.indexOf(ranks[i] ?? 0);
    return {
      person,
      x: g.node(person.id).x as number,
      y: MARGIN + SYMBOL / 2 + generation * ROW,
      generation,
    };
  });
  spreadRows(placed);
  const minX = Math.min(...placed.map((p) => p.x - NODE_W / 2), MARGIN);
  for (const p of placed) p.x += MARGIN - minX;
  const at = new Map(placed.map((p) => [p.person.id, p]));

  const placedPartnerships: PlacedPartnership[] = partnerships.map((link) => {
    const a = at.get(link.from) as PlacedPerson;
    const b = at.get(link.to) as PlacedPerson;
    const y = Math.max(a.y, b.y) + SYMBOL / 2 + PARTNER_DROP;
    return { link, x1: Math.min(a.x, b.x), x2: Math.max(a.x, b.x), y };
  });
  const partnerAt = new Map(placedPartnerships.map((p) => [p.link.id, p]));

  const placedChildren: PlacedChild[] = [];
  const byParent = new Map<string, ChildLink[]>();
  for (const c of children) byParent.set(c.from, [...(byParent.get(c.from) ?? []), c]);
  for (const [from, links] of byParent) {
    const union = partnerAt.get(from);
    const parent = at.get(from);
    const fromX = union ? (union.x1 + union.x2) / 2 : (parent as PlacedPerson).x;
    const fromY = union ? union.y : (parent as PlacedPerson).y + SYMBOL / 2;
    const kids = links.map((link) => ({ link, child: at.get(link.to) as PlacedPerson }));
    const topOfKids = Math.min(...kids.map((k) => k.child.y)) - SYMBOL / 2;
    const barY = topOfKids - 26;
    const twinX = new Map<string, number>();
    for (const group of new Set(kids.map((k) => k.link.twinGroup).filter((t) => t !== null))) {
      const members = kids.filter((k) => k.link.twinGroup === group);
      if (members.length > 1)
        twinX.set(group as string, members.reduce((s, k) => s + k.child.x, 0) / members.length);
    }
    for (const { link, child } of kids) {
      const shared = link.twinGroup !== null ? twinX.get(link.twinGroup) : undefined;
      placedChildren.push({
        link,
        fromX,
        fromY,
        barY,
        barX: shared ?? child.x,
        toX: child.x,
        toY: child.y - SYMBOL / 2,
        twin: shared !== undefined,
      });
    }
  }

  staggerBars(placedChildren);

  const members = placed.filter((p) => p.person.kind === 'member');
  const household =
    members.length === 0
      ? null
      : (() => {
          const x1 = Math.min(...members.map((p) => p.x)) - NODE_W / 2 + 4;
          const x2 = Math.max(...members.map((p) => p.x)) + NODE_W / 2 - 4;
          const y1 = Math.min(...members.map((p) => p.y)) - SYMBOL / 2 - 14;
          const y2 = Math.max(...members.map((p) => p.y)) + SYMBOL / 2 + 66;
          return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
        })();

  const width = Math.max(...placed.map((p) => p.x + NODE_W / 2), 2 * MARGIN) + MARGIN;
  const height = Math.max(...placed.map((p) => p.y + SYMBOL / 2 + 44), 2 * MARGIN) + MARGIN / 2;
  return {
    width,
    height,
    persons: placed,
    partnerships: placedPartnerships,
    children: placedChildren,
    emotional,
    household,
  };
}

/** Sibling bars of different parents that overlap on one row are put at different heights. */
function staggerBars(children: PlacedChild[]): void {
  const bars = new Map<
    string,
    { from: string; barY: number; x1: number; x2: number; items: PlacedChild[] }
  >();
  for (const c of children) {
    const bar = bars.get(c.link.from) ?? {
      from: c.link.from,
      barY: c.barY,
      x1: c.fromX,
      x2: c.fromX,
      items: [],
    };
    bar.x1 = Math.min(bar.x1, c.barX, c.toX);
    bar.x2 = Math.max(bar.x2, c.barX, c.toX);
    bar.items.push(c);
    bars.set(c.link.from, bar);
  }
  const done: { barY: number; x1: number; x2: number }[] = [];
  for (const bar of [...bars.values()].sort((a, b) => a.x1 - b.x1)) {
    let y = bar.barY;
    while (done.some((d) => d.barY === y && d.x1 <= bar.x2 + 6 && bar.x1 <= d.x2 + 6)) y -= 12;
    done.push({ barY: y, x1: bar.x1, x2: bar.x2 });
    for (const c of bar.items) c.barY = y;
  }
}

/** Keeps at least a node's width between neighbours on a row (dagre already does; a guard). */
function spreadRows(placed: PlacedPerson[]): void {
  const rows = new Map<number, PlacedPerson[]>();
  for (const p of placed) rows.set(p.generation, [...(rows.get(p.generation) ?? []), p]);
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    for (let i = 1; i < row.length; i++) {
      const prev = row[i - 1] as PlacedPerson;
      const cur = row[i] as PlacedPerson;
      if (cur.x - prev.x < NODE_W) cur.x = prev.x + NODE_W;
    }
  }
}
