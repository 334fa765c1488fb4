/**
 * A drawing as a flat list of shapes: built once by the pure layout code and then either
 * serialised to a standalone SVG file (the server's export) or bound by the client's template
 * (the interactive map). So the export and the screen always show the same drawing.
 */
export type Shape =
  | {
      kind: 'line';
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      stroke: string;
      width: number;
      dash: string | null;
      /** What the line stands for (`partner:<linkId>`), for tests and the screen's markup. */
      tag?: string;
    }
  | {
      kind: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      rx: number;
      stroke: string;
      width: number;
      fill: string;
      dash: string | null;
    }
  | {
      kind: 'circle';
      cx: number;
      cy: number;
      r: number;
      stroke: string;
      width: number;
      fill: string;
      dash: string | null;
    }
  | {
      kind: 'polygon';
      points: string;
      stroke: string;
      width: number;
      fill: string;
    }
  | {
      kind: 'path';
      d: string;
      stroke: string;
      width: number;
      fill: string;
      dash: string | null;
    }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      weight: 'normal' | 'bold';
      fill: string;
    };

export const INK = '#1a1a1a';
export const MUTED = '#595959';
export const PAPER = '#ffffff';
export const CONFLICT = '#b3261e';
export const CLOSE = '#1b6e3a';

export const line = (
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  width = 1.5,
  dash: string | null = null,
  stroke = INK,
): Shape => ({ kind: 'line', x1, y1, x2, y2, stroke, width, dash });

export const text = (
  x: number,
  y: number,
  value: string,
  size = 12,
  anchor: 'start' | 'middle' | 'end' = 'middle',
  weight: 'normal' | 'bold' = 'normal',
  fill = INK,
): Shape => ({ kind: 'text', x, y, text: value, size, anchor, weight, fill });

const r1 = (n: number) => Math.round(n * 10) / 10;

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function dashAttr(dash: string | null): string {
  return dash ? ` stroke-dasharray="${dash}"` : '';
}

/** One shape as SVG markup (every attribute inline: the file needs no stylesheet). */
export function shapeSvg(shape: Shape): string {
  switch (shape.kind) {
    case 'line':
      return `<line x1="${r1(shape.x1)}" y1="${r1(shape.y1)}" x2="${r1(shape.x2)}" y2="${r1(shape.y2)}" stroke="${shape.stroke}" stroke-width="${shape.width}"${dashAttr(shape.dash)}/>`;
    case 'rect':
      return `<rect x="${r1(shape.x)}" y="${r1(shape.y)}" width="${r1(shape.w)}" height="${r1(shape.h)}" rx="${shape.rx}" stroke="${shape.stroke}" stroke-width="${shape.width}" fill="${shape.fill}"${dashAttr(shape.dash)}/>`;
    case 'circle':
      return `<circle cx="${r1(shape.cx)}" cy="${r1(shape.cy)}" r="${r1(shape.r)}" stroke="${shape.stroke}" stroke-width="${shape.width}" fill="${shape.fill}"${dashAttr(shape.dash)}/>`;
    case 'polygon':
      return `<polygon points="${shape.points}" stroke="${shape.stroke}" stroke-width="${shape.width}" fill="${shape.fill}"/>`;
    case 'path':
      return `<path d="${shape.d}" stroke="${shape.stroke}" stroke-width="${shape.width}" fill="${shape.fill}"${dashAttr(shape.dash)}/>`;
    case 'text':
      return `<text x="${r1(shape.x)}" y="${r1(shape.y)}" font-size="${shape.size}" text-anchor="${shape.anchor}" font-weight="${shape.weight}" fill="${shape.fill}">${escapeXml(shape.text)}</text>`;
  }
}

/** A standalone SVG document of the shapes, with a title for screen readers and viewers. */
export function svgDocument(title: string, width: number, height: number, shapes: Shape[]): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" font-family="'Noto Sans', 'DejaVu Sans', sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${w}" height="${h}" fill="${PAPER}"/>`,
    ...shapes.map(shapeSvg),
    '</svg>',
  ].join('\n');
}

/** An arrow head at (x, y) pointing along the direction (dx, dy). */
export function arrowHead(
  x: number,
  y: number,
  dx: number,
  dy: number,
  size = 9,
  fill = INK,
): Shape {
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x - ux * size;
  const by = y - uy * size;
  const px = -uy * (size / 2);
  const py = ux * (size / 2);
  return {
    kind: 'polygon',
    points: `${r1(x)},${r1(y)} ${r1(bx + px)},${r1(by + py)} ${r1(bx - px)},${r1(by - py)}`,
    stroke: fill,
    width: 1,
    fill,
  };
}
