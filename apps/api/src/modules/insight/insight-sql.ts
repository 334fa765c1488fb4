import { INSIGHT_TIME_ZONE } from '@casustafel/domain';

/** The SQL pieces every dashboard statement shares: the period's bounds and buckets in Amsterdam. */
export const TZ = `'${INSIGHT_TIME_ZONE}'`;
export const FROM = `($2::date::timestamp AT TIME ZONE ${TZ})`;
export const TO = `($3::date::timestamp AT TIME ZONE ${TZ})`;
export const bucket = (column: string) => `to_char(${column} AT TIME ZONE ${TZ}, $4)`;

export type Row = Record<string, unknown>;
/** Runs one named (timed) statement. */
export type Run = (name: string, sql: string, params: unknown[]) => Promise<Row[]>;
export const num = (value: unknown) => Number(value ?? 0);
