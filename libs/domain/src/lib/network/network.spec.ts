import { describe, expect, it } from '@jest/globals';
import type {
  GenogramLinkModel as GenogramLink,
  MapPersonModel as MapPerson,
  NetworkMapModel as NetworkMap,
} from './model';
import {
  type Box,
  type Segment,
  SYMBOL,
  ageOf,
  crossingSegments,
  ecogramSvg,
  genogramSvg,
  layoutEcogram,
  layoutGenogram,
  overlappingBoxes,
  segmentsThroughBoxes,
  yearsLabel,
  HOUSEHOLD_R,
  SYSTEM_R,
} from '../../index';

let n = 0;
const id = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function person(
  name: string,
  gender: MapPerson['gender'],
  birthYear: number | null,
  extra: Partial<MapPerson> = {},
): MapPerson {
  return {
    id: id(),
    kind: 'network',
    name,
    role: 'familie',
    relationDetail: null,
    gender,
    birthYear,
    deceased: false,
    deathYear: null,
    indexPerson: false,
    mapOnly: true,
    ...extra,
  };
}

/** Two grandparent couples, their children, two partnerships and three grandchildren. */
export function threeGenerations(): NetworkMap {
  const opa = person('Opa Jan', 'man', 1940, { deceased: true, deathYear: 2019 });
  const oma = person('Oma Riet', 'vrouw', 1942);
  const opa2 = person('Opa Kees', 'man', 1938);
  const oma2 = person('Oma Mien', 'vrouw', 1941);
  const vader = person('Mark', 'man', 1965, { kind: 'member', role: 'ouder', mapOnly: false });
  const tante = person('Ellen', 'vrouw', 1968);
  const moeder = person('Sandra', 'vrouw', 1966, { kind: 'member', role: 'ouder', mapOnly: false });
  const oom = person('Peter', 'man', 1963);
  const partnerTante = person('Rob', 'man', 1967);
  // Added youngest first: the layout must still put the oldest child left.
  const jongste = person('Lisa', 'vrouw', 1995, { kind: 'member', role: 'kind', mapOnly: false });
  const oudste = person('Tim', 'man', 1990, {
    kind: 'member',
    role: 'kind',
    mapOnly: false,
    indexPerson: true,
  });
  const nichtje = person('Noor', 'onbekend', 2001);
  const persons = [
    opa,
    oma,
    opa2,
    oma2,
    vader,
    tante,
    moeder,
    oom,
    partnerTante,
    jongste,
    oudste,
    nichtje,
  ];
  const p1 = {
    id: id(),
    kind: 'partnership',
    from: opa.id,
    to: oma.id,
    status: 'getrouwd',
    startYear: 1962,
    endYear: null,
  } as const;
  const p2 = {
    id: id(),
    kind: 'partnership',
    from: oma2.id,
    to: opa2.id,
    status: 'gescheiden',
    startYear: 1960,
    endYear: 1980,
  } as const;
  const p3 = {
    id: id(),
    kind: 'partnership',
    from: vader.id,
    to: moeder.id,
    status: 'getrouwd',
    startYear: 1988,
    endYear: null,
  } as const;
  const p4 = {
    id: id(),
    kind: 'partnership',
    from: tante.id,
    to: partnerTante.id,
    status: 'samenwonend',
    startYear: 1999,
    endYear: null,
  } as const;
  const child = (
    from: string,
    to: string,
    childType: 'biologisch' | 'geadopteerd' | 'pleeg' = 'biologisch',
  ): GenogramLink => ({ id: id(), kind: 'child', from, to, childType, twinGroup: null });
  const links: GenogramLink[] = [
    p1,
    p2,
    p3,
    p4,
    child(p1.id, tante.id),
    child(p1.id, vader.id),
    child(p2.id, moeder.id),
    child(p2.id, oom.id),
    child(p3.id, jongste.id),
    child(p3.id, oudste.id, 'geadopteerd'),
    child(p4.id, nichtje.id, 'pleeg'),
    {
      id: id(),
      kind: 'emotional',
      from: vader.id,
      to: opa.id,
      emotion: 'verbroken',
      directed: false,
    },
    {
      id: id(),
      kind: 'emotional',
      from: oom.id,
      to: moeder.id,
      emotion: 'misbruik',
      directed: true,
    },
  ];
  return {
    householdId: id(),
    householdLabel: 'Gezin De Vries',
    revision: 1,
    persons,
    links,
    ties: [
      {
        id: id(),
        category: 'school',
        label: 'De Regenboog',
        networkPersonId: null,
        strength: 'sterk',
        energy: 'naar-huishouden',
        codes: ['P', 'A'],
      },
      {
        id: id(),
        category: 'werk',
        label: 'Bouwbedrijf',
        networkPersonId: null,
        strength: 'stressvol',
        energy: 'van-huishouden',
        codes: [],
      },
      {
        id: id(),
        category: 'huisarts',
        label: 'Dr. Bakker',
        networkPersonId: null,
        strength: 'zwak',
        energy: 'wederzijds',
        codes: ['A'],
      },
      {
        id: id(),
        category: 'vrienden',
        label: 'Buurvrouw Ans',
        networkPersonId: null,
        strength: 'wankel',
        energy: 'geen',
        codes: ['G', 'E'],
      },
      {
        id: id(),
        category: 'sport',
        label: 'Voetbal',
        networkPersonId: null,
        strength: 'sterk',
        energy: 'naar-huishouden',
        codes: ['G'],
      },
    ],
  };
}

describe('genogram layout', () => {
  const map = threeGenerations();
  const layout = layoutGenogram(map);
  const at = new Map(layout.persons.map((p) => [p.person.name, p]));
  const symbolBoxes: Box[] = layout.persons.map((p) => ({
    id: p.person.name,
    x: p.x - SYMBOL / 2,
    y: p.y - SYMBOL / 2,
    w: SYMBOL,
    h: SYMBOL,
  }));

  it('places three generations on three rows', () => {
    expect(new Set(layout.persons.map((p) => p.generation))).toEqual(new Set([0, 1, 2]));
    expect(at.get('Opa Jan')?.generation).toBe(0);
    expect(at.get('Mark')?.generation).toBe(1);
    expect(at.get('Sandra')?.generation).toBe(1);
    expect(at.get('Rob')?.generation).toBe(1);
    expect(at.get('Tim')?.generation).toBe(2);
  });

  it('draws no overlapping symbols, nor overlapping names (a node each)', () => {
    expect(overlappingBoxes(symbolBoxes)).toEqual([]);
    const nodes = layout.persons.map((p) => ({
      id: p.person.name,
      x: p.x - 59,
      y: p.y - SYMBOL / 2,
      w: 118,
      h: SYMBOL + 44,
    }));
    expect(overlappingBoxes(nodes)).toEqual([]);
  });

  it('draws no crossing partner lines and none behind another symbol', () => {
    const partnerLines: Segment[] = layout.partnerships.flatMap((p) => {
      const a = layout.persons.find((x) => x.person.id === p.link.from);
      const b = layout.persons.find((x) => x.person.id === p.link.to);
      if (!a || !b) throw new Error('partner not placed');
      return [
        { id: `${p.link.id}:h`, x1: p.x1, y1: p.y, x2: p.x2, y2: p.y },
        { id: `${p.link.id}:a`, x1: a.x, y1: a.y + SYMBOL / 2, x2: a.x, y2: p.y },
        { id: `${p.link.id}:b`, x1: b.x, y1: b.y + SYMBOL / 2, x2: b.x, y2: p.y },
      ];
    });
    const crossings = crossingSegments(partnerLines).filter(
      ([s, t]) => s.split(':')[0] !== t.split(':')[0],
    );
    expect(crossings).toEqual([]);
    const owners = (segmentId: string) => {
      const link = layout.partnerships.find((p) => segmentId.startsWith(p.link.id));
      const names = layout.persons
        .filter((x) => x.person.id === link?.link.from || x.person.id === link?.link.to)
        .map((x) => x.person.name);
      return names;
    };
    expect(segmentsThroughBoxes(partnerLines, symbolBoxes, owners)).toEqual([]);
  });

  it('puts the oldest child left', () => {
    expect((at.get('Tim')?.x ?? 0) < (at.get('Lisa')?.x ?? 0)).toBe(true);
    expect((at.get('Mark')?.x ?? 0) < (at.get('Ellen')?.x ?? 0)).toBe(true);
    expect((at.get('Peter')?.x ?? 0) < (at.get('Sandra')?.x ?? 0)).toBe(true);
  });

  it('keeps the sibling bars of different parents apart', () => {
    const bars = new Map<string, Segment>();
    for (const c of layout.children) {
      const bar = bars.get(c.link.from) ?? {
        id: c.link.from,
        x1: c.fromX,
        y1: c.barY,
        x2: c.fromX,
        y2: c.barY,
      };
      bar.x1 = Math.min(bar.x1, c.toX, c.barX);
      bar.x2 = Math.max(bar.x2, c.toX, c.barX);
      bars.set(c.link.from, bar);
    }
    expect(crossingSegments([...bars.values()])).toEqual([]);
  });

  it('encircles the household members', () => {
    const h = layout.household;
    expect(h).not.toBeNull();
    for (const name of ['Mark', 'Sandra', 'Tim', 'Lisa']) {
      const p = at.get(name);
      expect(p && h && p.x > h.x && p.x < h.x + h.w && p.y > h.y && p.y < h.y + h.h).toBe(true);
    }
  });

  it('draws twins from one point', () => {
    const twins = threeGenerations();
    const kids = twins.links.filter((l) => l.kind === 'child').slice(4, 6);
    for (const k of kids) if (k.kind === 'child') k.twinGroup = 'a';
    const placed = layoutGenogram(twins).children.filter((c) => c.link.twinGroup === 'a');
    expect(placed).toHaveLength(2);
    expect(placed.every((c) => c.twin)).toBe(true);
    expect(placed[0]?.barX).toBe(placed[1]?.barX);
  });

  it('leaves a neighbour without genogram lines to the ecogram', () => {
    const m = threeGenerations();
    m.persons.push(person('Buurvrouw Ans', 'vrouw', 1960, { role: 'buur' }));
    expect(layoutGenogram(m).persons.map((p) => p.person.name)).not.toContain('Buurvrouw Ans');
    expect(layoutGenogram(m).persons).toHaveLength(12);
  });

  it('shows ages and years', () => {
    const opa = at.get('Opa Jan')?.person as MapPerson;
    expect(ageOf(opa, 2026)).toBe(79);
    expect(yearsLabel(opa)).toBe('1940–2019');
    expect(ageOf(at.get('Oma Riet')?.person as MapPerson, 2026)).toBe(84);
  });

  it('exports a standalone SVG with notation and legend', () => {
    const svg = genogramSvg(map, 2026);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Genogram — Gezin De Vries</title>');
    expect(svg).toContain('stroke-dasharray="7 5"'); // cohabiting
    expect(svg).toContain('stroke-dasharray="2 3"'); // foster
    expect(svg).toContain('Legenda');
    expect(svg).not.toMatch(/NaN|undefined/);
  });

  it('escapes names in the SVG', () => {
    const m = threeGenerations();
    (m.persons[0] as MapPerson).name = '<script>&';
    expect(genogramSvg(m, 2026)).toContain('&lt;script&gt;&amp;');
  });
});

describe('ecogram layout', () => {
  it('puts the household in the centre and keeps systems apart', () => {
    const map = threeGenerations();
    for (let i = 0; i < 12; i++)
      map.ties.push({ ...(map.ties[0] as NetworkMap['ties'][number]), id: id(), label: `S${i}` });
    const layout = layoutEcogram(map);
    expect(layout.cx).toBe(layout.width / 2);
    const boxes: Box[] = [
      {
        id: 'household',
        x: layout.cx - HOUSEHOLD_R,
        y: layout.cy - HOUSEHOLD_R,
        w: 2 * HOUSEHOLD_R,
        h: 2 * HOUSEHOLD_R,
      },
      ...layout.systems.map((s) => ({
        id: s.tie.id,
        x: s.x - SYSTEM_R,
        y: s.y - SYSTEM_R,
        w: 2 * SYSTEM_R,
        h: 2 * SYSTEM_R,
      })),
    ];
    // Boxes around circles may touch at the corners of neighbours; circles must not.
    for (let i = 0; i < layout.systems.length; i++)
      for (let j = i + 1; j < layout.systems.length; j++) {
        const a = layout.systems[i];
        const b = layout.systems[j];
        expect(Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0))).toBeGreaterThan(
          2 * SYSTEM_R,
        );
      }
    expect(boxes.length).toBe(18);
  });

  it('draws only the household when there are no systems yet', () => {
    const map = threeGenerations();
    map.ties = [];
    const layout = layoutEcogram(map);
    expect(layout.width).toBeLessThan(2 * HOUSEHOLD_R + 100);
    expect(layout.systems).toEqual([]);
  });

  it('exports the ties with codes and arrows', () => {
    const svg = ecogramSvg(threeGenerations());
    expect(svg).toContain('<title>Ecogram — Gezin De Vries</title>');
    expect(svg).toContain('>PA</text>');
    expect(svg).toContain('stroke-dasharray="8 6"'); // tenuous
    expect(svg).toContain('<polygon'); // arrows
  });
});
