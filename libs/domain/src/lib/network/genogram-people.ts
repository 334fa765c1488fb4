/** The genogram's words and the shapes of its people, partnerships and children. */
import type { MapPersonModel as MapPerson } from './model';
import { INK, MUTED, PAPER, line, text } from './shapes';
import type { Shape } from './shapes';
import { SYMBOL } from './genogram-layout';
import type { PlacedPerson, PlacedPartnership, PlacedChild } from './genogram-layout';

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

export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

export function partnershipShapes(
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

export function childShapes(c: PlacedChild): Shape[] {
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

export function zigzag(x1: number, y1: number, x2: number, y2: number, amp = 5, step = 10): string {
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
