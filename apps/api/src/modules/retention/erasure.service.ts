import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { z } from 'zod';
import type {
  assessErasureRequestSchema,
  createErasureRequestSchema,
  ErasureRequestView,
} from '@casustafel/contracts';
import type { ErasureException } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { conflict, notFound } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess } from '../case-file/case-file-access';
import { HouseholdEntity, PersonEntity } from '../case-file/household.entity';
import { TeamEntity } from '../identity/team.entity';
import { CaseFileEraser, ERASED_LABEL } from './case-file-eraser';
import { ErasureRequestEntity } from './erasure-request.entity';

type CreateInput = z.output<typeof createErasureRequestSchema>;
type AssessInput = z.output<typeof assessErasureRequestSchema>;

/** What the administrator may know of a request's household: its team, and whether it is gone. */
interface HouseholdFacts {
  teamName: string | null;
  erased: boolean;
}
const GONE: HouseholdFacts = { teamName: null, erased: true };

function toView(r: ErasureRequestEntity, facts: HouseholdFacts): ErasureRequestView {
  return {
    id: r.id,
    householdId: r.householdId,
    personId: r.personId,
    scope: r.scope,
    requestedBy: r.requestedBy,
    receivedOn: r.receivedOn,
    status: r.status,
    teamName: facts.teamName,
    householdErased: facts.erased,
    exceptions: r.exceptions,
    reason: r.reason,
    recordedAt: r.recordedAt.toISOString(),
    assessedAt: r.assessedAt?.toISOString() ?? null,
    executedAt: r.executedAt?.toISOString() ?? null,
  };
}

/**
 * AVG art. 17 requests: filed by a member of the household's team from the household page
 * (who asked, when, the scope; need-to-know as for editing the household), assessed by an
 * organisation administrator with the legal exceptions (an open Meldcode record is detected
 * here, the others recorded by the assessor), then executed — the person's or household's data
 * erased from the case file — or refused with the reason. The administrator sees ids, the
 * team's name and codes, never the household's label or names: an organisation administrator
 * reads no client data (DESIGN.md). Each step is audited by the route with ids only.
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly eraser: CaseFileEraser,
    private readonly access: CaseFileAccess,
  ) {}

  async list(actor: Actor): Promise<ErasureRequestView[]> {
    const rows = await this.dataSource.getRepository(ErasureRequestEntity).find({
      where: { organisationId: actor.organisationId },
      order: { recordedAt: 'DESC' },
      take: 500,
    });
    const facts = await this.facts(rows.map((r) => r.householdId));
    return rows.map((r) => toView(r, facts.get(r.householdId) ?? GONE));
  }

  /** A team member files a request for a household of their team. */
  async file(actor: Actor, householdId: string, input: CreateInput): Promise<ErasureRequestView> {
    const household = await this.access.household(actor, householdId, 'update', {
      type: 'erasure-request',
      id: null,
    });
    if (input.personId) {
      const person = await this.dataSource
        .getRepository(PersonEntity)
        .findOneBy({ id: input.personId, householdId: household.id });
      if (!person) {
        throw new DomainError('VALIDATION_FAILED', 'The person is not in this household', [
          { path: 'personId', issue: 'not-in-household' },
        ]);
      }
    }
    const repo = this.dataSource.getRepository(ErasureRequestEntity);
    const saved = await repo.save(
      repo.create({
        organisationId: actor.organisationId,
        householdId: household.id,
        personId: input.personId,
        scope: input.scope,
        requestedBy: input.requestedBy,
        receivedOn: input.receivedOn,
        status: 'ontvangen',
        exceptions: [],
        reason: null,
        recordedBy: actor.userId,
        recordedAt: this.clock.now(),
        assessedBy: null,
        assessedAt: null,
        executedBy: null,
        executedAt: null,
      }),
    );
    RequestContext.note({
      objectType: 'erasure-request',
      objectId: saved.id,
      clientId: household.id,
    });
    return toView(saved, (await this.facts([household.id])).get(household.id) ?? GONE);
  }

  async assess(actor: Actor, id: string, input: AssessInput): Promise<ErasureRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requestOf(actor, id, manager);
      if (request.status !== 'ontvangen') {
        throw conflict('already-assessed', 'status');
      }
      const exceptions = new Set<ErasureException>(input.exceptions);
      if ((await this.eraser.openMeldcodeCases(manager, request.householdId)).length > 0) {
        exceptions.add('meldcode-open');
      }
      if (input.decision === 'execute' && exceptions.size > 0) {
        throw conflict('exception-applies', 'exceptions');
      }
      request.exceptions = [...exceptions];
      request.reason = input.decision === 'refuse' ? input.reason : null;
      request.status = input.decision === 'execute' ? 'toegewezen' : 'geweigerd';
      request.assessedBy = actor.userId;
      request.assessedAt = this.clock.now();
      const saved = await manager.save(request);
      return toView(
        saved,
        (await this.facts([saved.householdId], manager)).get(saved.householdId) ?? GONE,
      );
    });
  }

  async execute(actor: Actor, id: string): Promise<ErasureRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requestOf(actor, id, manager);
      if (request.status !== 'toegewezen') {
        throw conflict('not-approved', 'status');
      }
      // A Meldcode record opened since the assessment holds the erasure back.
      if ((await this.eraser.openMeldcodeCases(manager, request.householdId)).length > 0) {
        throw conflict('meldcode-open', 'exceptions');
      }
      const now = this.clock.now();
      if (request.scope === 'person' && request.personId) {
        await this.eraser.erasePerson(manager, request.personId, now);
      } else {
        await this.eraser.eraseHousehold(manager, request.householdId, now);
      }
      request.status = 'uitgevoerd';
      request.executedBy = actor.userId;
      request.executedAt = now;
      const saved = await manager.save(request);
      RequestContext.note({ legalBasis: 'avg.17' });
      return toView(
        saved,
        (await this.facts([saved.householdId], manager)).get(saved.householdId) ?? GONE,
      );
    });
  }

  private async requestOf(
    actor: Actor,
    id: string,
    manager = this.dataSource.manager,
  ): Promise<ErasureRequestEntity> {
    const request = await manager.findOneBy(ErasureRequestEntity, {
      id,
      organisationId: actor.organisationId,
    });
    if (!request) throw notFound('erasure request');
    RequestContext.note({
      objectType: 'erasure-request',
      objectId: request.id,
      clientId: request.householdId,
    });
    return request;
  }

  private async facts(
    ids: string[],
    manager = this.dataSource.manager,
  ): Promise<Map<string, HouseholdFacts>> {
    if (ids.length === 0) return new Map();
    const households = await manager
      .getRepository(HouseholdEntity)
      .createQueryBuilder('h')
      .select(['h.id', 'h.label', 'h.teamId'])
      .where('h.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    const teams = await manager.getRepository(TeamEntity).findBy({
      id: In([...new Set(households.map((h) => h.teamId))]),
    });
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    return new Map(
      households.map((h) => [
        h.id,
        { teamName: teamNames.get(h.teamId) ?? null, erased: h.label === ERASED_LABEL },
      ]),
    );
  }
}
