import type {
  EmotionalLinkModel as EmotionalLink,
  MapPersonModel as MapPerson,
  NetworkMapModel as NetworkMap,
} from './model';
import { CLOSE, CONFLICT, MUTED, arrowHead, line, svgDocument, text } from './shapes';
import type { Shape } from './shapes';
import { SYMBOL, MARGIN, layoutGenogram } from './genogram-layout';
import type { PlacedPerson, GenogramLayout } from './genogram-layout';
import {
  GENOGRAM_WORDS_NL,
  yearsLabel,
  personShapes,
  truncate,
  partnershipShapes,
  childShapes,
  zigzag,
} from './genogram-people';
import type { GenogramWords } from './genogram-people';
export { SYMBOL, NODE_W, ROW, genogramPersons, layoutGenogram } from './genogram-layout';
export type {
  PlacedPerson,
  PlacedPartnership,
  PlacedChild,
  GenogramLayout,
} from './genogram-layout';
export { GENOGRAM_WORDS_NL, ageOf, yearsLabel, personShapes } from './genogram-people';
export type { GenogramWords } from './genogram-people';

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
