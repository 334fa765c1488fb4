import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
import { z } from 'zod';
import {
  type AccessLog,
  type AccessLogLanguage,
  type AuditEventView,
  type Consent,
  type HouseholdDetail,
  type HouseholdSummary,
  type ValidationIssue,
  addressSchema,
  createConsentSchema,
  createHouseholdSchema,
} from '@casustafel/contracts';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import type { SecretBox } from '../../common/crypto/secret-box';
import { invalid } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { toView } from '../audit/audit-rows';
import { AuditService } from '../audit/audit.service';
import { SECRET_BOX } from '../auth/auth.service';
import { OrganisationEntity } from '../identity/organisation.entity';
import { accessWords } from './access-log-words';
import { CaseFileAccess } from './case-file-access';
import { networkPersonView, personView } from './household-members.service';
import { toConsent } from './consent.service';
import {
  ConsentEntity,
  HouseholdEntity,
  NetworkPersonEntity,
  PersonEntity,
} from './household.entity';

/** At most this many events linked through agenda items or minutes (a bound, not a page). */
const RELATED_EVENTS_MAX = 20_000;

export const updateHouseholdSchema = z.strictObject({
  label: createHouseholdSchema.shape.label.optional(),
  address: addressSchema.nullable().optional(),
});
export type UpdateHouseholdRequest = z.infer<typeof updateHouseholdSchema>;

type CreateHousehold = z.output<typeof createHouseholdSchema>;
type CreateConsent = z.output<typeof createConsentSchema>;

/**
 * Households, their consent ledger and the art. 15 access log. The people in and around a
 * household are HouseholdMembersService's.
 */
@Injectable()
export class HouseholdsService {
  constructor(
    @InjectRepository(HouseholdEntity) private readonly households: Repository<HouseholdEntity>,
    @InjectRepository(PersonEntity) private readonly persons: Repository<PersonEntity>,
    @InjectRepository(NetworkPersonEntity)
    private readonly network: Repository<NetworkPersonEntity>,
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
    @InjectRepository(OrganisationEntity)
    private readonly organisations: Repository<OrganisationEntity>,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly access: CaseFileAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, teamId: string): Promise<HouseholdSummary[]> {
    this.access.team(actor, teamId, 'read', { type: 'household', id: null });
    const households = await this.households.find({ where: { teamId }, order: { label: 'ASC' } });
    const counts = await this.memberCounts(households.map((h) => h.id));
    return households.map((h) => this.summary(h, counts.get(h.id) ?? 0));
  }

  async create(actor: Actor, teamId: string, input: CreateHousehold): Promise<HouseholdDetail> {
    this.access.team(actor, teamId, 'create', { type: 'household', id: null });
    const now = this.clock.now();
    const household = await this.households.save(
      this.households.create({
        teamId,
        label: input.label,
        address: input.address,
        createdAt: now,
        updatedAt: now,
      }),
    );
    RequestContext.note({ objectId: household.id, clientId: household.id });
    return this.detailOf(household);
  }

  async detail(actor: Actor, householdId: string): Promise<HouseholdDetail> {
    return this.detailOf(await this.access.household(actor, householdId, 'read'));
  }

  async update(
    actor: Actor,
    householdId: string,
    input: UpdateHouseholdRequest,
  ): Promise<HouseholdDetail> {
    const household = await this.access.household(actor, householdId, 'update');
    if (input.label !== undefined) household.label = input.label;
    if (input.address !== undefined) household.address = input.address;
    household.updatedAt = this.clock.now();
    return this.detailOf(await this.households.save(household));
  }

  async addConsent(actor: Actor, householdId: string, input: CreateConsent): Promise<Consent> {
    await this.access.household(actor, householdId, 'update', { type: 'consent', id: null });
    const memberIds = new Set(
      (await this.persons.find({ where: { householdId }, select: { id: true } })).map((p) => p.id),
    );
    const issues: ValidationIssue[] = [];
    if (input.personId !== null && !memberIds.has(input.personId))
      issues.push({ path: 'personId', issue: 'not-a-member' });
    if (input.grantedByPersonId !== null && !memberIds.has(input.grantedByPersonId))
      issues.push({ path: 'grantedByPersonId', issue: 'not-a-member' });
    if (issues.length > 0) throw invalid(issues);
    const now = this.clock.now();
    const saved = await this.consents.save(
      this.consents.create({
        householdId,
        basis: input.basis,
        legalBasis: input.legalBasis,
        personId: input.personId,
        purpose: input.purpose,
        dataCategories: input.dataCategories,
        recipients: input.recipients,
        grantedByPersonId: input.grantedByPersonId,
        recordedByUserId: actor.userId,
        grantedAt: input.grantedAt,
        expiresAt: input.expiresAt,
        withdrawnAt: null,
        note: input.note,
        createdAt: now,
      }),
    );
    RequestContext.note({ objectId: saved.id });
    await this.access.noteLegalBasis(householdId);
    return toConsent(saved, now);
  }

  async withdrawConsent(actor: Actor, consentId: string): Promise<Consent> {
    const object = { type: 'consent', id: consentId };
    const consent = await this.consents.findOneBy({ id: consentId });
    if (!consent) this.access.refuse(object);
    await this.access.household(actor, consent.householdId, 'update', object);
    const now = this.clock.now();
    if (consent.withdrawnAt === null) {
      consent.withdrawnAt = now;
      await this.consents.save(consent);
    }
    await this.access.noteLegalBasis(consent.householdId);
    return toConsent(consent, now);
  }

  /**
   * AVG art. 15: every recorded access to the household's data, in plain words, without
   * employees' names. Besides the events that name the household, this takes the events about
   * its cases' agenda items (notes, guest invitations and guest visits record the item, not the
   * household) and about the minutes of meetings that discussed it.
   */
  async accessLog(actor: Actor, householdId: string, lang: AccessLogLanguage): Promise<AccessLog> {
    await this.access.household(actor, householdId, 'read', { type: 'access-log', id: null });
    RequestContext.note({ purpose: 'inzageverzoek' });
    return this.accessLogOf(householdId, lang);
  }

  /**
   * The access overview of a household without an access check: for callers that checked
   * already (the team above, or the family's own session in the household-story module).
   */
  async accessLogOf(householdId: string, lang: AccessLogLanguage): Promise<AccessLog> {
    const direct = await this.audit.exportForClient(householdId);
    const related = await this.relatedEvents(householdId);
    const seen = new Set(direct.map((e) => e.id));
    const events = [...direct, ...related.filter((e) => !seen.has(e.id))].sort(
      (a, b) => a.seq - b.seq,
    );
    const orgIds = [
      ...new Set(events.map((e) => e.actor.organisationId).filter((id): id is string => !!id)),
    ];
    const names = new Map(
      (orgIds.length ? await this.organisations.findBy({ id: In(orgIds) }) : []).map((o) => [
        o.id,
        o.name,
      ]),
    );
    const guestIds = [
      ...new Set(
        events
          .filter((e) => e.actor.role === 'guest' && e.actor.userId)
          .map((e) => e.actor.userId as string),
      ),
    ];
    // A guest specialist appears under their own organisation, as the chair invited them.
    const guestOrganisations = new Map(
      guestIds.length === 0
        ? []
        : (
            (await this.households.query(
              'SELECT "guest_user_id" AS "userId", "organisation_name" AS "name" FROM "guest_invitation" WHERE "guest_user_id" = ANY($1::uuid[])',
              [guestIds],
            )) as { userId: string; name: string }[]
          ).map((r) => [r.userId, r.name]),
    );
    return {
      householdId,
      generatedAt: this.clock.now().toISOString(),
      lang,
      entries: events.map((e) => {
        const guestOrganisation =
          e.actor.role === 'guest' && e.actor.userId
            ? guestOrganisations.get(e.actor.userId)
            : undefined;
        const organisation =
          guestOrganisation ??
          (e.actor.organisationId ? (names.get(e.actor.organisationId) ?? null) : null);
        const data = e.object?.type ?? null;
        return {
          at: e.occurredAt,
          role: accessWords.role(e.actor.role, lang),
          organisation,
          action: accessWords.action(e.action, lang),
          data: accessWords.data(data, lang),
          purpose: accessWords.purpose(e.purpose, lang),
          outcome: accessWords.outcome(e.outcome, lang),
          codes: {
            role: e.actor.role,
            action: e.action,
            data,
            purpose: e.purpose,
            outcome: e.outcome,
          },
        };
      }),
    };
  }

  /** Audit events that name one of the household's agenda items, or the minutes discussing it. */
  private async relatedEvents(householdId: string): Promise<AuditEventView[]> {
    const items = (await this.households.query(
      `SELECT a."id"::text AS "itemId", a."meeting_id"::text AS "meetingId"
         FROM "agenda_item" a
         JOIN "preparation" p ON p."id" = a."preparation_id"
         JOIN "client_case" c ON c."id" = p."case_id"
        WHERE c."household_id" = $1`,
      [householdId],
    )) as { itemId: string; meetingId: string }[];
    if (items.length === 0) return [];
    const itemIds = items.map((i) => i.itemId);
    const meetingIds = [...new Set(items.map((i) => i.meetingId))];
    // Guests invited to one of these items: what they saw of the meeting shows the item.
    const guests = (
      (await this.households.query(
        `SELECT DISTINCT g."guest_user_id"::text AS "userId"
           FROM "guest_invitation" g
           JOIN "guest_invitation_item" gi ON gi."invitation_id" = g."id"
          WHERE gi."agenda_item_id" = ANY($1::uuid[])`,
        [items.map((i) => i.itemId)],
      )) as { userId: string }[]
    ).map((g) => g.userId);
    const itemKeys = ['itemId', 'item1', 'item2', 'item3', 'item4', 'item5', 'item6'];
    const rows = await this.households.manager
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .where(
        new Brackets((qb) => {
          for (const key of itemKeys)
            qb.orWhere(`e.context ->> '${key}' IN (:...itemIds)`, { itemIds });
          qb.orWhere(
            "(e.action LIKE 'minutes.%' AND e.context ->> 'meetingId' IN (:...meetingIds))",
            { meetingIds },
          );
          if (guests.length > 0)
            qb.orWhere(
              "(e.action IN ('guest.join', 'guest.read') AND e.actorUserId IN (:...guests))",
              { guests },
            );
        }),
      )
      .orderBy('e.seq', 'ASC')
      .limit(RELATED_EVENTS_MAX)
      .getMany();
    return rows.map(toView);
  }

  private summary(h: HouseholdEntity, memberCount: number): HouseholdSummary {
    return {
      id: h.id,
      teamId: h.teamId,
      label: h.label,
      memberCount,
      createdAt: h.createdAt.toISOString(),
    };
  }

  private async detailOf(h: HouseholdEntity): Promise<HouseholdDetail> {
    const [members, network, consents] = await Promise.all([
      this.persons.find({ where: { householdId: h.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.network.find({ where: { householdId: h.id }, order: { createdAt: 'ASC', id: 'ASC' } }),
      this.consents.find({
        where: { householdId: h.id },
        order: { grantedAt: 'ASC', createdAt: 'ASC' },
      }),
    ]);
    const now = this.clock.now();
    return {
      ...this.summary(h, members.length),
      address: h.address,
      members: members.map((p) => personView(p, this.secrets)),
      network: network.map(networkPersonView),
      consents: consents.map((c) => toConsent(c, now)),
    };
  }

  private async memberCounts(householdIds: string[]): Promise<Map<string, number>> {
    if (householdIds.length === 0) return new Map();
    const rows = await this.persons
      .createQueryBuilder('p')
      .select('p.householdId', 'householdId')
      .addSelect('COUNT(*)::int', 'count')
      .where('p.householdId IN (:...ids)', { ids: householdIds })
      .groupBy('p.householdId')
      .getRawMany<{ householdId: string; count: number }>();
    return new Map(rows.map((r) => [r.householdId, Number(r.count)]));
  }

  private async touch(householdId: string): Promise<void> {
    await this.households.update({ id: householdId }, { updatedAt: this.clock.now() });
  }
}
