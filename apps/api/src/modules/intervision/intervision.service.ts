import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type {
  IntervisionCase,
  IntervisionCaseSummary,
  IntervisionSource,
} from '@casustafel/contracts';
import type { z } from 'zod';
import type { createIntervisionCopySchema } from '@casustafel/contracts';
import { fold } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import type { SecretBox } from '../../common/crypto/secret-box';
import { forbidden, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { SECRET_BOX } from '../auth/auth.service';
import { CaseFileAccess } from '../case-file/case-file-access';
import { PreparationEntity } from '../case-file/case.entity';
import { IntervisionCaseEntity, IntervisionCaseSourceEntity } from './intervision.entities';
import { SECTION_TITLES, openCandidates } from './intervision-work';
import { IntervisionWork } from './intervision-work.service';
import { caseKnowledge } from './case-knowledge';

type CreateCopy = z.output<typeof createIntervisionCopySchema>;

/** Purpose code of intervision work in the audit trail. */
export const INTERVISION_PURPOSE = 'intervisie';

const REVIEW_ROLES = ['trainer', 'team_leader'] as const;

/** What a refusal names: the same answer for "does not exist", "not released yet" and "not yours". */
const INTERVISION_CASE = 'this intervision case';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Does a copy's title give away the case's title? The same words (case, accents and spacing
 * aside), or the one containing the other.
 */
export function sharesCaseTitle(title: string, caseTitle: string): boolean {
  const a = fold(title).replace(/\s+/g, ' ').trim();
  const b = fold(caseTitle).replace(/\s+/g, ' ').trim();
  if (a.length === 0 || b.length === 0) return false;
  return a === b || (b.length >= 8 && a.includes(b)) || (a.length >= 8 && b.includes(a));
}

/**
 * Intervision copies of cases (issue 14 §3). A copy has a fresh id and holds only anonymised
 * text; the link to the source case is in `intervision_case_source`, read only for the copy's
 * creator. Audit records of calls on a copy name the copy and never the case (no client id);
 * the one call that reads the case (making the copy) is recorded on the case, with the purpose
 * "intervisie", and does not name the copy.
 * This service makes, lists and reads copies and holds who may read or release one; the
 * review and the four-eyes release are `IntervisionReviewService`'s.
 */
@Injectable()
export class IntervisionService {
  constructor(
    @InjectRepository(IntervisionCaseEntity)
    private readonly copies: Repository<IntervisionCaseEntity>,
    @InjectRepository(IntervisionCaseSourceEntity)
    private readonly sources: Repository<IntervisionCaseSourceEntity>,
    private readonly access: CaseFileAccess,
    private readonly work: IntervisionWork,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, caseId: string, input: CreateCopy): Promise<IntervisionCase> {
    const source = await this.access.case(actor, caseId, 'read');
    RequestContext.note({ purpose: INTERVISION_PURPOSE });
    const teamId = input.teamId ?? source.teamId;
    if (!actor.teams.has(teamId)) throw invalidAt('teamId', 'not-a-member');
    // The case's title would lead back to the case (the team sees it in the case list).
    if (input.title !== undefined && sharesCaseTitle(input.title, source.title))
      throw invalidAt('title', 'same-as-case-title');
    const known = await caseKnowledge(this.dataSource.manager, this.secrets, source);
    const preparation = await this.dataSource.manager.findOne(PreparationEntity, {
      where: { caseId: source.id },
      order: { updatedAt: 'DESC' },
    });
    const content = preparation?.content ?? {};
    const sos = (content['signsOfSafety'] ?? null) as Record<string, unknown> | null;
    const timeline = Array.isArray(content['tijdlijn'])
      ? (content['tijdlijn'] as { datum?: unknown; tekst?: unknown }[])
          .map((entry) => `${text(entry.datum)} ${text(entry.tekst)}`.trim())
          .join('\n')
      : '';
    const raw: Record<string, string> = {
      vraag: text(content['vraag']),
      tijdlijn: timeline,
      krachten: text(content['krachten']),
      zorgen: text(content['zorgen']),
      geprobeerd: text(content['geprobeerd']),
      opties: text(content['opties']),
      voorgesteldBesluit: text(content['voorgesteldBesluit']),
      ondergrenzen: text(content['ondergrenzen']),
      sosZorgen: text(sos?.['zorgen']),
      sosWatGaatGoed: text(sos?.['watGaatGoed']),
      sosWatMoetErGebeuren: text(sos?.['watMoetErGebeuren']),
    };
    const keys = Object.keys(SECTION_TITLES).filter((key) => (raw[key] ?? '').trim().length > 0);
    // The creator's own title is anonymised like the text; the neutral default needs not be.
    const anonymised = await this.work.anonymise({
      title: input.title ?? '',
      parts: keys.map((key) => ({ key, text: raw[key] as string })),
      known,
    });
    const sections = anonymised.sections;
    const now = this.clock.now();
    const saved = await this.dataSource.transaction(async (tx) => {
      // The neutral title's number is taken under the team row's lock: copies made at the same
      // moment get numbers of their own (they shared one when it was counted outside).
      await tx.query('SELECT "id" FROM "team" WHERE "id" = $1 FOR UPDATE', [teamId]);
      const title =
        input.title === undefined ? await nextNeutralTitle(tx, teamId) : anonymised.title;
      const copy = await tx.save(
        tx.create(IntervisionCaseEntity, {
          teamId,
          title,
          status: 'in-review',
          sections,
          createdBy: actor.userId,
          createdAt: now,
          releasedBy: null,
          releasedAt: null,
        }),
      );
      await tx.save(
        tx.create(IntervisionCaseSourceEntity, {
          intervisionCaseId: copy.id,
          caseId: source.id,
          createdBy: actor.userId,
          reason: input.reason,
          createdAt: now,
        }),
      );
      return copy;
    });
    return this.view(actor, saved);
  }

  async list(actor: Actor, teamId: string): Promise<IntervisionCaseSummary[]> {
    RequestContext.note({
      objectType: 'intervision-case',
      objectId: null,
      purpose: INTERVISION_PURPOSE,
      context: { teamId },
    });
    if (!actor.teams.has(teamId) || actor.guest) throw forbidden(INTERVISION_CASE);
    const rows = await this.copies.find({ where: { teamId }, order: { createdAt: 'DESC' } });
    return rows
      .filter((copy) => this.mayRead(actor, copy))
      .map((copy) => {
        const {
          id,
          title,
          status,
          openCandidates: open,
          releasedAt,
          isCreator,
          mayRelease,
        } = this.view(actor, copy);
        return { id, title, status, openCandidates: open, releasedAt, isCreator, mayRelease };
      });
  }

  async read(actor: Actor, id: string): Promise<IntervisionCase> {
    return this.view(actor, await this.copyFor(actor, id));
  }

  /** The creator only: where the copy came from, and why. */
  async source(actor: Actor, id: string): Promise<IntervisionSource> {
    const copy = await this.copyFor(actor, id);
    if (copy.createdBy !== actor.userId) throw forbidden(INTERVISION_CASE);
    const link = await this.sources.findOneBy({ intervisionCaseId: copy.id });
    if (!link) throw forbidden(INTERVISION_CASE);
    return { caseId: link.caseId, reason: link.reason, createdAt: link.createdAt.toISOString() };
  }

  async copyFor(actor: Actor, id: string): Promise<IntervisionCaseEntity> {
    RequestContext.note({
      objectType: 'intervision-case',
      objectId: id,
      purpose: INTERVISION_PURPOSE,
    });
    if (actor.guest) throw forbidden(INTERVISION_CASE);
    const copy = await this.copies.findOneBy({ id });
    if (!copy) throw forbidden(INTERVISION_CASE);
    RequestContext.note({ context: { teamId: copy.teamId } });
    if (!this.mayRead(actor, copy)) throw forbidden(INTERVISION_CASE);
    return copy;
  }

  private mayRead(actor: Actor, copy: IntervisionCaseEntity): boolean {
    if (!actor.teams.has(copy.teamId)) return false;
    return (
      copy.status === 'released' || copy.createdBy === actor.userId || this.isReviewer(actor, copy)
    );
  }

  private isReviewer(actor: Actor, copy: IntervisionCaseEntity): boolean {
    const roles = actor.teams.get(copy.teamId) ?? [];
    return REVIEW_ROLES.some((role) => roles.includes(role));
  }

  mayRelease(actor: Actor, copy: IntervisionCaseEntity): boolean {
    return (
      copy.status === 'in-review' && copy.createdBy !== actor.userId && this.isReviewer(actor, copy)
    );
  }

  view(actor: Actor, copy: IntervisionCaseEntity): IntervisionCase {
    return {
      id: copy.id,
      teamId: copy.teamId,
      title: copy.title,
      status: copy.status,
      sections: copy.sections,
      openCandidates: openCandidates(copy.sections),
      releasedAt: copy.releasedAt ? copy.releasedAt.toISOString() : null,
      isCreator: copy.createdBy === actor.userId,
      mayRelease: this.mayRelease(actor, copy),
    };
  }
}

/** "Intervisiecasus N" with N one above the team's highest so far (gaps left by erasures stay). */
async function nextNeutralTitle(tx: EntityManager, teamId: string): Promise<string> {
  const rows = (await tx.query(
    `SELECT max(substring("title" from '^Intervisiecasus ([0-9]{1,9})$')::int) AS "n"
       FROM "intervision_case" WHERE "team_id" = $1`,
    [teamId],
  )) as { n: number | null }[];
  return `Intervisiecasus ${(rows[0]?.n ?? 0) + 1}`;
}
