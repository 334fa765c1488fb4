import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type {
  BottomLineView,
  ConferenceStaffView,
  ConferenceView,
  InvitationStatus,
} from '@casustafel/contracts';
import { type CircleRole } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { Clock } from '../../common/time/clock';
import { HouseholdEntity } from '../case-file/household.entity';
import { UserEntity } from '../identity/user.entity';
import {
  BottomLineEntity,
  ConferenceInvitationEntity,
  ConferenceParticipantEntity,
  ConferencePlanEntity,
} from './family-conference.entities';
import { CONFERENCE_OBJECT, type Seat, ConferenceSeats } from './conference-seats.service';

/** The conference as the caller may see it (everyone in it, and the household's team). */
@Injectable()
export class ConferenceReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly seats: ConferenceSeats,
    private readonly clock: Clock,
  ) {}

  async read(actor: Actor, conferenceId: string): Promise<ConferenceView> {
    return this.seats.guarded(actor, conferenceId, CONFERENCE_OBJECT, (seat) => this.view(seat));
  }

  private async view(seat: Seat): Promise<ConferenceView> {
    const { conference, role, phase } = seat;
    const m = this.db.manager;
    const [people, invitations, lines] = await Promise.all([
      m.find(ConferenceParticipantEntity, {
        where: { conferenceId: conference.id },
        order: { position: 'ASC' },
      }),
      m.find(ConferenceInvitationEntity, { where: { conferenceId: conference.id } }),
      m.find(BottomLineEntity, {
        where: { conferenceId: conference.id },
        order: { position: 'ASC' },
      }),
    ]);
    const inCircle = role === 'familie' || role === 'netwerk';
    const household = inCircle
      ? null
      : await m.findOneBy(HouseholdEntity, { id: conference.householdId });
    const names = await this.displayNames([
      ...lines.map((l) => l.checkedBy),
      conference.acceptedBy,
      conference.followUpDoneBy,
    ]);
    const now = this.clock.now().getTime();
    const invitationOf = (id: string): InvitationStatus => {
      const i = invitations.find((x) => x.participantId === id);
      if (!i) return 'niet-uitgenodigd';
      if (i.revokedAt !== null) return 'ingetrokken';
      if (i.expiresAt.getTime() <= now) return 'verlopen';
      // A fresh code not used yet (also after a withdrawal): invited again.
      return i.signedInAt && i.codeHash === null ? 'aangemeld' : 'uitgenodigd';
    };
    const plan = await m.findOneBy(ConferencePlanEntity, { conferenceId: conference.id });
    return {
      id: conference.id,
      householdId: conference.householdId,
      householdLabel: household?.label ?? null,
      status: conference.status,
      phase,
      sessionId: conference.sessionId,
      myRole: role,
      question: conference.question,
      startsAt: conference.startsAt?.toISOString() ?? null,
      place: conference.place,
      staff: people
        .filter((p) => p.role === 'coordinator' || p.role === 'professional')
        .map((p): ConferenceStaffView => ({
          userId: p.userId ?? '',
          displayName: p.name,
          role: p.role as ConferenceStaffView['role'],
        })),
      circle: people
        .filter((p) => p.role === 'familie' || p.role === 'netwerk')
        .map((p) => ({
          id: p.id,
          name: p.name,
          role: p.role as CircleRole,
          relation: p.relation,
          invitation: invitationOf(p.id),
          consentAt: p.consentAt?.toISOString() ?? null,
          tookPart: invitations.some((i) => i.participantId === p.id && i.signedInAt !== null),
          userId: p.userId,
        })),
      bottomLines: lines.map((l): BottomLineView => ({
        id: l.id,
        text: l.text,
        met: l.met,
        note: l.note,
        checkedBy: l.checkedBy ? (names.get(l.checkedBy) ?? null) : null,
        checkedAt: l.checkedAt?.toISOString() ?? null,
      })),
      acceptedAt: conference.acceptedAt?.toISOString() ?? null,
      acceptedBy: conference.acceptedBy ? (names.get(conference.acceptedBy) ?? null) : null,
      followUpOn: conference.followUpOn,
      followUp: conference.followUpDoneAt
        ? {
            at: conference.followUpDoneAt.toISOString(),
            by: conference.followUpDoneBy ? (names.get(conference.followUpDoneBy) ?? null) : null,
            note: conference.followUpNote,
          }
        : null,
      evaluationOn: plan?.evaluationOn ?? null,
      createdAt: conference.createdAt.toISOString(),
    };
  }

  async displayNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await this.db.manager.find(UserEntity, { where: { id: In(wanted) } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
