import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type {
  TimelineEntry,
  TimelineKind,
  TimelinePage,
  TimelineSource,
} from '@casustafel/contracts';
import type { MeldcodeRecord } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { CaseFileAccess } from '../case-file/case-file-access';
import { CaseEntity } from '../case-file/case.entity';

/** Rows read per source and case set: the timeline is bounded, then paged. */
const SOURCE_MAX = 500;

interface TimelineOptions {
  before?: string | undefined;
  limit: number;
}

/**
 * The household's story: what happened to its cases, newest first — meetings that discussed a
 * case (the question and the phase reached), decisions, actions and their status, ZRM
 * assessments, status changes and Meldcode steps. Read only (one query per source over the
 * other modules' tables; nothing is written here), and filtered by the reader's right to see
 * the case: a case the reader may not read contributes nothing, guests and families nothing.
 */
@Injectable()
export class TimelineService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseFileAccess,
  ) {}

  async forCase(actor: Actor, caseId: string, options: TimelineOptions): Promise<TimelinePage> {
    const found = await this.access.case(actor, caseId, 'read', { type: 'timeline', id: caseId });
    return this.page([found], options);
  }

  async forHousehold(
    actor: Actor,
    householdId: string,
    options: TimelineOptions,
  ): Promise<TimelinePage> {
    await this.access.household(actor, householdId, 'read', { type: 'timeline', id: householdId });
    const cases = await this.dataSource.manager.find(CaseEntity, { where: { householdId } });
    // Need-to-know per case: a case of another team of the same household stays out.
    const readable = cases.filter((c) => this.access.mayCase(actor, c, 'read'));
    return this.page(readable, options);
  }

  private async page(cases: CaseEntity[], options: TimelineOptions): Promise<TimelinePage> {
    const all = await this.entries(cases);
    const before = options.before ? Date.parse(options.before) : Number.POSITIVE_INFINITY;
    const older = all.filter((e) => Date.parse(e.at) < before);
    const entries = older.slice(0, options.limit);
    const last = entries.at(-1);
    return {
      entries,
      nextBefore: older.length > entries.length && last ? last.at : null,
    };
  }

  /** Every entry of these cases, newest first (ties by id, so pages are stable). */
  async entries(cases: CaseEntity[]): Promise<TimelineEntry[]> {
    if (cases.length === 0) return [];
    const ids = cases.map((c) => c.id);
    const title = new Map(cases.map((c) => [c.id, c.title]));
    const q = <T>(sql: string, params: unknown[]) =>
      this.dataSource.query(sql, params) as Promise<T[]>;
    const households = [...new Set(cases.map((c) => c.householdId))];
    const caseOfHousehold = new Map(cases.map((c) => [c.householdId, c.id]));
    const [items, decisions, actions, zrm, statuses, meldcode, versions] = await Promise.all([
      q<{
        item_id: string;
        meeting_id: string;
        case_id: string;
        starts_at: Date;
        status: string;
        vraag: string | null;
        live_state: { items?: { id: string; phase: string | null }[] } | null;
      }>(
        `SELECT a."id" AS item_id, a."meeting_id", p."case_id", m."starts_at", a."status",
                p."content" ->> 'vraag' AS vraag, m."live_state"
           FROM "agenda_item" a
           JOIN "preparation" p ON p."id" = a."preparation_id"
           JOIN "meeting" m ON m."id" = a."meeting_id"
          WHERE p."case_id" = ANY($1::uuid[])
          ORDER BY m."starts_at" DESC LIMIT ${SOURCE_MAX}`,
        [ids],
      ),
      q<{
        id: string;
        meeting_id: string;
        case_id: string;
        type: string;
        text: string;
        rationale: string;
        decided_at: Date;
      }>(
        `SELECT d."id", d."meeting_id", p."case_id", d."type", d."text", d."rationale", d."decided_at"
           FROM "meeting_decision" d
           JOIN "agenda_item" a ON a."id" = d."agenda_item_id"
           JOIN "preparation" p ON p."id" = a."preparation_id"
          WHERE p."case_id" = ANY($1::uuid[])
          ORDER BY d."decided_at" DESC LIMIT ${SOURCE_MAX}`,
        [ids],
      ),
      q<{
        id: string;
        meeting_id: string;
        case_id: string;
        text: string;
        due: string;
        status: string;
        owner: string | null;
        created_at: Date;
        updated_at: Date;
      }>(
        `SELECT x."id", x."meeting_id", p."case_id", x."description" AS text, x."due"::text AS due, x."status",
                u."display_name" AS owner, x."created_at", x."updated_at"
           FROM "meeting_action" x
           JOIN "agenda_item" a ON a."id" = x."agenda_item_id"
           JOIN "preparation" p ON p."id" = a."preparation_id"
           LEFT JOIN "app_user" u ON u."id" = x."owner_id"
          WHERE p."case_id" = ANY($1::uuid[])
          ORDER BY x."updated_at" DESC LIMIT ${SOURCE_MAX}`,
        [ids],
      ),
      q<{
        id: string;
        case_id: string;
        version: string;
        assessed_at: string;
        created_at: Date;
        scored: string;
      }>(
        `SELECT z."id", z."case_id", z."version", z."assessed_at"::text AS assessed_at, z."created_at",
                (SELECT count(*) FROM jsonb_each(z."domains") d
                  WHERE jsonb_typeof(d.value -> 'score') = 'number')::text AS scored
           FROM "zrm_assessment" z
          WHERE z."case_id" = ANY($1::uuid[])
          ORDER BY z."created_at" DESC LIMIT ${SOURCE_MAX}`,
        [ids],
      ),
      q<{ id: string; case_id: string; status: string; at: Date }>(
        `SELECT s."id", s."case_id", s."status", s."at"
           FROM "case_status_change" s
          WHERE s."case_id" = ANY($1::uuid[])
          ORDER BY s."at" DESC LIMIT ${SOURCE_MAX}`,
        [ids],
      ),
      q<{ id: string; case_id: string; state: MeldcodeRecord }>(
        `SELECT r."id", r."case_id", r."state" FROM "meldcode_record" r
          WHERE r."case_id" = ANY($1::uuid[])`,
        [ids],
      ),
      q<{
        id: string;
        household_id: string;
        number: number;
        change: string;
        subject: string | null;
        created_at: Date;
      }>(
        `SELECT v."id", p."household_id", v."number", v."change", v."subject", v."created_at"
           FROM "support_plan_version" v
           JOIN "support_plan" p ON p."id" = v."plan_id"
          WHERE p."household_id" = ANY($1::uuid[])
          ORDER BY v."created_at" DESC LIMIT ${SOURCE_MAX}`,
        [households],
      ),
    ]);
    const out: TimelineEntry[] = [];
    type Row = { case_id: string; meeting_id?: string };
    const minutes = (r: Row): TimelineSource => ({
      kind: 'minutes',
      caseId: r.case_id,
      meetingId: r.meeting_id ?? null,
    });
    const ofCase = (r: Row): TimelineSource => ({
      kind: 'case',
      caseId: r.case_id,
      meetingId: null,
    });
    /** One entry: its id is `<kind>:<key>`, its time in ISO, its case's title beside it. */
    const add = (
      [kind, key]: [TimelineKind, string],
      source: TimelineSource,
      at: Date | string,
      [text, detail, status]: [string, string | null, string],
    ) =>
      out.push({
        id: `${kind}:${key}`,
        kind,
        at: new Date(at).toISOString(),
        caseId: source.caseId,
        caseTitle: title.get(source.caseId) ?? '',
        text,
        detail,
        status,
        source,
      });
    for (const i of items) {
      const phase = i.live_state?.items?.find((x) => x.id === i.item_id)?.phase ?? null;
      const source = { ...minutes(i), kind: 'meeting' as const };
      add(['meeting', i.item_id], source, i.starts_at, [i.vraag ?? '', phase, i.status]);
    }
    for (const d of decisions)
      add(['decision', d.id], minutes(d), d.decided_at, [d.text, d.rationale, d.type]);
    for (const a of actions)
      add(['action', a.id], minutes(a), a.updated_at, [
        a.text,
        `${a.owner ?? ''} · ${a.due}`,
        a.status,
      ]);
    // The ZRM entry's status: how many domains were scored (the rest deliberately not).
    for (const z of zrm)
      add(['zrm', z.id], ofCase(z), z.created_at, [`ZRM ${z.version}`, z.assessed_at, z.scored]);
    for (const s of statuses) add(['status', s.id], ofCase(s), s.at, [s.status, null, s.status]);
    for (const r of meldcode)
      r.state.entries.forEach((entry, index) => {
        const step = String(entry.step);
        add(['meldcode', `${r.id}:${index}`], ofCase(r), entry.at, [step, null, step]);
      });
    for (const v of versions) {
      const caseId = caseOfHousehold.get(v.household_id);
      if (!caseId) continue;
      const source = {
        kind: 'plan' as const,
        caseId,
        meetingId: null,
        householdId: v.household_id,
      };
      add(['plan-version', v.id], source, v.created_at, [String(v.number), v.subject, v.change]);
    }
    return out.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));
  }

  /** The cases of a household (for the family's view; no reader check: the caller scoped it). */
  casesOf(householdId: string): Promise<CaseEntity[]> {
    return this.dataSource.manager.find(CaseEntity, {
      where: { householdId: In([householdId]) },
      order: { createdAt: 'ASC' },
    });
  }
}
