import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type {
  assessErasureRequestSchema,
  createErasureRequestSchema,
  ErasureRequestView,
} from '@casustafel/contracts';
import type { ErasureException } from '@casustafel/domain';
import { type Actor, RequestContext } from '../../common/context/request-context';
import { DomainError } from '../../common/errors/domain.error';
import { Clock } from '../../common/time/clock';
import { HouseholdEntity, PersonEntity } from '../case-file/household.entity';
import { TeamEntity } from '../identity/team.entity';
import { CaseFileEraser, ERASED_LABEL } from './case-file-eraser';
import { ErasureRequestEntity } from './erasure-request.entity';

type CreateInput = z.output<typeof createErasureRequestSchema>;
type AssessInput = z.output<typeof assessErasureRequestSchema>;

function toView(r: ErasureRequestEntity, label: string | null): ErasureRequestView {
  return {
    id: r.id,
    householdId: r.householdId,
    personId: r.personId,
    scope: r.scope,
    requestedBy: r.requestedBy,
    receivedOn: r.receivedOn,
    status: r.status,
    householdLabel: label === ERASED_LABEL ? null : label,
    exceptions: r.exceptions,
    reason: r.reason,
    recordedAt: r.recordedAt.toISOString(),
    assessedAt: r.assessedAt?.toISOString() ?? null,
    executedAt: r.executedAt?.toISOString() ?? null,
  };
}

/**
 * AVG art. 17 requests: recorded (who asked, when, the scope), assessed with the legal
 * exceptions (an open Meldcode record is detected here, the others recorded by the assessor),
 * then executed — the person's or household's data erased from the case file — or refused
 * with the reason. Organisation administrators only (`organisation:manage`); each step is
 * audited by the route with ids only.
 */
@Injectable()
export class ErasureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly eraser: CaseFileEraser,
  ) {}

  async list(actor: Actor): Promise<ErasureRequestView[]> {
    const rows = await this.dataSource.getRepository(ErasureRequestEntity).find({
      where: { organisationId: actor.organisationId },
      order: { recordedAt: 'DESC' },
      take: 500,
    });
    const labels = await this.labels(rows.map((r) => r.householdId));
    return rows.map((r) => toView(r, labels.get(r.householdId) ?? null));
  }

  async create(actor: Actor, input: CreateInput): Promise<ErasureRequestView> {
    const household = await this.householdOf(actor, input.householdId);
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
    return toView(saved, household.label);
  }

  async assess(actor: Actor, id: string, input: AssessInput): Promise<ErasureRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requestOf(actor, id, manager);
      if (request.status !== 'ontvangen') {
        throw new DomainError('CONFLICT', 'The request was assessed already', [
          { path: 'status', issue: 'already-assessed' },
        ]);
      }
      const exceptions = new Set<ErasureException>(input.exceptions);
      if ((await this.eraser.openMeldcodeCases(manager, request.householdId)).length > 0) {
        exceptions.add('meldcode-open');
      }
      if (input.decision === 'execute' && exceptions.size > 0) {
        throw new DomainError(
          'CONFLICT',
          'A legal exception applies: the request must be refused',
          [{ path: 'exceptions', issue: 'exception-applies' }],
        );
      }
      request.exceptions = [...exceptions];
      request.reason = input.decision === 'refuse' ? input.reason : null;
      request.status = input.decision === 'execute' ? 'toegewezen' : 'geweigerd';
      request.assessedBy = actor.userId;
      request.assessedAt = this.clock.now();
      const saved = await manager.save(request);
      return toView(
        saved,
        (await this.labels([saved.householdId], manager)).get(saved.householdId) ?? null,
      );
    });
  }

  async execute(actor: Actor, id: string): Promise<ErasureRequestView> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.requestOf(actor, id, manager);
      if (request.status !== 'toegewezen') {
        throw new DomainError('CONFLICT', 'Only an approved request can be executed', [
          { path: 'status', issue: 'not-approved' },
        ]);
      }
      // A Meldcode record opened since the assessment holds the erasure back.
      if ((await this.eraser.openMeldcodeCases(manager, request.householdId)).length > 0) {
        throw new DomainError('CONFLICT', 'A Meldcode record is open for this household', [
          { path: 'exceptions', issue: 'meldcode-open' },
        ]);
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
        (await this.labels([saved.householdId], manager)).get(saved.householdId) ?? null,
      );
    });
  }

  /** The household, if it belongs to one of the actor's organisation's teams. */
  private async householdOf(actor: Actor, householdId: string): Promise<HouseholdEntity> {
    const household = await this.dataSource
      .getRepository(HouseholdEntity)
      .findOneBy({ id: householdId });
    const team = household
      ? await this.dataSource.getRepository(TeamEntity).findOneBy({ id: household.teamId })
      : null;
    if (!household || team?.organisationId !== actor.organisationId) {
      throw new DomainError('NOT_FOUND', 'No such household');
    }
    return household;
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
    if (!request) throw new DomainError('NOT_FOUND', 'No such erasure request');
    RequestContext.note({
      objectType: 'erasure-request',
      objectId: request.id,
      clientId: request.householdId,
    });
    return request;
  }

  private async labels(
    ids: string[],
    manager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager
      .getRepository(HouseholdEntity)
      .createQueryBuilder('h')
      .select(['h.id', 'h.label'])
      .where('h.id IN (:...ids)', { ids: [...new Set(ids)] })
      .getMany();
    return new Map(rows.map((h) => [h.id, h.label]));
  }
}
