import * as z from 'zod';
import {
  INSIGHT_GRANULARITIES,
  INSIGHT_INDICATORS,
  INSIGHT_SOURCES,
  INSIGHT_UNITS,
} from '@casustafel/domain';

/**
 * Management information of a team (issue 15): aggregates only, small cells hidden (`null`).
 * No value here identifies a client, and nothing links to one.
 */

/** The longest period one dashboard covers (the benchmark's five years, and a little slack). */
export const INSIGHT_MAX_DAYS = 6 * 366;

const dateSchema = z.iso.date();

/**
 * Periods are whole months (`from` and `to` the first of a month): with any day allowed, two
 * answers a week apart could be subtracted to reveal a week's count that is under the small-cell
 * threshold; whole months give nothing finer than the months the trends already show.
 */
const monthStart = z.iso.date().refine((d) => d.endsWith('-01'), { message: 'not-month-start' });

const periodFields = {
  from: monthStart,
  to: monthStart,
  granularity: z.enum(INSIGHT_GRANULARITIES).default('month'),
};
const inOrder = (q: { from: string; to: string }) => q.from < q.to;

const notTooLong = (q: { from: string; to: string }) =>
  (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 <= INSIGHT_MAX_DAYS;

/** Query of the dashboard and the comparison: `[from, to)` in calendar dates. */
export const insightQuerySchema = z
  .strictObject(periodFields)
  .refine(inOrder, { path: ['to'], message: '`to` must be after `from`' })
  .refine(notTooLong, { path: ['to'], message: 'the period is too long' });
export type InsightQuery = z.output<typeof insightQuerySchema>;

export const INSIGHT_EXPORT_FORMATS = ['csv', 'gmsd'] as const;
/** Query of the exports: the period, and CSV or the GMSD shape (per half year). */
export const insightExportQuerySchema = z
  .strictObject({
    ...periodFields,
    format: z.enum(INSIGHT_EXPORT_FORMATS).default('csv'),
    lang: z.enum(['nl', 'en']).optional(),
  })
  .refine(inOrder, { path: ['to'], message: '`to` must be after `from`' })
  .refine(notTooLong, { path: ['to'], message: 'the period is too long' });
export type InsightExportQuery = z.output<typeof insightExportQuerySchema>;

const shown = z.number().nullable();

export const insightTableSchema = z.object({
  columns: z.array(z.string()),
  units: z.array(z.enum(INSIGHT_UNITS)),
  rows: z.array(z.object({ key: z.string(), values: z.array(shown), total: shown })),
  totals: z.array(shown).nullable(),
  total: shown,
  hidden: z.number().int(),
});
export type InsightTableView = z.infer<typeof insightTableSchema>;

export const insightIndicatorSchema = z.object({
  id: z.enum(INSIGHT_INDICATORS),
  source: z.enum(INSIGHT_SOURCES),
  available: z.boolean(),
  table: insightTableSchema.nullable(),
});
export type InsightIndicatorView = z.infer<typeof insightIndicatorSchema>;

export const insightDashboardSchema = z.object({
  team: z.object({ id: z.uuid(), name: z.string() }),
  from: dateSchema,
  to: dateSchema,
  granularity: z.enum(INSIGHT_GRANULARITIES),
  /** Counts of 1 … k − 1 are hidden. */
  minCell: z.number().int(),
  generatedAt: z.iso.datetime(),
  indicators: z.array(insightIndicatorSchema),
});
export type InsightDashboard = z.infer<typeof insightDashboardSchema>;

export const insightHeadlineSchema = z.object({
  newCases: shown,
  casesDiscussed: shown,
  informalShare: shown,
  medianDaysToPlan: shown,
  actionsOnTimeShare: shown,
  escalations: shown,
});

/** The teams of the caller's organisation side by side (headline figures, hidden as above). */
export const insightComparisonSchema = z.object({
  from: dateSchema,
  to: dateSchema,
  minCell: z.number().int(),
  teams: z.array(z.object({ id: z.uuid(), name: z.string(), headline: insightHeadlineSchema })),
});
export type InsightComparison = z.infer<typeof insightComparisonSchema>;

/** Teams whose dashboard the caller may read (team leader of it, or organisation admin). */
export const insightTeamsSchema = z.array(z.object({ id: z.uuid(), name: z.string() }));
export type InsightTeam = z.infer<typeof insightTeamsSchema>[number];
