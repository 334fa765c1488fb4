import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { MeldcodeRecordView, MeldcodeStepRequest } from '@casustafel/contracts';
import { applyStep, type MeldcodeStepInput, newMeldcodeRecord } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { conflict } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { CaseFileAccess } from './case-file-access';
import { CaseViews, toMeldcode } from './case-views';
import { MeldcodeRecordEntity } from './case.entity';

/** The case's Meldcode record: one open at a time, its steps in the domain's order. */
@Injectable()
export class MeldcodeService {
  constructor(
    @InjectRepository(MeldcodeRecordEntity)
    private readonly meldcode: Repository<MeldcodeRecordEntity>,
    private readonly access: CaseFileAccess,
    private readonly views: CaseViews,
    private readonly clock: Clock,
  ) {}

  async open(actor: Actor, caseId: string): Promise<MeldcodeRecordView> {
    const found = await this.access.case(actor, caseId, 'update', {
      type: 'meldcode-record',
      id: null,
    });
    const open = await this.meldcode.findOneBy({ caseId: found.id, closedAt: IsNull() });
    if (open) {
      throw conflict('open-record-exists', 'caseId');
    }
    const now = this.clock.now();
    const saved = await this.meldcode.save(
      this.meldcode.create({
        caseId: found.id,
        openedAt: now,
        openedBy: actor.userId,
        state: newMeldcodeRecord(),
        closedAt: null,
        updatedAt: now,
      }),
    );
    RequestContext.note({ objectId: saved.id });
    await this.views.touchCase(found.id);
    return toMeldcode(saved);
  }

  async step(
    actor: Actor,
    recordId: string,
    input: MeldcodeStepRequest,
  ): Promise<MeldcodeRecordView> {
    const object = { type: 'meldcode-record', id: recordId };
    const record = await this.meldcode.findOneBy({ id: recordId });
    if (!record) this.access.refuse(object);
    await this.access.case(actor, record.caseId, 'update', object);
    const now = this.clock.now();
    const entry = { ...input, by: actor.userId } as MeldcodeStepInput;
    const result = applyStep(record.state, entry, now);
    if (!result.ok) {
      throw conflict(result.error, 'step');
    }
    record.state = result.record;
    record.closedAt = result.record.closedAt ? new Date(result.record.closedAt) : null;
    record.updatedAt = now;
    const saved = await this.meldcode.save(record);
    await this.views.touchCase(record.caseId);
    return toMeldcode(saved);
  }
}
