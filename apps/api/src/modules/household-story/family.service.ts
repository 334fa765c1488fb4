import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  type AccessLogLanguage,
  type FamilyAccessLog,
  type FamilyAgreementView,
  type FamilyPlanView,
  type FamilySessionView,
  type familyAgreementSchema,
} from '@casustafel/contracts';
import { isZrmVersion, zrmDomains } from '@casustafel/domain';
import type { z } from 'zod';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { LinkCodeSignIn } from '../auth/link-code';
import { CaseEntity, PreparationEntity, ZrmAssessmentEntity } from '../case-file/case.entity';
import { HouseholdEntity, PersonEntity } from '../case-file/household.entity';
import { HouseholdsService } from '../case-file/households.service';
import { DocumentsService } from '../documents/documents.service';
import type { DocumentLanguage } from '../documents/pdf';
import { UserEntity } from '../identity/user.entity';
import { SCORE_WORDS, TASK_STATUS_WORDS } from './family-plan';
import { SupportPlanService } from '../support-plan/support-plan.service';
import { familyInvitationStatus } from './family-invitations.service';
import {
  bullets,
  familyDay,
  planGoals,
  planTasks,
  readFamilyPlanSource,
} from './family-plan-source';
import { FamilyAgreementEntity, FamilyInvitationEntity } from './household-story.entities';

type AgreementInput = z.output<typeof familyAgreementSchema>;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** Life areas that go well, listed with the strengths (a short list reads better). */
const STRENGTHS_MAX = 4;
/** Purpose code of the family's own access in the audit trail. */
export const FAMILY_PURPOSE = 'inzageverzoek';

/**
 * The family's side: they own the plan. Signed in by the household's link + one-time code (see
 * `FamilyInvitationsService`), they read the plain-language (B1) view of their plan, agree or
 * disagree with it, take it as a PDF, and see who accessed their file (AVG art. 15). Every
 * family call notes the household as the client, so the audit trail and the family's own
 * overview show it.
 */
@Injectable()
export class FamilyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly households: HouseholdsService,
    private readonly linkCode: LinkCodeSignIn,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly plans: SupportPlanService,
  ) {}

  /** Link token plus one-time code → a session limited to the family's household. */
  signIn(token: string, code: string, ip: string | null): Promise<{ token: string }> {
    return this.linkCode.signIn(
      {
        entity: FamilyInvitationEntity,
        userOf: (invitation) => invitation.familyUserId,
        ended: (invitation) => {
          const status = familyInvitationStatus(invitation, this.clock.now());
          return status === 'ingetrokken' || status === 'verlopen';
        },
        note: (invitation) =>
          RequestContext.note({
            objectType: 'family-invitation',
            objectId: invitation?.id ?? null,
            clientId: invitation?.householdId ?? null,
            purpose: FAMILY_PURPOSE,
          }),
        issuer: 'the team',
      },
      token,
      code,
      ip,
    );
  }

  /** The family's household (the grant), noted as the client of the call. */
  private grantOf(actor: Actor, objectType: string): { householdId: string; invitationId: string } {
    const family = actor.family;
    if (!family) throw forbidden('this resource');
    RequestContext.note({
      objectType,
      objectId: family.householdId,
      clientId: family.householdId,
      purpose: FAMILY_PURPOSE,
      context: { teamId: family.teamId, invitationId: family.invitationId },
    });
    return family;
  }

  async session(actor: Actor): Promise<FamilySessionView> {
    const grant = this.grantOf(actor, 'family-invitation');
    const invitation = await this.dataSource.manager.findOneByOrFail(FamilyInvitationEntity, {
      id: grant.invitationId,
    });
    const household = await this.dataSource.manager.findOneByOrFail(HouseholdEntity, {
      id: grant.householdId,
    });
    return {
      invitationId: invitation.id,
      name: invitation.name,
      householdLabel: household.label,
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  async plan(actor: Actor, lang: DocumentLanguage): Promise<FamilyPlanView> {
    const grant = this.grantOf(actor, 'family-plan');
    return this.planOf(grant.householdId, lang);
  }

  async pdf(actor: Actor, lang: DocumentLanguage): Promise<Buffer> {
    const grant = this.grantOf(actor, 'family-plan');
    const view = await this.planOf(grant.householdId, lang);
    return this.documents.render('family-plan-pdf', { view, language: lang });
  }

  async accessLog(actor: Actor, lang: AccessLogLanguage): Promise<FamilyAccessLog> {
    const grant = this.grantOf(actor, 'access-log');
    const log = await this.households.accessLogOf(grant.householdId, lang);
    // Newest first for reading on a phone; the codes are for the team, not for the family.
    return {
      generatedAt: log.generatedAt,
      entries: [...log.entries].reverse(),
    };
  }

  async agree(actor: Actor, input: AgreementInput): Promise<FamilyAgreementView> {
    const grant = this.grantOf(actor, 'family-plan');
    const view = await this.planOf(grant.householdId, 'nl');
    const invitation = await this.dataSource.manager.findOneByOrFail(FamilyInvitationEntity, {
      id: grant.invitationId,
    });
    const row = await this.dataSource.transaction(async (tx) => {
      // One answer at a time per household, each later than the last: answers sent at once
      // (a double tap, two phones) are stored in one order, the family page's and the plan's.
      await tx.query('SELECT "id" FROM "household" WHERE "id" = $1 FOR UPDATE', [
        grant.householdId,
      ]);
      const [last] = (await tx.query(
        'SELECT max("created_at") AS "at" FROM "family_agreement" WHERE "household_id" = $1',
        [grant.householdId],
      )) as { at: Date | string | null }[];
      const lastAt = last?.at ? new Date(last.at).getTime() : 0;
      const now = new Date(Math.max(this.clock.now().getTime(), lastAt + 1));
      // The plan module owns the write: on the version the family read (else 409), digitaal.
      await this.plans.recordFamilyAgreement(
        grant.householdId,
        { agreed: input.agrees, comment: input.comment, byName: invitation.name },
        actor,
        tx,
        input.planVersionId,
        now,
      );
      return tx.save(
        tx.create(FamilyAgreementEntity, {
          householdId: grant.householdId,
          invitationId: grant.invitationId,
          planVersionId: input.planVersionId,
          agrees: input.agrees,
          comment: input.comment,
          contentHash: sha256(
            JSON.stringify([view.krachten, view.zorgen, view.doelen, view.afspraken]),
          ),
          createdAt: now,
        }),
      );
    });
    RequestContext.note({ objectType: 'family-agreement', objectId: row.id });
    return this.agreementView(row, invitation.name);
  }

  /**
   * The plan in the family's words: krachten and zorgen (the latest preparation), goals (life
   * areas of the latest ZRM that need work, by the ZRM's client-language labels), who does what
   * when (the agreed actions of meetings about their cases). Meldcode records, safety decisions
   * and their actions never appear here.
   */
  async planOf(householdId: string, lang: DocumentLanguage): Promise<FamilyPlanView> {
    const m = this.dataSource.manager;
    const household = await m.findOneByOrFail(HouseholdEntity, { id: householdId });
    const [members, cases] = await Promise.all([
      m.find(PersonEntity, { where: { householdId }, order: { createdAt: 'ASC', id: 'ASC' } }),
      m.find(CaseEntity, { where: { householdId }, order: { createdAt: 'ASC' } }),
    ]);
    const caseIds = cases.map((c) => c.id);
    const [preparations, assessments] =
      caseIds.length === 0
        ? [[], []]
        : await Promise.all([
            m.find(PreparationEntity, {
              where: { caseId: In(caseIds) },
              order: { updatedAt: 'DESC' },
              take: 1,
            }),
            m.find(ZrmAssessmentEntity, {
              where: { caseId: In(caseIds) },
              order: { assessedAt: 'DESC', createdAt: 'DESC' },
              take: 1,
            }),
          ]);
    const source = await readFamilyPlanSource(m, householdId);
    const content = (preparations[0]?.content ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof content[key] === 'string' ? content[key] : '');
    const zrm = assessments[0];
    const doelen: FamilyPlanView['doelen'] = [];
    const strong: string[] = [];
    if (zrm && isZrmVersion(zrm.version)) {
      for (const domain of zrmDomains(zrm.version)) {
        const entry = zrm.domains[domain.key] as { score?: unknown } | undefined;
        const score = typeof entry?.score === 'number' ? entry.score : null;
        if (score === null) continue;
        const label = lang === 'nl' ? (domain.clientLabel ?? domain.name) : domain.englishName;
        // Needs help (1–2): a goal. Goes well (4–5): a strength. In between: neither.
        if (score <= 2)
          doelen.push({ key: domain.key, label, state: SCORE_WORDS[lang][score] ?? '', score });
        else if (score >= 4 && strong.length < STRENGTHS_MAX)
          strong.push(`${label}: ${SCORE_WORDS[lang][score] ?? ''}`);
      }
    }
    const afspraken = source
      ? planTasks(source, lang)
      : caseIds.length === 0
        ? []
        : (
            (await this.dataSource.query(
              `SELECT u."display_name" AS who, x."description" AS what, x."due"::text AS due, x."status"
                 FROM "meeting_action" x
                 JOIN "agenda_item" a ON a."id" = x."agenda_item_id"
                 JOIN "preparation" p ON p."id" = a."preparation_id"
                 LEFT JOIN "meeting_decision" d ON d."id" = x."decision_id"
                 LEFT JOIN "app_user" u ON u."id" = x."owner_id"
                WHERE p."case_id" = ANY($1::uuid[])
                  AND (d."type" IS NULL OR d."type" <> 'veiligheid-meldcode')
                ORDER BY x."due" ASC, x."created_at" ASC
                LIMIT 100`,
              [caseIds],
            )) as { who: string | null; what: string; due: string; status: string }[]
          ).map((row) => ({
            who: row.who ?? '',
            what: row.what,
            when: familyDay(row.due, lang),
            status: TASK_STATUS_WORDS[lang][row.status] ?? row.status,
          }));
    const openCase = [...cases].reverse().find((c) => c.status !== 'afgesloten') ?? cases.at(-1);
    const regisseurId = source
      ? source.plan.casusregisseurId
      : (openCase?.casusregisseurId ?? null);
    const regisseur = regisseurId
      ? ((await m.findOneBy(UserEntity, { id: regisseurId }))?.displayName ?? null)
      : null;
    const latest = await m.findOne(FamilyAgreementEntity, {
      where: { householdId },
      order: { createdAt: 'DESC' },
    });
    const agreedBy = latest
      ? await m.findOneBy(FamilyInvitationEntity, { id: latest.invitationId })
      : null;
    return {
      householdLabel: household.label,
      members: members.map((p) => `${p.givenName} ${p.familyName}`),
      regisseur,
      generatedAt: this.clock.now().toISOString(),
      source: source ? 'plan' : 'casus',
      planVersionId: source?.version?.id ?? null,
      krachten: source ? bullets(source.plan.krachten) : [...bullets(text('krachten')), ...strong],
      zorgen: source ? bullets(source.plan.zorgen) : bullets(text('zorgen')),
      doelen: source ? planGoals(source, zrm, lang) : doelen,
      afspraken,
      agreement: latest ? this.agreementView(latest, agreedBy?.name ?? '') : null,
    };
  }

  private agreementView(row: FamilyAgreementEntity, byName: string): FamilyAgreementView {
    return {
      agrees: row.agrees,
      comment: row.comment,
      at: row.createdAt.toISOString(),
      byName,
      planVersionId: row.planVersionId,
    };
  }
}
