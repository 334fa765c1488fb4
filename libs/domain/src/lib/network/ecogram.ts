import type {
  EcoCategoryModel as EcoCategory,
  EcoTieModel as EcoTie,
  NetworkMapModel as NetworkMap,
  TieStrengthModel as TieStrength,
} from './model';
import {
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

export const HOUSEHOLD_R = 78;
export const SYSTEM_R = 50;
const MARGIN = 30;

export interface PlacedSystem {
  tie: EcoTie;
  x: number;
  y: number;
}

export interface EcogramLayout {
  width: number;
  height: number;
  cx: number;
  cy: number;
  systems: PlacedSystem[];
}

/** The household in the centre, the systems evenly on a ring around it (clockwise from the top). */
export function layoutEcogram(map: NetworkMap): EcogramLayout {
  const n = map.ties.length;
  // Far enough that neighbouring systems never touch: chord ≥ 2r + 16.
  const chord = 2 * SYSTEM_R + 24;
  // Without systems only the household is drawn (no empty ring).
  const ring =
    n === 0
      ? 0
      : Math.max(HOUSEHOLD_R + SYSTEM_R + 90, n > 1 ? chord / (2 * Math.sin(Math.PI / n)) : 0);
  const half = n === 0 ? HOUSEHOLD_R + MARGIN : ring + SYSTEM_R + MARGIN + 16;
  const systems = map.ties.map((tie, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(n, 1);
    return { tie, x: half + ring * Math.cos(angle), y: half + ring * Math.sin(angle) };
  });
  return { width: 2 * half, height: 2 * half, cx: half, cy: half, systems };
}

export interface EcogramWords {
  title: string;
  legend: string;
  household: string;
  categories: Record<EcoCategory, string>;
  strengths: Record<TieStrength, string>;
  energy: string;
  codes: string;
}

export const ECOGRAM_WORDS_NL: EcogramWords = {
  title: 'Ecogram',
  legend: 'Legenda',
  household: 'Huishouden',
  categories: {
    school: 'School',
    werk: 'Werk',
    huisarts: 'Huisarts',
    ggz: 'GGZ',
    vrienden: 'Vrienden',
    geloof: 'Geloofsgemeenschap',
    sport: 'Sport',
    buren: 'Buren',
    vrijwilligers: 'Vrijwilligers',
    familie: 'Familie',
    hulpverlening: 'Hulpverlening',
    overig: 'Overig',
  },
  strengths: { sterk: 'Sterk', zwak: 'Zwak', wankel: 'Wankel', stressvol: 'Stressvol' },
  energy: 'Pijl: richting van de energie',
  codes: 'P praktisch · G gezelschap · A advies · E emotioneel',
};

/** The line of a tie between two points, styled by its strength. */
export function tieLine(
  strength: TieStrength,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
): Shape[] {
  switch (strength) {
    case 'sterk':
      return [line(x1, y1, x2, y2, 5)];
    case 'zwak':
      return [line(x1, y1, x2, y2, 1.5)];
    case 'wankel':
      return [line(x1, y1, x2, y2, 2, '8 6')];
    case 'stressvol': {
      const shapes: Shape[] = [line(x1, y1, x2, y2, 2, null, CONFLICT)];
      const len = Math.hypot(x2 - x1, y2 - y1) || 1;
      const ux = (x2 - x1) / len;
      const uy = (y2 - y1) / len;
      for (let t = 12; t < len - 8; t += 14) {
        const px = x1 + ux * t;
        const py = y1 + uy * t;
        shapes.push(
          line(
            px - uy * 7 - ux * 3,
            py + ux * 7 - uy * 3,
            px + uy * 7 + ux * 3,
            py - ux * 7 + uy * 3,
            1.5,
            null,
            CONFLICT,
          ),
        );
      }
      return shapes;
    }
  }
}

function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** The drawing: household circle with its members, the systems, the ties, arrows and codes. */
export function ecogramShapes(
  map: NetworkMap,
  layout: EcogramLayout,
  words: EcogramWords = ECOGRAM_WORDS_NL,
): Shape[] {
  const shapes: Shape[] = [];
  const { cx, cy } = layout;
  for (const s of layout.systems) {
    const dx = s.x - cx;
    const dy = s.y - cy;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const x1 = cx + ux * (HOUSEHOLD_R + 4);
    const y1 = cy + uy * (HOUSEHOLD_R + 4);
    const x2 = s.x - ux * (SYSTEM_R + 4);
    const y2 = s.y - uy * (SYSTEM_R + 4);
    shapes.push(...tieLine(s.tie.strength, x1, y1, x2, y2));
    const ink = s.tie.strength === 'stressvol' ? CONFLICT : INK;
    if (s.tie.energy === 'naar-huishouden' || s.tie.energy === 'wederzijds')
      shapes.push(arrowHead(x1, y1, -ux, -uy, 12, ink));
    if (s.tie.energy === 'van-huishouden' || s.tie.energy === 'wederzijds')
      shapes.push(arrowHead(x2, y2, ux, uy, 12, ink));
    if (s.tie.codes.length > 0) {
      const mx = (x1 + x2) / 2 - uy * 14;
      const my = (y1 + y2) / 2 + ux * 14;
      shapes.push({
        kind: 'rect',
        x: mx - 6 * s.tie.codes.length - 4,
        y: my - 11,
        w: 12 * s.tie.codes.length + 8,
        h: 17,
        rx: 4,
        stroke: MUTED,
        width: 1,
        fill: PAPER,
        dash: null,
      });
      shapes.push(text(mx, my + 2, s.tie.codes.join(''), 12, 'middle', 'bold'));
    }
  }
  shapes.push({
    kind: 'circle',
    cx,
    cy,
    r: HOUSEHOLD_R,
    stroke: INK,
    width: 2.5,
    fill: PAPER,
    dash: null,
  });
  shapes.push(text(cx, cy - 34, truncate(map.householdLabel, 20), 13, 'middle', 'bold'));
  const members = map.persons.filter((p) => p.kind === 'member');
  members
    .slice(0, 4)
    .forEach((m, i) => shapes.push(text(cx, cy - 14 + i * 16, truncate(m.name, 22), 11)));
  if (members.length > 4) shapes.push(text(cx, cy + 52, `+${members.length - 4}`, 11));
  for (const s of layout.systems) {
    shapes.push({
      kind: 'circle',
      cx: s.x,
      cy: s.y,
      r: SYSTEM_R,
      stroke: INK,
      width: 1.5,
      fill: PAPER,
      dash: null,
    });
    shapes.push(
      text(
        s.x,
        s.y - 4,
        truncate(words.categories[s.tie.category], 16),
        11,
        'middle',
        'normal',
        MUTED,
      ),
    );
    shapes.push(text(s.x, s.y + 12, truncate(s.tie.label, 14), 12, 'middle', 'bold'));
  }
  return shapes;
}

/** The ecogram legend from (x, y) down. */
export function ecogramLegend(
  x: number,
  y: number,
  words: EcogramWords = ECOGRAM_WORDS_NL,
): { shapes: Shape[]; height: number; width: number } {
  const shapes: Shape[] = [text(x, y + 14, words.legend, 14, 'start', 'bold')];
  let cy = y + 40;
  for (const strength of ['sterk', 'zwak', 'wankel', 'stressvol'] as const) {
    shapes.push(
      ...tieLine(strength, x + 4, cy, x + 52, cy),
      text(x + 64, cy + 4, words.strengths[strength], 12, 'start'),
    );
    cy += 28;
  }
  shapes.push(
    line(x + 4, cy, x + 46, cy, 1.5),
    arrowHead(x + 52, cy, 1, 0, 12),
    text(x + 64, cy + 4, words.energy, 12, 'start'),
  );
  cy += 28;
  shapes.push(text(x + 4, cy + 4, words.codes, 12, 'start'));
  return { shapes, height: cy + 20 - y, width: 340 };
}

/** A standalone SVG file of the ecogram with its legend below. */
export function ecogramSvg(map: NetworkMap, words: EcogramWords = ECOGRAM_WORDS_NL): string {
  const layout = layoutEcogram(map);
  const legend = ecogramLegend(MARGIN, layout.height, words);
  return svgDocument(
    `${words.title} — ${map.householdLabel}`,
    Math.max(layout.width, legend.width + 2 * MARGIN),
    layout.height + legend.height + MARGIN,
    [...ecogramShapes(map, layout, words), ...legend.shapes],
  );
}
