import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { z } from 'zod';
import type {
  ConferenceSummary,
  ConferenceView,
  addBottomLineSchema,
  circleMemberInputSchema,
  createConferenceSchema,
  updateConferenceSchema,
} from '@casustafel/contracts';
import { CONFERENCE_KIND_ID } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { conflict, forbidden, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess } from '../case-file/case-file-access';
import { NetworkPersonEntity, PersonEntity } from '../case-file/household.entity';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { LiveSessionService } from '../live-session/live-session.service';
import {
  BottomLineEntity,
  ConferenceParticipantEntity,
  FamilyConferenceEntity,
} from './family-conference.entities';
import { ConferenceReader } from './conference-reader.service';
import { participantRow } from './participant-row';
import { CONFERENCE_OBJECT, THIS_CONFERENCE, ConferenceSeats } from './conference-seats.service';

type CreateInput = z.output<typeof createConferenceSchema>;
type UpdateInput = z.output<typeof updateConferenceSchema>;
type CircleInput = z.output<typeof circleMemberInputSchema>;
type BottomLineInput = z.output<typeof addBottomLineSchema>;

/**
 * The familienetwerkberaad. The team prepares it for a household: the circle (from the
 * household and its ecogram, extended by hand), date and place as the family chose, an
 * independent coordinator, the bottom lines, and invitations by link + one-time code (the shared
 * rule of `LinkCodeSignIn`; a network member consents when signing in). The coordinator starts
 * it: a session of the `familienetwerkberaad` kind on the live engine, which enforces the phases
 * and besloten tijd (see `ConferenceSeats`). This service holds the preparation; the circle, the
 * room, the plan with its acceptance, the follow-up and the circle's sign-in have their own.
 */
@Injectable()
export class FamilyConferenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseFileAccess,
    private readonly live: LiveSessionService,
    private readonly seats: ConferenceSeats,
    private readonly reader: ConferenceReader,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, householdId: string): Promise<ConferenceSummary[]> {
    await this.access.household(actor, householdId, 'read', { type: CONFERENCE_OBJECT, id: null });
    const rows = await this.db.manager.find(FamilyConferenceEntity, {
      where: { householdId },
      order: { createdAt: 'DESC' },
    });
    const names = await this.reader.displayNames(rows.map((r) => r.coordinatorId));
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      question: r.question,
      startsAt: r.startsAt?.toISOString() ?? null,
      place: r.place,
      coordinator: names.get(r.coordinatorId) ?? '',
      acceptedAt: r.acceptedAt?.toISOString() ?? null,
    }));
  }

  async create(actor: Actor, householdId: string, input: CreateInput): Promise<ConferenceView> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: CONFERENCE_OBJECT,
      id: null,
    });
    const m = this.db.manager;
    const professionalIds = [
      ...new Set(input.professionalIds.length ? input.professionalIds : [actor.userId]),
    ];
    if (professionalIds.includes(input.coordinatorId))
      throw invalidAt('coordinatorId', 'coordinator-not-independent');
    const coordinator = await m.findOneBy(UserEntity, { id: input.coordinatorId });
    if (
      !coordinator ||
      coordinator.kind !== 'staff' ||
      coordinator.disabledAt !== null ||
      coordinator.organisationId !== actor.organisationId
    )
      throw invalidAt('coordinatorId', 'not-a-colleague');
    const professionals = await m.find(UserEntity, { where: { id: In(professionalIds) } });
    const members = await m.find(MembershipEntity, {
      where: { teamId: household.teamId, userId: In(professionalIds) },
    });
    professionalIds.forEach((id, i) => {
      if (!members.some((x) => x.userId === id))
        throw invalidAt(`professionalIds.${i}`, 'not-a-member');
    });
    for (const [i, c] of input.circle.entries())
      await this.checkCircleSource(householdId, c, `circle.${i}`);
    const now = this.clock.now();
    const id = await this.db.transaction(async (tx) => {
      const conference = await tx.save(
        tx.create(FamilyConferenceEntity, {
          organisationId: actor.organisationId,
          householdId,
          teamId: household.teamId,
          sessionId: null,
          status: 'voorbereiding',
          question: input.question,
          startsAt: input.startsAt ? new Date(input.startsAt) : null,
          place: input.place,
          coordinatorId: coordinator.id,
          createdBy: actor.userId,
          acceptedAt: null,
          acceptedBy: null,
          followUpOn: null,
          followUpSentAt: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      let position = 0;
      const participant = (p: Partial<ConferenceParticipantEntity>) =>
        tx.insert(ConferenceParticipantEntity, participantRow(conference.id, position++, now, p));
      await participant({
        role: 'coordinator',
        name: coordinator.displayName,
        userId: coordinator.id,
      });
      for (const id of professionalIds)
        await participant({
          role: 'professional',
          name: professionals.find((u) => u.id === id)?.displayName ?? '',
          userId: id,
        });
      for (const c of input.circle)
        await participant({
          role: c.role,
          name: c.name,
          relation: c.relation,
          personId: c.personId,
          networkPersonId: c.networkPersonId,
        });
      for (const [i, text] of input.bottomLines.entries())
        await tx.insert(BottomLineEntity, {
          conferenceId: conference.id,
          position: i,
          text,
          met: null,
          note: '',
          checkedBy: null,
          checkedAt: null,
          createdBy: actor.userId,
          createdAt: now,
        });
      return conference.id;
    });
    RequestContext.note({ objectId: id });
    return this.reader.read(actor, id);
  }

  /** A circle member taken from the household or its network must be of this household. */
  async checkCircleSource(householdId: string, c: CircleInput, path: string): Promise<void> {
    const at = (field: string) => (path === '' ? field : `${path}.${field}`);
    if (
      c.personId &&
      !(await this.db.manager.existsBy(PersonEntity, { id: c.personId, householdId }))
    )
      throw invalidAt(at('personId'), 'not-in-household');
    if (
      c.networkPersonId &&
      !(await this.db.manager.existsBy(NetworkPersonEntity, { id: c.networkPersonId, householdId }))
    )
      throw invalidAt(at('networkPersonId'), 'not-in-network');
  }

  async update(actor: Actor, conferenceId: string, input: UpdateInput): Promise<ConferenceView> {
    const { conference } = await this.seats.preparing(actor, conferenceId);
    await this.db.manager.update(
      FamilyConferenceEntity,
      { id: conference.id },
      {
        ...(input.question === undefined ? {} : { question: input.question }),
        ...(input.place === undefined ? {} : { place: input.place }),
        ...(input.startsAt === undefined
          ? {}
          : { startsAt: input.startsAt ? new Date(input.startsAt) : null }),
        updatedAt: this.clock.now(),
      },
    );
    return this.reader.read(actor, conferenceId);
  }

  /** A bottom line is the professional's (or the team's) to set, before the start. */
  async addBottomLine(
    actor: Actor,
    conferenceId: string,
    input: BottomLineInput,
  ): Promise<ConferenceView> {
    const seat = await this.seats.preparing(actor, conferenceId, 'bottom-line');
    if (seat.role === 'coordinator') throw forbidden(THIS_CONFERENCE);
    const position = await this.db.manager.countBy(BottomLineEntity, { conferenceId });
    await this.db.manager.insert(BottomLineEntity, {
      conferenceId,
      position,
      text: input.text,
      met: null,
      note: '',
      checkedBy: null,
      checkedAt: null,
      createdBy: actor.userId,
      createdAt: this.clock.now(),
    });
    return this.reader.read(actor, conferenceId);
  }

  /**
   * The coordinator starts the conference: its session on the engine, with the coordinator,
   * the professionals and every invited member of the circle, in the information phase.
   */
  async start(actor: Actor, conferenceId: string): Promise<ConferenceView> {
    const { conference, role } = await this.seats.preparing(actor, conferenceId);
    if (role !== 'coordinator') throw forbidden(THIS_CONFERENCE);
    const people = await this.db.manager.find(ConferenceParticipantEntity, {
      where: { conferenceId },
    });
    const members = people
      .filter((p): p is ConferenceParticipantEntity & { userId: string } => p.userId !== null)
      .map((p) => ({ userId: p.userId, role: p.role }));
    if (!members.some((p) => p.role === 'familie')) throw conflict('no-family-invited', 'circle');
    const sessionId = await this.live.createSession(CONFERENCE_KIND_ID, conference.teamId, members);
    const started = await this.db.manager.update(
      FamilyConferenceEntity,
      { id: conference.id, status: 'voorbereiding' },
      { status: 'bezig', sessionId, updatedAt: this.clock.now() },
    );
    if (!started.affected) throw conflict('conference-started', 'status');
    return this.reader.read(actor, conferenceId);
  }
}
