import { AUDIT_OUTCOMES, type AuditOutcome } from '@casustafel/contracts';
import { AUDIT_ACTIONS, type AuditFilters } from '@casustafel/client/data-access';

/** The filter form's raw values (dates as `YYYY-MM-DD` from `<input type="date">`). */
export interface AuditFilterForm {
  userId: string;
  clientId: string;
  from: string;
  to: string;
  action: string;
  outcome: string;
}

export const EMPTY_FILTERS: AuditFilterForm = {
  userId: '',
  clientId: '',
  from: '',
  to: '',
  action: '',
  outcome: '',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a `YYYY-MM-DD` date, plus `days`, as ISO 8601. */
export function localDayStart(value: string, days = 0): string | null {
  const match = DATE.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export type AuditFilterProblem = 'clientId' | 'period';

/**
 * Form values → the api's query. "Tot en met" a day means before the next day's midnight.
 * Returns the problems instead when a value cannot be sent.
 */
export function toAuditQuery(
  form: AuditFilterForm,
): { ok: true; filters: AuditFilters } | { ok: false; problems: AuditFilterProblem[] } {
  const problems: AuditFilterProblem[] = [];
  const clientId = form.clientId.trim();
  if (clientId && !UUID.test(clientId)) problems.push('clientId');
  const from = form.from ? localDayStart(form.from) : null;
  const to = form.to ? localDayStart(form.to, 1) : null;
  if ((form.from && !from) || (form.to && !to) || (from && to && from >= to))
    problems.push('period');
  if (problems.length > 0) return { ok: false, problems };
  const filters: AuditFilters = {};
  if (form.userId) filters.userId = form.userId;
  if (clientId) filters.clientId = clientId.toLowerCase();
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (form.action) filters.action = form.action;
  if ((AUDIT_OUTCOMES as readonly string[]).includes(form.outcome)) {
    filters.outcome = form.outcome as AuditOutcome;
  }
  return { ok: true, filters };
}

/** Translation key of an action, or null when the viewer does not know it (show the code). */
export function actionKey(action: string): string | null {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? `audit.actions.${action}` : null;
}

/** The objects of the action filter: `auth.` matches every `auth.*` action. */
export const ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]))];
