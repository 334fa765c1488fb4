import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { abilityFor, asSubject } from '../../common/access/policy';
import { actorRole, type Actor, RequestContext } from '../../common/context/request-context';
import { forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { AuditService } from '../audit/audit.service';
import { MEETING_PURPOSE } from '../meetings/meetings.service';
import { NOTE_AUDIT_PERIOD_MS } from './notes.config';

export interface NoteAccess {
  itemId: string;
  meetingId: string;
  teamId: string;
}

/** Who may open a note (checked on join), and the audit trail of what sockets do in notes. */
@Injectable()
export class NoteAccessService {
  /** `socketId itemId` → when its last `note.update` audit record was written. */
  private readonly audited = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Members of the meeting's team, or a guest invited to this item. Notes the audit object. */
  async access(actor: Actor, itemId: string): Promise<NoteAccess> {
    RequestContext.note({ objectType: 'note', objectId: itemId, purpose: MEETING_PURPOSE });
    // One narrow read (not the meeting's stored room): joins come in waves of a whole team.
    const rows = (await this.dataSource.query(
      `SELECT m."id", m."team_id" AS "teamId" FROM "agenda_item" i
         JOIN "meeting" m ON m."id" = i."meeting_id" WHERE i."id" = $1`,
      [itemId],
    )) as { id: string; teamId: string }[];
    const meeting = rows[0];
    if (!meeting) throw forbidden('this note');
    RequestContext.note({ context: { teamId: meeting.teamId, meetingId: meeting.id, itemId } });
    if (actor.guest) {
      // A guest: only the notes of the items they are invited to, in their meeting.
      if (actor.guest.meetingId !== meeting.id || !actor.guest.itemIds.includes(itemId))
        throw forbidden('this note');
    } else if (!abilityFor(actor).can('read', asSubject('Meeting', { teamId: meeting.teamId })))
      throw forbidden('this note');
    return { itemId, meetingId: meeting.id, teamId: meeting.teamId };
  }

  /**
   * `note.update` (or a refused `note.awareness`), at most once per item, per socket, per outcome,
   * per `NOTE_AUDIT_PERIOD_MS`: typing sends several updates a second, and NEN 7513 asks who
   * changed which note when, not per keystroke.
   */
  async auditUpdate(
    socketId: string,
    actor: Actor,
    ip: string | null,
    access: NoteAccess | { itemId: string; teamId?: undefined; meetingId?: undefined },
    outcome: 'allowed' | 'denied' = 'allowed',
    action: 'note.update' | 'note.awareness' = 'note.update',
  ): Promise<void> {
    const key = `${socketId} ${access.itemId} ${outcome} ${action}`;
    const now = this.clock.now().getTime();
    const last = this.audited.get(key);
    if (last !== undefined && now - last < NOTE_AUDIT_PERIOD_MS) return;
    this.audited.set(key, now);
    await this.audit.record({
      action,
      outcome,
      actor: {
        userId: actor.userId,
        role: actorRole(actor, access.teamId),
        organisationId: actor.organisationId,
      },
      object: { type: 'note', id: access.itemId },
      purpose: MEETING_PURPOSE,
      context: access.teamId
        ? { teamId: access.teamId, meetingId: access.meetingId, itemId: access.itemId }
        : { itemId: access.itemId },
      channel: 'socket',
      source: { ip },
    });
  }

  /** A socket left: forget its audit throttle entries. */
  forgetSocket(socketId: string): void {
    for (const key of this.audited.keys())
      if (key.startsWith(`${socketId} `)) this.audited.delete(key);
  }
}
