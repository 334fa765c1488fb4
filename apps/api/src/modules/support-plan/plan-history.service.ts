import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { PlanDiffView, PlanVersionSummary, PlanVersionView } from '@casustafel/contracts';
import { type PlanSnapshot, diffPlans, emptyPlanSnapshot } from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { notFound } from '../../common/errors/refusals';
import { PLAN_ENTRY, PlanStore } from './plan-store.service';
import { PlanViews } from './plan-views.service';
import { SupportPlanVersionEntity } from './support-plan.entities';

/** The plan's history: its versions, one version as it was, and what changed between two. */
@Injectable()
export class PlanHistoryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: PlanStore,
    private readonly views: PlanViews,
  ) {}

  async versions(actor: Actor, planId: string): Promise<PlanVersionSummary[]> {
    await this.store.authorise(actor, planId, 'read');
    return this.views.versionSummaries(this.db.manager, planId);
  }

  async version(actor: Actor, planId: string, number: number): Promise<PlanVersionView> {
    await this.store.authorise(actor, planId, 'read');
    const m = this.db.manager;
    const v = await m.findOneBy(SupportPlanVersionEntity, { planId, number });
    if (!v) throw notFound(PLAN_ENTRY);
    const [users, agreements] = await Promise.all([
      this.views.userRefs(m, [v.authorId]),
      this.views.agreementViews(m, planId),
    ]);
    return {
      number: v.number,
      author: users.get(v.authorId) ?? { id: v.authorId, displayName: '' },
      createdAt: v.createdAt.toISOString(),
      change: v.change,
      subject: v.subject,
      snapshot: v.snapshot,
      agreements: agreements.filter((a) => a.versionNumber === v.number),
    };
  }

  async diff(actor: Actor, planId: string, from: number, to: number): Promise<PlanDiffView> {
    await this.store.authorise(actor, planId, 'read');
    const m = this.db.manager;
    const numbers = [from, to].filter((n) => n > 0);
    const rows = await m.findBy(SupportPlanVersionEntity, { planId, number: In(numbers) });
    const snapshot = (n: number): PlanSnapshot => {
      if (n === 0) return emptyPlanSnapshot();
      const row = rows.find((r) => r.number === n);
      if (!row) throw notFound(PLAN_ENTRY);
      return row.snapshot;
    };
    return { from, to, diff: diffPlans(snapshot(from), snapshot(to)) };
  }
}
