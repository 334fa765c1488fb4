/** A team's headline figures, for the comparison between teams. */
import { shareOf, sumShown } from './suppression';
import type { InsightIndicatorId, InsightIndicator } from './indicators';

/** The headline figures of a team for the comparison between teams (shown values only). */
export interface InsightHeadline {
  newCases: number | null;
  casesDiscussed: number | null;
  informalShare: number | null;
  medianDaysToPlan: number | null;
  actionsOnTimeShare: number | null;
  escalations: number | null;
}

export function insightHeadline(indicators: readonly InsightIndicator[]): InsightHeadline {
  const t = (id: InsightIndicatorId) => indicators.find((i) => i.id === id)?.table ?? null;
  const row = (id: InsightIndicatorId, key: string) =>
    t(id)?.rows.find((r) => r.key === key) ?? null;
  const actions = row('actions', 'acties');
  const onTime = actions?.values[0] ?? null;
  const late = actions?.values[1] ?? null;
  const overdue = actions?.values[2] ?? null;
  return {
    newCases: row('case-flow', 'nieuw')?.total ?? null,
    casesDiscussed: row('meetings', 'casussen-besproken')?.total ?? null,
    informalShare: row('informal-share', 'besluiten')?.total ?? null,
    medianDaysToPlan: row('lead-times', 'plan')?.values[1] ?? null,
    actionsOnTimeShare: shareOf(onTime, sumShown([onTime, late, overdue])),
    escalations: row('escalations', 'opschalen')?.total ?? null,
  };
}

/** The base to which the comparison between teams rounds its counts. */
export const COMPARISON_ROUNDING = 5;

/**
 * The headline as the comparison between teams shows it: counts rounded to the nearest multiple
 * of five (shares and medians as they are). Readers of the comparison see teams whose cases they
 * may not read; rounded counts of overlapping periods cannot be subtracted into an exact count
 * under the small-cell threshold.
 */
export function roundedForComparison(headline: InsightHeadline): InsightHeadline {
  const round = (n: number | null) =>
    n === null ? null : Math.round(n / COMPARISON_ROUNDING) * COMPARISON_ROUNDING;
  return {
    ...headline,
    newCases: round(headline.newCases),
    casesDiscussed: round(headline.casesDiscussed),
    escalations: round(headline.escalations),
  };
}
