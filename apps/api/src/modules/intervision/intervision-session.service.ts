import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, IsNull, Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  IntervisionSessionView,
  MyIntervisionSession,
  startIntervisionSessionSchema,
  ValidationIssue,
} from '@casustafel/contracts';
import {
  findMethod,
  INTERVISION_METHODS,
  type IntervisionMethod,
  type IntervisionRole,
  intervisionSessionKind,
  lockedOut,
  type SessionRoomState,
  validateMethod,
} from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { forbidden, invalid, invalidAt } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { MembershipEntity } from '../identity/membership.entity';
import { UserEntity } from '../identity/user.entity';
import { LiveSessionEntity, LiveSessionMemberEntity } from '../live-session/live-session.entities';
import { LiveSessionService } from '../live-session/live-session.service';
import { localDate } from '../live-session/record-views';
import { SessionKinds } from '../live-session/session-kinds';
import {
  IntervisionAttendanceEntity,
  IntervisionSessionEntity,
} from './intervision-session.entities';
import { IntervisionCaseEntity } from './intervision.entities';
import { INTERVISION_PURPOSE } from './intervision.service';

type StartSession = z.output<typeof startIntervisionSessionSchema>;

/** The prefix of intervision kinds (see `intervisionKindId`). */
const KIND_PREFIX = 'iv-';
const REVIEW_ROLES = ['trainer', 'team_leader'] as const;

/** What a refusal names: the same answer for "does not exist" and "not a participant". */
export const INTERVISION_SESSION = 'this intervision session';

/**
 * Intervision sessions (issue 14 §2): the team member who starts one on a released copy of
 * their team is its trainer and leads it (gespreksleider); the participants are team members
 * in the method's roles. The live-session engine runs the room (join, commands, projections);
 * this service starts, shows and ends sessions, and writes the attendance records when one
 * ends. Audit rows name the session or the copy, never the source case.
 */
@Injectable()
export class IntervisionSessionService implements OnModuleInit {
  constructor(
    @InjectRepository(IntervisionSessionEntity)
    private readonly sessions: Repository<IntervisionSessionEntity>,
    @InjectRepository(IntervisionCaseEntity)
    private readonly copies: Repository<IntervisionCaseEntity>,
    private readonly live: LiveSessionService,
    private readonly kinds: SessionKinds,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The caller's own sessions — running, or ended in the last 14 days — newest first: how a
   * participant who joins remotely finds the session the trainer started.
   */
  async mine(actor: Actor): Promise<MyIntervisionSession[]> {
    const since = new Date(this.clock.now().getTime() - 14 * 86_400_000);
    const rows = (await this.dataSource.query(
      `SELECT s."id", s."started_at" AS "startedAt", s."ended_at" AS "endedAt",
              s."method"->>'name' AS "methodName", c."title" AS "copyTitle",
              t."display_name" AS "trainerName", m."role"
       FROM "intervision_session" s
       JOIN "live_session_member" m ON m."session_id" = s."id" AND m."user_id" = $1
       JOIN "intervision_case" c ON c."id" = s."intervision_case_id"
       JOIN "app_user" t ON t."id" = s."trainer_id"
       WHERE (s."ended_at" IS NULL OR s."ended_at" >= $2)
         AND c."team_id" = ANY($3::uuid[])
       ORDER BY s."started_at" DESC
       LIMIT 50`,
      [actor.userId, since, [...actor.teams.keys()]],
    )) as {
      id: string;
      startedAt: Date | string;
      endedAt: Date | string | null;
      methodName: string;
      copyTitle: string;
      trainerName: string;
      role: MyIntervisionSession['role'];
    }[];
    const iso = (value: Date | string) => new Date(value).toISOString();
    return rows.map((r) => ({
      id: r.id,
      status: r.endedAt === null ? 'running' : 'ended',
      copyTitle: r.copyTitle,
      methodName: r.methodName,
      trainerName: r.trainerName,
      role: r.role,
      startedAt: iso(r.startedAt),
      endedAt: r.endedAt === null ? null : iso(r.endedAt),
    }));
  }

  onModuleInit(): void {
    for (const method of INTERVISION_METHODS) this.known(intervisionSessionKind(method));
    // A trainer's own method is found again from its session (on any instance, after a restart).
    this.kinds.addResolver(KIND_PREFIX, async (id) => {
      const row = await this.sessions.findOne({ where: { kind: id }, select: { method: true } });
      return row ? intervisionSessionKind(row.method) : undefined;
    });
  }

  private known(kind: ReturnType<typeof intervisionSessionKind>) {
    if (!this.kinds.get(kind.id)) this.kinds.register(kind);
    return kind;
  }

  async start(actor: Actor, copyId: string, input: StartSession): Promise<IntervisionSessionView> {
    RequestContext.note({
      objectType: 'intervision-case',
      objectId: copyId,
      purpose: INTERVISION_PURPOSE,
    });
    if (actor.guest || actor.family) throw forbidden(INTERVISION_SESSION);
    const copy = await this.copies.findOneBy({ id: copyId });
    if (!copy || !actor.teams.has(copy.teamId)) throw forbidden(INTERVISION_SESSION);
    RequestContext.note({ context: { teamId: copy.teamId } });
    if (copy.status !== 'released') {
      const roles = actor.teams.get(copy.teamId) ?? [];
      const mayRead =
        copy.createdBy === actor.userId || REVIEW_ROLES.some((r) => roles.includes(r));
      if (!mayRead) throw forbidden(INTERVISION_SESSION);
      throw new DomainError('CONFLICT', 'Only a released copy is used in a session', [
        { path: '', issue: 'copy-not-released' },
      ]);
    }
    const method = this.methodOf(input);
    const people = [
      { userId: actor.userId, role: 'gespreksleider' as IntervisionRole },
      ...input.participants,
    ];
    const issues = this.participantIssues(method, input.participants, people.length);
    const ids = [...new Set(people.map((p) => p.userId))];
    const members = await this.dataSource.manager.findBy(MembershipEntity, {
      teamId: copy.teamId,
      userId: In(ids),
    });
    const memberIds = new Set(members.map((m) => m.userId));
    people.forEach((p, index) => {
      if (people.findIndex((q) => q.userId === p.userId) !== index)
        issues.push({ path: `participants.${index - 1}.userId`, issue: 'duplicate' });
      else if (!memberIds.has(p.userId))
        issues.push({ path: `participants.${index - 1}.userId`, issue: 'not-a-member' });
    });
    if (issues.length > 0) throw invalid(issues);
    const kind = this.known(intervisionSessionKind(method));
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (tx) => {
      const sessionId = await this.live.createSession(kind.id, copy.teamId, people, tx);
      await tx.insert(IntervisionSessionEntity, {
        id: sessionId,
        teamId: copy.teamId,
        intervisionCaseId: copy.id,
        kind: kind.id,
        method: method as never,
        trainerId: actor.userId,
        startedAt: now,
        endedAt: null,
      });
      return sessionId;
    });
    RequestContext.note({ objectType: 'intervision-session', objectId: id });
    return this.view(actor, id);
  }

  /** A participant reads the session (not while their role is locked out of the phase). */
  async view(actor: Actor, id: string): Promise<IntervisionSessionView> {
    const { session, role } = await this.sessionFor(actor, id);
    if (session.endedAt === null) {
      const live = await this.dataSource.manager.findOneByOrFail(LiveSessionEntity, { id });
      const kind = await this.kinds.resolve(live.kind);
      const state = live.state as unknown as SessionRoomState;
      if (!kind || lockedOut(kind, state.phase, role))
        // The page tells an absent inbrenger to wait, rather than showing a refusal.
        throw new DomainError('FORBIDDEN', 'This phase is closed to your role', [
          { path: 'phase', issue: 'closed-to-role' },
        ]);
    }
    const copy = await this.copies.findOneByOrFail({ id: session.intervisionCaseId });
    const members = await this.dataSource.manager.findBy(LiveSessionMemberEntity, {
      sessionId: id,
    });
    const names = await this.namesOf([session.trainerId, ...members.map((m) => m.userId)]);
    return {
      id,
      teamId: session.teamId,
      status: session.endedAt ? 'ended' : 'running',
      kind: session.kind,
      method: session.method,
      copy: {
        id: copy.id,
        title: copy.title,
        // The text only: review marks stay with the copy.
        sections: copy.sections.map(({ key, title, text }) => ({ key, title, text })),
      },
      trainer: { userId: session.trainerId, displayName: names.get(session.trainerId) ?? '' },
      participants: members.map((m) => ({
        userId: m.userId,
        displayName: names.get(m.userId) ?? '',
        role: m.role as IntervisionRole,
      })),
      role: role as IntervisionRole,
      startedAt: session.startedAt.toISOString(),
      endedAt: session.endedAt ? session.endedAt.toISOString() : null,
    };
  }

  /**
   * The trainer ends the session: the room takes no more commands (every participant is told)
   * and each participant gets an attendance record (date, duration, method, trainer, role).
   */
  async end(actor: Actor, id: string): Promise<IntervisionSessionView> {
    const { session } = await this.sessionFor(actor, id);
    if (session.trainerId !== actor.userId)
      throw new DomainError('FORBIDDEN', 'Only the trainer ends the session');
    if (session.endedAt) throw new DomainError('SESSION_ENDED', 'The session has ended');
    // Ended already by an earlier attempt that did not get to the records: go on.
    await this.live.endSession(id, actor.userId);
    const now = this.clock.now();
    // Read before the transaction: the embedded database has one connection.
    const members = await this.dataSource.manager.findBy(LiveSessionMemberEntity, {
      sessionId: id,
    });
    const names = await this.namesOf([session.trainerId, ...members.map((m) => m.userId)]);
    await this.dataSource.transaction(async (tx) => {
      const updated = await tx.update(
        IntervisionSessionEntity,
        { id, endedAt: IsNull() },
        { endedAt: now },
      );
      if (updated.affected === 0) throw new DomainError('SESSION_ENDED', 'The session has ended');
      const minutes = Math.max(
        0,
        Math.round((now.getTime() - session.startedAt.getTime()) / 60_000),
      );
      for (const member of members)
        await tx.insert(IntervisionAttendanceEntity, {
          sessionId: id,
          userId: member.userId,
          participantName: names.get(member.userId) ?? '',
          role: member.role,
          date: localDate(session.startedAt),
          startedAt: session.startedAt,
          endedAt: now,
          minutes,
          methodId: session.method.id,
          methodVersion: session.method.version,
          methodName: session.method.name,
          trainerId: session.trainerId,
          trainerName: names.get(session.trainerId) ?? '',
        });
    });
    return this.view(actor, id);
  }

  /** A participant's access to a session: team member and in the session, else 403. */
  async sessionFor(actor: Actor, id: string) {
    RequestContext.note({
      objectType: 'intervision-session',
      objectId: id,
      purpose: INTERVISION_PURPOSE,
    });
    if (actor.guest || actor.family) throw forbidden(INTERVISION_SESSION);
    const [session, member] = await Promise.all([
      this.sessions.findOneBy({ id }),
      this.dataSource.manager.findOneBy(LiveSessionMemberEntity, {
        sessionId: id,
        userId: actor.userId,
      }),
    ]);
    if (!session || !member || !actor.teams.has(session.teamId))
      throw forbidden(INTERVISION_SESSION);
    RequestContext.note({ context: { teamId: session.teamId } });
    return { session, role: member.role };
  }

  private methodOf(input: StartSession): IntervisionMethod {
    if (input.methodId !== undefined) {
      const shipped = findMethod(input.methodId, input.methodVersion);
      if (!shipped) throw invalidAt('methodId', 'unknown-method');
      return shipped;
    }
    const checked = validateMethod(input.method);
    if (!checked.ok)
      throw invalid(checked.issues.map((i) => ({ path: `method.${i.path}`, issue: i.message })));
    return checked.method;
  }

  private participantIssues(
    method: IntervisionMethod,
    participants: StartSession['participants'],
    total: number,
  ): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    participants.forEach((p, index) => {
      if (p.role === 'gespreksleider')
        issues.push({ path: `participants.${index}.role`, issue: 'the-trainer-leads' });
      else if (!method.roles.includes(p.role))
        issues.push({ path: `participants.${index}.role`, issue: 'not-a-role-of-the-method' });
    });
    const count = (role: IntervisionRole) => participants.filter((p) => p.role === role).length;
    if (count('inbrenger') !== 1) issues.push({ path: 'participants', issue: 'one-inbrenger' });
    if (count('timekeeper') > 1) issues.push({ path: 'participants', issue: 'one-timekeeper' });
    if (total < method.participants.min) issues.push({ path: 'participants', issue: 'too_small' });
    if (total > method.participants.max) issues.push({ path: 'participants', issue: 'too_big' });
    return issues;
  }

  async namesOf(userIds: string[]): Promise<Map<string, string>> {
    const users = await this.dataSource.manager.findBy(UserEntity, {
      id: In([...new Set(userIds)]),
    });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
