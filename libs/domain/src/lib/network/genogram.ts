import { Graph, layout as dagreLayout } from '@dagrejs/dagre';
import type {
  ChildLinkModel as ChildLink,
  EmotionalLinkModel as EmotionalLink,
  MapPersonModel as MapPerson,
  NetworkMapModel as NetworkMap,
  PartnershipLinkModel as PartnershipLink,
} from './model';
import {
  CLOSE,
  CONFLICT,
  INK,
  MUTED,
  PAPER,
  type Shape,
  arrowHead,
  line,
  svgDocument,
  text,
} from './shapes';

/** Size of a person symbol (square, circle, diamond). */
export const SYMBOL = 40;
/** Room a person takes in the layout: the symbol and two lines of text below it. */
export const NODE_W = 120;
const NODE_H = SYMBOL + 40;
/** Vertical distance between two generations. */
export const ROW = 170;
const MARGIN = 40;
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

/* ---------- drawing ---------- */

export interface GenogramWords {
  title: string;
  legend: string;
  man: string;
  woman: string;
  other: string;
  unknown: string;
  index: string;
  deceased: string;
  married: string;
  cohabiting: string;
  separated: string;
  divorced: string;
  biological: string;
  adopted: string;
  foster: string;
  twins: string;
  household: string;
  close: string;
  conflict: string;
  distant: string;
  cutOff: string;
  abuse: string;
  /** Prefixes of partnership years. */
  marriedShort: string;
  cohabitingShort: string;
  separatedShort: string;
  divorcedShort: string;
}

export const GENOGRAM_WORDS_NL: GenogramWords = {
  title: 'Genogram',
  legend: 'Legenda',
  man: 'Man',
  woman: 'Vrouw',
  other: 'Anders',
  unknown: 'Onbekend',
  index: 'Indexpersoon (dubbele rand)',
  deceased: 'Overleden (kruis)',
  married: 'Getrouwd',
  cohabiting: 'Samenwonend (gestreept)',
  separated: 'Uit elkaar (/)',
  divorced: 'Gescheiden (//)',
  biological: 'Biologisch kind',
  adopted: 'Geadopteerd kind (gestreept)',
  foster: 'Pleegkind (gestippeld)',
  twins: 'Tweeling (uit één punt)',
  household: 'Huishouden (omcirkeld)',
  close: 'Hecht',
  conflict: 'Conflict',
  distant: 'Afstandelijk',
  cutOff: 'Verbroken',
  abuse: 'Misbruik (pijl: richting)',
  marriedShort: 'g.',
  cohabitingShort: 'sw.',
  separatedShort: 'u.e.',
  divorcedShort: 'gesch.',
};

/** The age shown in the symbol: at death for the deceased, else in `year`. */
export function ageOf(person: MapPerson, year: number): number | null {
  if (person.birthYear === null) return null;
  const end = person.deceased ? person.deathYear : year;
  return end === null ? null : Math.max(0, end - person.birthYear);
}

/** "1952–2019", "1980", "† 2019" or "" — the years under the name. */
export function yearsLabel(person: MapPerson): string {
  const born = person.birthYear === null ? '' : String(person.birthYear);
  if (!person.deceased) return born;
  const died = person.deathYear === null ? '†' : String(person.deathYear);
  return born ? `${born}–${died}` : `† ${person.deathYear ?? ''}`.trim();
}

/** The symbol of a person centred on (x, y): sex/gender, index person, deceased, age. */
export function personShapes(
  person: MapPerson,
  x: number,
  y: number,
  year: number,
  size = SYMBOL,
): Shape[] {
  const h = size / 2;
  const shapes: Shape[] = [];
  const outline = (inset: number): Shape => {
    const s = h - inset;
    if (person.gender === 'man')
      return {
        kind: 'rect',
        x: x - s,
        y: y - s,
        w: 2 * s,
        h: 2 * s,
        rx: 0,
        stroke: INK,
        width: 2,
        fill: inset === 0 ? PAPER : 'none',
        dash: null,
      };
    if (person.gender === 'vrouw')
      return {
        kind: 'circle',
        cx: x,
        cy: y,
        r: s,
        stroke: INK,
        width: 2,
        fill: inset === 0 ? PAPER : 'none',
        dash: null,
      };
    return {
      kind: 'polygon',
      points: `${x},${y - s} ${x + s},${y} ${x},${y + s} ${x - s},${y}`,
      stroke: INK,
      width: 2,
      fill: inset === 0 ? PAPER : 'none',
    };
  };
  shapes.push(outline(0));
  if (person.indexPerson)
    shapes.push(outline(person.gender === 'anders' || person.gender === 'onbekend' ? 7 : 5));
  const age = ageOf(person, year);
  if (age !== null) shapes.push(text(x, y + 5, String(age), 14, 'middle', 'bold'));
  else if (person.gender === 'onbekend') shapes.push(text(x, y + 5, '?', 14, 'middle', 'bold'));
  if (person.deceased) {
    const d = h + 4;
    shapes.push(line(x - d, y - d, x + d, y + d, 2));
    shapes.push(line(x - d, y + d, x + d, y - d, 2));
  }
  return shapes;
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

function partnershipShapes(
  p: PlacedPartnership,
  words: GenogramWords,
  persons: Map<string, PlacedPerson>,
): Shape[] {
  const shapes: Shape[] = [];
  const dash = p.link.status === 'samenwonend' ? '7 5' : null;
  const a = persons.get(p.link.from) as PlacedPerson;
  const b = persons.get(p.link.to) as PlacedPerson;
  for (const end of [a, b]) shapes.push(line(end.x, end.y + SYMBOL / 2, end.x, p.y, 2, dash));
  shapes.push({
    kind: 'line',
    x1: p.x1,
    y1: p.y,
    x2: p.x2,
    y2: p.y,
    stroke: INK,
    width: 2,
    dash,
    tag: `partner:${p.link.id}`,
  });
  const mid = (p.x1 + p.x2) / 2;
  const slashes = p.link.status === 'uit-elkaar' ? 1 : p.link.status === 'gescheiden' ? 2 : 0;
  for (let i = 0; i < slashes; i++) {
    const off = slashes === 2 ? (i === 0 ? -4 : 4) : 0;
    shapes.push(line(mid + off - 5, p.y + 8, mid + off + 5, p.y - 8, 2));
  }
  const prefix = {
    getrouwd: words.marriedShort,
    samenwonend: words.cohabitingShort,
    'uit-elkaar': words.separatedShort,
    gescheiden: words.divorcedShort,
  }[p.link.status];
  const years = [
    p.link.startYear !== null ? `${prefix} ${p.link.startYear}` : null,
    p.link.endYear !== null ? `${slashes > 0 ? '' : '– '}${p.link.endYear}` : null,
  ]
    .filter((v) => v !== null)
    .join(' ');
  if (years)
    shapes.push(text(mid, p.y - 6 - (slashes > 0 ? 6 : 0), years, 11, 'middle', 'normal', MUTED));
  return shapes;
}

function childShapes(c: PlacedChild): Shape[] {
  const dash =
    c.link.childType === 'geadopteerd' ? '6 4' : c.link.childType === 'pleeg' ? '2 3' : null;
  const shapes: Shape[] = [
    line(c.fromX, c.fromY, c.fromX, c.barY, 2),
    line(Math.min(c.fromX, c.barX), c.barY, Math.max(c.fromX, c.barX), c.barY, 2),
  ];
  if (c.twin) shapes.push(line(c.barX, c.barY, c.toX, c.toY, 2, dash));
  else shapes.push(line(c.toX, c.barY, c.toX, c.toY, 2, dash));
  return shapes;
}

function zigzag(x1: number, y1: number, x2: number, y2: number, amp = 5, step = 10): string {
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  const n = Math.max(2, Math.floor(len / step));
  const pts = [`M${x1.toFixed(1)},${y1.toFixed(1)}`];
  for (let i = 1; i < n; i++) {
    const t = (i / n) * len;
    const side = i % 2 === 0 ? amp : -amp;
    pts.push(`L${(x1 + ux * t - uy * side).toFixed(1)},${(y1 + uy * t + ux * side).toFixed(1)}`);
  }
  pts.push(`L${x2.toFixed(1)},${y2.toFixed(1)}`);
  return pts.join(' ');
}

/** The line of an emotional relation between two symbol centres (shortened to the outlines). */
export function emotionalShapes(
  emotion: EmotionalLink['emotion'],
  directed: boolean,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  gap = SYMBOL / 2 + 6,
  side = 7,
): Shape[] {
  const len = Math.hypot(bx - ax, by - ay) || 1;
  const ux = (bx - ax) / len;
  const uy = (by - ay) / len;
  // A little to the side, so it does not run over a partner line between the same two people.
  const ox = -uy * side;
  const oy = ux * side;
  const x1 = ax + ux * gap + ox;
  const y1 = ay + uy * gap + oy;
  const x2 = bx - ux * gap + ox;
  const y2 = by - uy * gap + oy;
  const shapes: Shape[] = [];
  switch (emotion) {
    case 'hecht':
      shapes.push(
        line(x1 - uy * 2.5, y1 + ux * 2.5, x2 - uy * 2.5, y2 + ux * 2.5, 1.5, null, CLOSE),
      );
      shapes.push(
        line(x1 + uy * 2.5, y1 - ux * 2.5, x2 + uy * 2.5, y2 - ux * 2.5, 1.5, null, CLOSE),
      );
      break;
    case 'conflict':
      shapes.push({
        kind: 'path',
        d: zigzag(x1, y1, x2, y2),
        stroke: CONFLICT,
        width: 1.5,
        fill: 'none',
        dash: null,
      });
      break;
    case 'afstandelijk':
      shapes.push(line(x1, y1, x2, y2, 1.5, '2 5', MUTED));
      break;
    case 'verbroken': {
      shapes.push(line(x1, y1, x2, y2, 1.5, null, MUTED));
      const mx = (x1 + x2) / 2;
      const my = (y1 + y2) / 2;
      for (const off of [-4, 4])
        shapes.push(
          line(
            mx + ux * off - uy * 8,
            my + uy * off + ux * 8,
            mx + ux * off + uy * 8,
            my + uy * off - ux * 8,
            2,
            null,
            MUTED,
          ),
        );
      break;
    }
    case 'misbruik':
      shapes.push({
        kind: 'path',
        d: zigzag(x1, y1, x2, y2, 6, 8),
        stroke: CONFLICT,
        width: 2.5,
        fill: 'none',
        dash: null,
      });
      break;
  }
  if (directed)
    shapes.push(
      arrowHead(
        x2,
        y2,
        ux,
        uy,
        10,
        emotion === 'hecht'
          ? CLOSE
          : emotion === 'afstandelijk' || emotion === 'verbroken'
            ? MUTED
            : CONFLICT,
      ),
    );
  return shapes;
}

/** The whole genogram as shapes: household, lines, symbols, names and years. */
export function genogramShapes(
  layout: GenogramLayout,
  year: number,
  words: GenogramWords = GENOGRAM_WORDS_NL,
): Shape[] {
  const shapes: Shape[] = [];
  const at = new Map(layout.persons.map((p) => [p.person.id, p]));
  if (layout.household) {
    const h = layout.household;
    shapes.push({
      kind: 'rect',
      x: h.x,
      y: h.y,
      w: h.w,
      h: h.h,
      rx: 28,
      stroke: MUTED,
      width: 1.5,
      fill: 'none',
      dash: '10 6',
    });
    shapes.push(
      text(
        h.x + 14,
        h.y + h.h - 6,
        words.household.split(' (')[0] ?? words.household,
        11,
        'start',
        'normal',
        MUTED,
      ),
    );
  }
  for (const c of layout.children) shapes.push(...childShapes(c));
  for (const p of layout.partnerships) shapes.push(...partnershipShapes(p, words, at));
  for (const e of layout.emotional) {
    const a = at.get(e.from) as PlacedPerson;
    const b = at.get(e.to) as PlacedPerson;
    if (a.generation === b.generation) {
      // Same row: over the symbols in between, not through them.
      const y = a.y - SYMBOL / 2 - 10;
      const ink =
        e.emotion === 'hecht'
          ? CLOSE
          : e.emotion === 'conflict' || e.emotion === 'misbruik'
            ? CONFLICT
            : MUTED;
      shapes.push(line(a.x, a.y - SYMBOL / 2 - 2, a.x, y, 1, null, ink));
      shapes.push(line(b.x, b.y - SYMBOL / 2 - 2, b.x, y, 1, null, ink));
      shapes.push(...emotionalShapes(e.emotion, false, a.x, y, b.x, y, 0, 0));
      if (e.directed) shapes.push(arrowHead(b.x, b.y - SYMBOL / 2 - 2, 0, 1, 9, ink));
    } else shapes.push(...emotionalShapes(e.emotion, e.directed, a.x, a.y, b.x, b.y));
  }
  for (const p of layout.persons) {
    shapes.push(...personShapes(p.person, p.x, p.y, year));
    shapes.push(
      text(p.x, p.y + SYMBOL / 2 + 28, truncate(p.person.name, 18), 12, 'middle', 'bold'),
    );
    const years = yearsLabel(p.person);
    if (years) shapes.push(text(p.x, p.y + SYMBOL / 2 + 42, years, 11, 'middle', 'normal', MUTED));
  }
  return shapes;
}

/** The legend: one row per symbol or line, from (x, y) down. Returns shapes and its height. */
export function genogramLegend(
  x: number,
  y: number,
  words: GenogramWords = GENOGRAM_WORDS_NL,
): { shapes: Shape[]; height: number; width: number } {
  const shapes: Shape[] = [text(x, y + 14, words.legend, 14, 'start', 'bold')];
  const sample = (gender: MapPerson['gender'], extra: Partial<MapPerson> = {}): MapPerson => ({
    id: '',
    kind: 'network',
    name: '',
    role: '',
    relationDetail: null,
    gender,
    birthYear: null,
    deceased: false,
    deathYear: null,
    indexPerson: false,
    mapOnly: false,
    ...extra,
  });
  const sym = (p: MapPerson) => (cx: number, cy: number) => personShapes({ ...p }, cx, cy, 0, 22);
  const symbols: [(cx: number, cy: number) => Shape[], string][] = [
    [sym(sample('man')), words.man],
    [sym(sample('vrouw')), words.woman],
    [sym(sample('anders')), words.other],
    [sym(sample('onbekend')), words.unknown],
    [sym(sample('vrouw', { indexPerson: true })), words.index],
    [sym(sample('man', { deceased: true })), words.deceased],
  ];
  const lines: [(x1: number, x2: number, cy: number) => Shape[], string][] = [
    [(a, b, cy) => [line(a, cy, b, cy, 2)], words.married],
    [(a, b, cy) => [line(a, cy, b, cy, 2, '7 5')], words.cohabiting],
    [
      (a, b, cy) => [
        line(a, cy, b, cy, 2),
        line((a + b) / 2 - 5, cy + 8, (a + b) / 2 + 5, cy - 8, 2),
      ],
      words.separated,
    ],
    [
      (a, b, cy) => [
        line(a, cy, b, cy, 2),
        line((a + b) / 2 - 9, cy + 8, (a + b) / 2 + 1, cy - 8, 2),
        line((a + b) / 2 - 1, cy + 8, (a + b) / 2 + 9, cy - 8, 2),
      ],
      words.divorced,
    ],
    [(a, b, cy) => [line((a + b) / 2, cy - 10, (a + b) / 2, cy + 10, 2)], words.biological],
    [(a, b, cy) => [line((a + b) / 2, cy - 10, (a + b) / 2, cy + 10, 2, '6 4')], words.adopted],
    [(a, b, cy) => [line((a + b) / 2, cy - 10, (a + b) / 2, cy + 10, 2, '2 3')], words.foster],
    [
      (a, b, cy) => [
        line((a + b) / 2, cy - 10, a + 4, cy + 10, 2),
        line((a + b) / 2, cy - 10, b - 4, cy + 10, 2),
      ],
      words.twins,
    ],
    [
      (a, b, cy) => [
        {
          kind: 'rect',
          x: a,
          y: cy - 10,
          w: b - a,
          h: 20,
          rx: 8,
          stroke: MUTED,
          width: 1.5,
          fill: 'none',
          dash: '6 4',
        },
      ],
      words.household,
    ],
    [
      (a, b, cy) => emotionalShapes('hecht', false, a - 10, cy - 7, b + 10, cy - 7, 10),
      words.close,
    ],
    [
      (a, b, cy) => emotionalShapes('conflict', false, a - 10, cy - 7, b + 10, cy - 7, 10),
      words.conflict,
    ],
    [
      (a, b, cy) => emotionalShapes('afstandelijk', false, a - 10, cy - 7, b + 10, cy - 7, 10),
      words.distant,
    ],
    [
      (a, b, cy) => emotionalShapes('verbroken', false, a - 10, cy - 7, b + 10, cy - 7, 10),
      words.cutOff,
    ],
    [
      (a, b, cy) => emotionalShapes('misbruik', true, a - 10, cy - 7, b + 10, cy - 7, 10),
      words.abuse,
    ],
  ];
  let cy = y + 40;
  for (const [draw, label] of symbols) {
    shapes.push(...draw(x + 24, cy), text(x + 56, cy + 4, label, 12, 'start'));
    cy += 30;
  }
  for (const [draw, label] of lines) {
    shapes.push(...draw(x + 4, x + 44, cy), text(x + 56, cy + 4, label, 12, 'start'));
    cy += 30;
  }
  return { shapes, height: cy - y, width: 260 };
}

/** A standalone SVG file of the genogram with its legend on the right. */
export function genogramSvg(
  map: NetworkMap,
  year: number,
  words: GenogramWords = GENOGRAM_WORDS_NL,
): string {
  const layout = layoutGenogram(map);
  const legend = genogramLegend(layout.width + 10, MARGIN / 2, words);
  const shapes = [...genogramShapes(layout, year, words), ...legend.shapes];
  return svgDocument(
    `${words.title} — ${map.householdLabel}`,
    layout.width + legend.width + 20,
    Math.max(layout.height, legend.height + MARGIN),
    shapes,
  );
}
