import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, Repository } from 'typeorm';
import type { IntervisionAttendance } from '@casustafel/contracts';
import { INTERVISION_ROLES, type IntervisionRole } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { forbidden } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { DocumentsService } from '../documents/documents.service';
import type { DocumentLanguage } from '../documents/pdf';
import { IntervisionAttendanceEntity } from './intervision-session.entities';
import { INTERVISION_SESSION, IntervisionSessionService } from './intervision-session.service';
import { INTERVISION_PURPOSE } from './intervision.service';

function attendanceView(row: IntervisionAttendanceEntity): IntervisionAttendance {
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    participantName: row.participantName,
    role: row.role as IntervisionRole,
    date: row.date,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt.toISOString(),
    minutes: row.minutes,
    method: { id: row.methodId, version: row.methodVersion, name: row.methodName },
    trainerName: row.trainerName,
  };
}

const roleOrder = (role: string) => INTERVISION_ROLES.indexOf(role as IntervisionRole);

/**
 * Attendance records of intervision for accreditation (issue 14 §4): per session (everyone who
 * took part, for its participants) and per period (one's own records only), as data and as a
 * PDF rendered in the documents worker pool, in Dutch or English.
 */
@Injectable()
export class IntervisionAttendanceService {
  constructor(
    @InjectRepository(IntervisionAttendanceEntity)
    private readonly attendance: Repository<IntervisionAttendanceEntity>,
    private readonly sessions: IntervisionSessionService,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
  ) {}

  /** The attendance of an ended session, for its participants. */
  async ofSession(actor: Actor, sessionId: string): Promise<IntervisionAttendance[]> {
    const { session } = await this.sessions.sessionFor(actor, sessionId);
    if (!session.endedAt)
      throw new DomainError('SESSION_NOT_ENDED', 'The session has not ended yet');
    const rows = await this.attendance.findBy({ sessionId });
    rows.sort(
      (a, b) =>
        roleOrder(a.role) - roleOrder(b.role) || a.participantName.localeCompare(b.participantName),
    );
    return rows.map(attendanceView);
  }

  async sessionPdf(actor: Actor, sessionId: string, language: DocumentLanguage): Promise<Buffer> {
    const records = await this.ofSession(actor, sessionId);
    return this.documents.render('intervision-attendance-pdf', {
      language,
      scope: { kind: 'session' },
      records,
      generatedAt: this.clock.now().toISOString(),
    });
  }

  /** One's own records with a date in [from, to]. */
  async own(actor: Actor, from: string, to: string): Promise<IntervisionAttendance[]> {
    RequestContext.note({
      objectType: 'intervision-attendance',
      objectId: null,
      purpose: INTERVISION_PURPOSE,
    });
    if (actor.guest || actor.family) throw forbidden(INTERVISION_SESSION);
    const rows = await this.attendance.find({
      where: { userId: actor.userId, date: Between(from, to) },
      order: { startedAt: 'ASC' },
    });
    return rows.map(attendanceView);
  }

  async ownPdf(
    actor: Actor,
    from: string,
    to: string,
    language: DocumentLanguage,
  ): Promise<Buffer> {
    const records = await this.own(actor, from, to);
    const names = await this.sessions.namesOf([actor.userId]);
    return this.documents.render('intervision-attendance-pdf', {
      language,
      scope: { kind: 'period', participantName: names.get(actor.userId) ?? '', from, to },
      records,
      generatedAt: this.clock.now().toISOString(),
    });
  }
}
