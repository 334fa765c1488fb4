import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  createPreparationSchema,
  Preparation,
  PreparationComment,
} from '@casustafel/contracts';
import { canMarkReady, type casePreparationContentSchema } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { invalid } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess } from './case-file-access';
import { CaseViews, toComment } from './case-views';
import { PreparationCommentEntity, PreparationEntity } from './case.entity';

type CreatePreparation = z.output<typeof createPreparationSchema>;

/** Case preparations for a meeting: draft, ready (when the question is there), comments. */
@Injectable()
export class PreparationsService {
  constructor(
    @InjectRepository(PreparationEntity)
    private readonly preparations: Repository<PreparationEntity>,
    @InjectRepository(PreparationCommentEntity)
    private readonly comments: Repository<PreparationCommentEntity>,
    private readonly access: CaseFileAccess,
    private readonly views: CaseViews,
    private readonly clock: Clock,
  ) {}

  async add(actor: Actor, caseId: string, input: CreatePreparation): Promise<Preparation> {
    const found = await this.access.case(actor, caseId, 'update', {
      type: 'preparation',
      id: null,
    });
    const now = this.clock.now();
    const saved = await this.preparations.save(
      this.preparations.create({
        caseId: found.id,
        status: 'draft',
        meetingDate: input.meetingDate,
        content: input.content as Record<string, unknown>,
        authorId: actor.userId,
        createdAt: now,
        updatedAt: now,
        readyAt: null,
      }),
    );
    RequestContext.note({ objectId: saved.id });
    await this.views.touchCase(found.id);
    return this.views.preparation(saved);
  }

  async update(
    actor: Actor,
    preparationId: string,
    content: z.output<typeof casePreparationContentSchema>,
  ): Promise<Preparation> {
    const preparation = await this.preparationFor(actor, preparationId);
    preparation.content = content as Record<string, unknown>;
    // Editing a ready preparation returns it to draft: the team must see it anew.
    preparation.status = 'draft';
    preparation.readyAt = null;
    preparation.updatedAt = this.clock.now();
    return this.views.preparation(await this.preparations.save(preparation));
  }

  async markReady(actor: Actor, preparationId: string): Promise<Preparation> {
    const preparation = await this.preparationFor(actor, preparationId);
    const missing = canMarkReady(preparation.content as { vraag?: string });
    if (missing.length > 0)
      throw invalid(missing.map((path) => ({ path, issue: 'required-for-ready' })));
    if (preparation.status !== 'ready') {
      const now = this.clock.now();
      preparation.status = 'ready';
      preparation.readyAt = now;
      preparation.updatedAt = now;
      await this.preparations.save(preparation);
    }
    return this.views.preparation(preparation);
  }

  async markDraft(actor: Actor, preparationId: string): Promise<Preparation> {
    const preparation = await this.preparationFor(actor, preparationId);
    if (preparation.status !== 'draft') {
      preparation.status = 'draft';
      preparation.readyAt = null;
      preparation.updatedAt = this.clock.now();
      await this.preparations.save(preparation);
    }
    return this.views.preparation(preparation);
  }

  async comment(actor: Actor, preparationId: string, text: string): Promise<PreparationComment> {
    const preparation = await this.preparationFor(actor, preparationId, 'read');
    const saved = await this.comments.save(
      this.comments.create({
        preparationId: preparation.id,
        authorId: actor.userId,
        text,
        createdAt: this.clock.now(),
      }),
    );
    // Extend the context noted by the access check (teamId, caseId): the audit role needs the team.
    RequestContext.note({
      context: { ...RequestContext.current()?.audit.context, preparationId: preparation.id },
    });
    const users = await this.views.userRefs([actor.userId]);
    return toComment(saved, users);
  }

  private async preparationFor(
    actor: Actor,
    preparationId: string,
    action: 'read' | 'update' = 'update',
  ): Promise<PreparationEntity> {
    const object = { type: 'preparation', id: preparationId };
    const preparation = await this.preparations.findOneBy({ id: preparationId });
    if (!preparation) this.access.refuse(object);
    await this.access.case(actor, preparation.caseId, action, object);
    return preparation;
  }
}
