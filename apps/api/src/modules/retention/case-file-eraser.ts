import { Injectable } from '@nestjs/common';
import { type EntityManager, In, IsNull } from 'typeorm';
import {
  CaseEntity,
  MeldcodeRecordEntity,
  PreparationEntity,
  ZrmAssessmentEntity,
} from '../case-file/case.entity';
import {
  ConsentEntity,
  HouseholdEntity,
  NetworkPersonEntity,
  PersonEntity,
} from '../case-file/household.entity';
import {
  BottomLineEntity,
  ConferenceInvitationEntity,
  ConferenceParticipantEntity,
  ConferencePlanEntity,
  FamilyConferenceEntity,
} from '../family-conference/family-conference.entities';
import { UserEntity } from '../identity/user.entity';
import { IntervisionCaseSourceEntity } from '../intervision/intervision.entities';
import { LiveSessionEntity, LiveSessionEventEntity } from '../live-session/live-session.entities';
import {
  EcoTieEntity,
  GenogramLinkEntity,
  NetworkMapVersionEntity,
} from '../network-map/network-map.entities';

/** What an erased person or household is called afterwards. */
export const ERASED_LABEL = 'Verwijderd';

/**
 * Removes the personal data of a household or one person from the case file, leaving ids,
 * codes and dates (status history, consent bases) so that statistics and the audit trail's ids
 * still resolve to a row. Free text goes: names, contact details, the sealed BSN, the address,
 * the network, consent notes, case titles, ZRM assessments, Meldcode records and preparations
 * (with their comments), the link from intervision copies to the case, the genogram and
 * ecogram (links, ties, saved versions) and the family conferences' personal content (see
 * `eraseConferences`). Runs in the caller's transaction.
 */
@Injectable()
export class CaseFileEraser {
  /** Ids of the household's cases with an open Meldcode record (they hold erasure back). */
  async openMeldcodeCases(manager: EntityManager, householdId: string): Promise<string[]> {
    const cases = await manager.find(CaseEntity, { where: { householdId }, select: { id: true } });
    if (cases.length === 0) return [];
    const open = await manager.find(MeldcodeRecordEntity, {
      where: { caseId: In(cases.map((c) => c.id)), closedAt: IsNull() },
      select: { caseId: true },
    });
    return open.map((m) => m.caseId);
  }

  async erasePerson(manager: EntityManager, personId: string, now: Date): Promise<void> {
    await manager.update(PersonEntity, { id: personId }, this.anonymousPerson(now));
    await manager.update(ConsentEntity, { personId }, { note: '' });
    await manager.update(ConsentEntity, { grantedByPersonId: personId }, { note: '' });
  }

  async eraseHousehold(manager: EntityManager, householdId: string, now: Date): Promise<void> {
    await manager.update(PersonEntity, { householdId }, this.anonymousPerson(now));
    // The genogram and ecogram: who is related to whom, how, and the saved snapshots of both.
    await manager.delete(GenogramLinkEntity, { householdId });
    await manager.delete(EcoTieEntity, { householdId });
    await manager.delete(NetworkMapVersionEntity, { householdId });
    await this.eraseConferences(manager, householdId, now);
    await this.eraseSupportPlans(manager, householdId, now);
    await this.eraseFamilyPage(manager, householdId, now);
    await manager.delete(NetworkPersonEntity, { householdId });
    await manager.update(ConsentEntity, { householdId }, { note: '' });
    const cases = await manager.find(CaseEntity, { where: { householdId }, select: { id: true } });
    const caseIds = cases.map((c) => c.id);
    if (caseIds.length > 0) {
      await manager.delete(ZrmAssessmentEntity, { caseId: In(caseIds) });
      await manager.delete(MeldcodeRecordEntity, { caseId: In(caseIds) });
      // Comments go with their preparation (ON DELETE CASCADE).
      await manager.delete(PreparationEntity, { caseId: In(caseIds) });
      // Intervision copies hold anonymised text only; their link to the case goes.
      await manager.update(IntervisionCaseSourceEntity, { caseId: In(caseIds) }, { caseId: null });
      await manager.update(
        CaseEntity,
        { id: In(caseIds) },
        { title: ERASED_LABEL, involved: [], updatedAt: now },
      );
    }
    await manager.update(
      HouseholdEntity,
      { id: householdId },
      { label: ERASED_LABEL, address: null, updatedAt: now },
    );
  }

  /**
   * The household's family conferences stay as rows (their dates and statuses count in the
   * team's figures) without personal content: the question, place and follow-up note; the
   * circle's names and relations (and the accounts made for their invitations, which are
   * withdrawn and disabled); the bottom lines; the familiegroepsplan; and what was said in the
   * conference's live session (its contributions and event log).
   */
  private async eraseConferences(
    manager: EntityManager,
    householdId: string,
    now: Date,
  ): Promise<void> {
    const conferences = await manager.find(FamilyConferenceEntity, {
      where: { householdId },
      select: { id: true, sessionId: true },
    });
    if (conferences.length === 0) return;
    const ids = conferences.map((c) => c.id);
    await manager.update(
      FamilyConferenceEntity,
      { id: In(ids) },
      { question: ERASED_LABEL, place: '', followUpNote: '', updatedAt: now },
    );
    await manager.update(
      ConferenceParticipantEntity,
      { conferenceId: In(ids), role: In(['familie', 'netwerk']) },
      { name: ERASED_LABEL, relation: '', personId: null, networkPersonId: null },
    );
    const invitations = await manager.find(ConferenceInvitationEntity, {
      where: { conferenceId: In(ids) },
      select: { id: true, userId: true },
    });
    if (invitations.length > 0) {
      await manager.update(
        ConferenceInvitationEntity,
        { id: In(invitations.map((i) => i.id)) },
        { revokedAt: now, codeHash: null },
      );
      await manager.update(
        UserEntity,
        { id: In(invitations.map((i) => i.userId)) },
        { displayName: ERASED_LABEL, disabledAt: now },
      );
    }
    await manager.update(
      BottomLineEntity,
      { conferenceId: In(ids) },
      { text: ERASED_LABEL, note: '' },
    );
    await manager.update(
      ConferencePlanEntity,
      { conferenceId: In(ids) },
      { entries: [], familyLead: '', monitor: '', ifDifferent: '', updatedAt: now },
    );
    const sessionIds = conferences.flatMap((c) => (c.sessionId ? [c.sessionId] : []));
    if (sessionIds.length > 0) {
      await manager.delete(LiveSessionEventEntity, { sessionId: In(sessionIds) });
      const sessions = await manager.find(LiveSessionEntity, { where: { id: In(sessionIds) } });
      for (const session of sessions)
        await manager.update(
          LiveSessionEntity,
          { id: session.id },
          { state: { ...session.state, contributions: [] }, updatedAt: now },
        );
    }
  }

  /**
   * The household's support plan stays as rows — item types, costs, statuses, dates and the
   * evaluation dates count in the team's figures — without its words: krachten and zorgen, goal
   * texts, item titles and owners, agreement names and comments, and the same in every saved
   * version (each version's snapshot is rewritten, its subject cleared).
   */
  private async eraseSupportPlans(
    manager: EntityManager,
    householdId: string,
    now: Date,
  ): Promise<void> {
    const plans = (await manager.query(
      'SELECT "id" FROM "support_plan" WHERE "household_id" = $1',
      [householdId],
    )) as { id: string }[];
    if (plans.length === 0) return;
    const ids = plans.map((p) => p.id);
    await manager.query(
      `UPDATE "support_plan" SET "krachten" = '', "zorgen" = '', "updated_at" = $2
        WHERE "id" = ANY($1::uuid[])`,
      [ids, now],
    );
    await manager.query(
      `UPDATE "support_plan_goal" SET "text" = $2 WHERE "plan_id" = ANY($1::uuid[])`,
      [ids, ERASED_LABEL],
    );
    await manager.query(
      `UPDATE "support_plan_item" SET "title" = $2, "owner" = '' WHERE "plan_id" = ANY($1::uuid[])`,
      [ids, ERASED_LABEL],
    );
    await manager.query(
      `UPDATE "support_plan_agreement" SET "by_name" = $2, "comment" = '' WHERE "plan_id" = ANY($1::uuid[])`,
      [ids, ERASED_LABEL],
    );
    await manager.query(
      `UPDATE "support_plan_version" SET "subject" = NULL, "snapshot" =
         "snapshot" || jsonb_build_object(
           'krachten', '',
           'zorgen', '',
           'goals', COALESCE((SELECT jsonb_agg(g || jsonb_build_object('text', $2::text))
                                FROM jsonb_array_elements("snapshot"->'goals') AS g), '[]'::jsonb),
           'items', COALESCE((SELECT jsonb_agg(i || jsonb_build_object('title', $2::text, 'owner', ''))
                                FROM jsonb_array_elements("snapshot"->'items') AS i), '[]'::jsonb))
        WHERE "plan_id" = ANY($1::uuid[])`,
      [ids, ERASED_LABEL],
    );
  }

  /**
   * The family's own page: every link is withdrawn (its code gone), the account it made is
   * disabled and nameless, and what the family wrote with their agreement is cleared.
   */
  private async eraseFamilyPage(
    manager: EntityManager,
    householdId: string,
    now: Date,
  ): Promise<void> {
    const invitations = (await manager.query(
      `UPDATE "family_invitation" SET "name" = $2, "code_hash" = NULL,
              "revoked_at" = COALESCE("revoked_at", $3)
        WHERE "household_id" = $1 RETURNING "family_user_id"`,
      [householdId, ERASED_LABEL, now],
    )) as { family_user_id: string }[] | [{ family_user_id: string }[], number];
    // pg answers an UPDATE … RETURNING with [rows, count]; PGlite with the rows.
    const rows = Array.isArray(invitations[0]) ? invitations[0] : invitations;
    const users = (rows as { family_user_id: string }[]).map((r) => r.family_user_id);
    if (users.length > 0)
      await manager.update(
        UserEntity,
        { id: In(users) },
        { displayName: ERASED_LABEL, disabledAt: now },
      );
    await manager.query(`UPDATE "family_agreement" SET "comment" = '' WHERE "household_id" = $1`, [
      householdId,
    ]);
  }

  private anonymousPerson(now: Date): Partial<PersonEntity> {
    return {
      givenName: ERASED_LABEL,
      familyName: ERASED_LABEL,
      dateOfBirth: null,
      phone: null,
      email: null,
      bsnSealed: null,
      updatedAt: now,
    };
  }
}
