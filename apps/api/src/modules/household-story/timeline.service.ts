import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { TimelineEntry, TimelinePage } from '@casustafel/contracts';
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
    const iso = (value: Date | string) => new Date(value).toISOString();
    const caseTitle = (caseId: string) => title.get(caseId) ?? '';
    const out: TimelineEntry[] = [];
    for (const item of items) {
      const phase = item.live_state?.items?.find((i) => i.id === item.item_id)?.phase ?? null;
      out.push({
        id: `meeting:${item.item_id}`,
        kind: 'meeting',
        at: iso(item.starts_at),
        caseId: item.case_id,
        caseTitle: caseTitle(item.case_id),
        text: item.vraag ?? '',
        detail: phase,
        status: item.status,
        source: { kind: 'meeting', caseId: item.case_id, meetingId: item.meeting_id },
      });
    }
    for (const d of decisions)
      out.push({
        id: `decision:${d.id}`,
        kind: 'decision',
        at: iso(d.decided_at),
        caseId: d.case_id,
        caseTitle: caseTitle(d.case_id),
        text: d.text,
        detail: d.rationale,
        status: d.type,
        source: { kind: 'minutes', caseId: d.case_id, meetingId: d.meeting_id },
      });
    for (const a of actions)
      out.push({
        id: `action:${a.id}`,
        kind: 'action',
        at: iso(a.updated_at),
        caseId: a.case_id,
        caseTitle: caseTitle(a.case_id),
        text: a.text,
        detail: `${a.owner ?? ''} · ${a.due}`,
        status: a.status,
        source: { kind: 'minutes', caseId: a.case_id, meetingId: a.meeting_id },
      });
    for (const z of zrm)
      out.push({
        id: `zrm:${z.id}`,
        kind: 'zrm',
        at: iso(z.created_at),
        caseId: z.case_id,
        caseTitle: caseTitle(z.case_id),
        text: `ZRM ${z.version}`,
        detail: z.assessed_at,
        // How many domains were scored (the rest deliberately not).
        status: z.scored,
        source: { kind: 'case', caseId: z.case_id, meetingId: null },
      });
    for (const s of statuses)
      out.push({
        id: `status:${s.id}`,
        kind: 'status',
        at: iso(s.at),
        caseId: s.case_id,
        caseTitle: caseTitle(s.case_id),
        text: s.status,
        detail: null,
        status: s.status,
        source: { kind: 'case', caseId: s.case_id, meetingId: null },
      });
    for (const r of meldcode)
      r.state.entries.forEach((entry, index) =>
        out.push({
          id: `meldcode:${r.id}:${index}`,
          kind: 'meldcode',
          at: iso(entry.at),
          caseId: r.case_id,
          caseTitle: caseTitle(r.case_id),
          text: String(entry.step),
          detail: null,
          status: String(entry.step),
          source: { kind: 'case', caseId: r.case_id, meetingId: null },
        }),
      );
    for (const v of versions) {
      const caseId = caseOfHousehold.get(v.household_id);
      if (!caseId) continue;
      out.push({
        id: `plan-version:${v.id}`,
        kind: 'plan-version',
        at: iso(v.created_at),
        caseId,
        caseTitle: caseTitle(caseId),
        text: String(v.number),
        detail: v.subject,
        status: v.change,
        source: { kind: 'plan', caseId, meetingId: null, householdId: v.household_id },
      });
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
