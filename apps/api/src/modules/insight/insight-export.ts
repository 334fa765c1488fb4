import type { InsightDashboard, InsightIndicatorView } from '@casustafel/contracts';
import { sumShown } from '@casustafel/domain';
import { csvField } from '../case-file/households.controller';

/**
 * Exports of a team's management information for Dutch Excel, shaped like the access-log CSV:
 * UTF-8 with a byte order mark, `;` between fields, CRLF, every field quoted, and decimal commas.
 * A hidden value is written as the word "verborgen" (never as 0 or as an empty cell that a sum
 * would read as 0). Both exports are built from the dashboard's shown values only, so they hide
 * exactly what the dashboard hides. They hold a few hundred lines at most (figures, not rows per
 * client): building one takes well under a millisecond, so it needs no worker thread.
 */

export type InsightLanguage = 'nl' | 'en';

const BOM = '\uFEFF';

const INDICATOR_NAMES: Record<InsightIndicatorView['id'], [string, string]> = {
  'cases-by-status': ['Casussen naar fase (einde periode)', 'Cases by stage (end of period)'],
  'case-flow': ['Nieuwe en afgesloten casussen', 'New and closed cases'],
  meetings: ['Overleggen en besproken casussen', 'Meetings and cases discussed'],
  'time-box': ['Bespreektijd per casus', 'Discussion time per case'],
  'decisions-by-type': ['Besluiten naar soort', 'Decisions by type'],
  'solution-mix': ['Oplossingen: informeel, maatwerk, 1e en 2e lijn', 'Solutions by sphere'],
  'informal-share': ['Aandeel oplossingen in de informele sfeer', 'Share of informal solutions'],
  escalations: ['Opschalen en afschalen', 'Escalations and de-escalations'],
  'lead-times': ['Doorlooptijden vanaf aanmelding (dagen)', 'Lead times from registration (days)'],
  'zrm-change': ['ZRM-verandering per domein (aantal casussen)', 'ZRM change per domain (cases)'],
  'zrm-mean-change': ['ZRM-verandering per domein (gemiddeld)', 'ZRM change per domain (mean)'],
  actions: ['Acties met deadline in de periode', 'Actions due in the period'],
  'plan-mix': ['Onderdelen van ondersteuningsplannen', 'Support plan items'],
  costs: ['Kosten per traject naar taakveld', 'Costs per trajectory by task field'],
  evaluations: ['Evaluaties op tijd', 'Evaluations on time'],
  'family-conferences': ['Familienetwerkberaden', 'Family group conferences'],
};

const WORDS = {
  nl: {
    header: ['Team', 'Periode', 'Indicator', 'Omschrijving', 'Rij', 'Kolom', 'Waarde', 'Eenheid'],
    hidden: 'verborgen',
    unavailable: 'niet beschikbaar',
    total: 'totaal',
    units: {
      count: 'aantal',
      days: 'dagen',
      minutes: 'minuten',
      percent: 'procent',
      euro: 'euro',
      score: 'score',
    },
  },
  en: {
    header: ['Team', 'Period', 'Indicator', 'Description', 'Row', 'Column', 'Value', 'Unit'],
    hidden: 'hidden',
    unavailable: 'not available',
    total: 'total',
    units: {
      count: 'count',
      days: 'days',
      minutes: 'minutes',
      percent: 'percent',
      euro: 'euro',
      score: 'score',
    },
  },
} as const;

/** A number as Dutch Excel reads it (decimal comma, no thousands separator). */
export function dutchNumber(value: number, lang: InsightLanguage): string {
  const text = String(Math.round(value * 100) / 100);
  return lang === 'nl' ? text.replace('.', ',') : text;
}

const line = (fields: string[]) => fields.map(csvField).join(';');
const csv = (lines: string[]) => `${BOM}${lines.join('\r\n')}\r\n`;

/** Every indicator, cell by cell, totals included (long format: one value per line). */
export function insightCsv(dashboard: InsightDashboard, lang: InsightLanguage): string {
  const w = WORDS[lang];
  const period = `${dashboard.from} – ${dashboard.to}`;
  const lines = [line([...w.header])];
  const value = (v: number | null) => (v === null ? w.hidden : dutchNumber(v, lang));
  for (const indicator of dashboard.indicators) {
    const name = INDICATOR_NAMES[indicator.id][lang === 'nl' ? 0 : 1];
    const base = [dashboard.team.name, period, indicator.id, name];
    const t = indicator.table;
    if (!indicator.available || !t) {
      lines.push(line([...base, '', '', w.unavailable, '']));
      continue;
    }
    for (const row of t.rows) {
      t.columns.forEach((column, j) => {
        lines.push(
          line([
            ...base,
            row.key,
            column,
            value(row.values[j] ?? null),
            w.units[t.units[j] ?? 'count'],
          ]),
        );
      });
      // Count tables have a total per row (a sum, or a distinct count over the period).
      if (t.units.every((u) => u === 'count'))
        lines.push(line([...base, row.key, w.total, value(row.total), w.units.count]));
    }
    if (t.totals) {
      t.columns.forEach((column, j) => {
        lines.push(line([...base, w.total, column, value(t.totals?.[j] ?? null), w.units.count]));
      });
      lines.push(line([...base, w.total, w.total, value(t.total), w.units.count]));
    }
  }
  return csv(lines);
}

/**
 * The fields of the Gemeentelijke Monitor Sociaal Domein (CBS/VNG) that the team's recorded work
 * can fill, per half year (the GMSD's reporting period): the trajectories the local access team
 * ended, the maatwerkvoorzieningen it decided on, and its referrals to second-line care (the
 * GMSD's "verwijzer: gemeentelijke toegang"), and the costs per taakveld of the support plans'
 * items over the whole period. Needs a dashboard by quarter; half years are sums of two shown
 * quarters.
 */
export function insightGmsdCsv(
  dashboard: InsightDashboard,
  organisationName: string,
  lang: InsightLanguage,
): string {
  const w = WORDS[lang];
  const header =
    lang === 'nl'
      ? ['Verslagperiode', 'Gemeente', 'Team', 'Onderwerp (GMSD)', 'Waarde', 'Bron in Casustafel']
      : [
          'Reporting period',
          'Municipality',
          'Team',
          'Topic (GMSD)',
          'Value',
          'Source in Casustafel',
        ];
  const topics: {
    indicator: InsightIndicatorView['id'];
    row: string;
    nl: string;
    en: string;
    source: string;
  }[] = [
    {
      indicator: 'case-flow',
      row: 'afgesloten',
      nl: 'Beëindigde trajecten (lokale toegang)',
      en: 'Trajectories ended (local access)',
      source: 'casusfase afgesloten',
    },
    {
      indicator: 'decisions-by-type',
      row: 'maatwerkvoorziening',
      nl: 'Besluiten tot maatwerkvoorziening (Wmo en Jeugdwet)',
      en: 'Decisions on individual provisions (Wmo and Youth Act)',
      source: 'besluit maatwerkvoorziening',
    },
    {
      indicator: 'decisions-by-type',
      row: 'verwijzing-2e-lijn',
      nl: 'Verwijzingen door de gemeentelijke toegang naar de tweede lijn',
      en: 'Referrals by the municipal access team to second-line care',
      source: 'besluit verwijzing 2e lijn',
    },
  ];
  const lines = [line(header)];
  const halves = new Map<string, string[]>();
  const buckets = dashboard.indicators.find((i) => i.id === 'case-flow')?.table?.columns ?? [];
  for (const quarter of buckets) {
    const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
    if (!match) continue;
    const half = `${match[1]}-H${Number(match[2]) <= 2 ? 1 : 2}`;
    halves.set(half, [...(halves.get(half) ?? []), quarter]);
  }
  for (const [half, quarters] of halves) {
    for (const topic of topics) {
      const table = dashboard.indicators.find((i) => i.id === topic.indicator)?.table;
      const row = table?.rows.find((r) => r.key === topic.row);
      const values = quarters.map((q) => row?.values[table?.columns.indexOf(q) ?? -1] ?? null);
      const sum = sumShown(values);
      lines.push(
        line([
          half,
          organisationName,
          dashboard.team.name,
          lang === 'nl' ? topic.nl : topic.en,
          sum === null ? w.hidden : dutchNumber(sum, lang),
          topic.source,
        ]),
      );
    }
  }
  // Costs per taakveld (GMSD: costs of Wmo and Jeugd by taakveld) over the whole period.
  const costs = dashboard.indicators.find((i) => i.id === 'costs');
  for (const row of costs?.table?.rows ?? []) {
    const total = row.values[1] ?? null;
    lines.push(
      line([
        `${dashboard.from} – ${dashboard.to}`,
        organisationName,
        dashboard.team.name,
        lang === 'nl' ? `Kosten taakveld ${row.key} (euro)` : `Costs task field ${row.key} (euro)`,
        total === null ? w.hidden : dutchNumber(total, lang),
        'kosten van inzet in ondersteuningsplannen',
      ]),
    );
  }
  return csv(lines);
}
