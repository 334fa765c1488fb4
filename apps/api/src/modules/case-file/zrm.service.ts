import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { z } from 'zod';
import type {
  createZrmAssessmentSchema as createZrmRequestSchema,
  ZrmAssessment,
} from '@casustafel/contracts';
import {
  createZrmAssessmentSchema,
  ZRM_DOMAIN_KEYS_2013,
  ZRM_DOMAIN_KEYS_2017,
} from '@casustafel/domain';
import type { Actor } from '../../common/context/request-context';
import { RequestContext } from '../../common/context/request-context';
import { invalid } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { validationIssues } from '../../common/validation/issue-path';
import { CaseFileAccess } from './case-file-access';
import { CaseViews, toZrm } from './case-views';
import { ZrmAssessmentEntity } from './case.entity';

type CreateZrm = z.output<typeof createZrmRequestSchema>;

/** ZRM domain names (both versions) may be named in validation details; other keys may not. */
const ZRM_DOMAIN_KEYS: ReadonlySet<string> = new Set([
  ...ZRM_DOMAIN_KEYS_2017,
  ...ZRM_DOMAIN_KEYS_2013,
]);

/** The case's ZRM assessments (Zelfredzaamheid-Matrix), checked by the domain's rules. */
@Injectable()
export class ZrmService {
  constructor(
    @InjectRepository(ZrmAssessmentEntity)
    private readonly zrm: Repository<ZrmAssessmentEntity>,
    private readonly access: CaseFileAccess,
    private readonly views: CaseViews,
    private readonly clock: Clock,
  ) {}

  async add(actor: Actor, caseId: string, input: CreateZrm): Promise<ZrmAssessment> {
    const found = await this.access.case(actor, caseId, 'update', {
      type: 'zrm-assessment',
      id: null,
    });
    // The domain's rules in full (every domain of the version, sources, dates, zwaartefactoren);
    // the explanation per domain is the api's addition and is kept beside the scores.
    const zrmSchema = createZrmAssessmentSchema({ now: () => this.clock.now() });
    const domainResult = zrmSchema.safeParse({
      version: input.version,
      assessedAt: input.assessedAt,
      domains: Object.fromEntries(
        Object.entries(input.domains).map(([key, d]) => [
          key,
          { score: d.score, indicators: d.indicators, sources: d.sources },
        ]),
      ),
      zwaartefactoren: input.zwaartefactoren,
    });
    if (!domainResult.success) {
      throw invalid(
        validationIssues(
          domainResult.error.issues,
          zrmSchema,
          (issue) => (issue.code === 'custom' ? issue.message : issue.code),
          ZRM_DOMAIN_KEYS,
        ),
      );
    }
    const assessment = domainResult.data;
    const domains = Object.fromEntries(
      Object.entries(assessment.domains).map(([key, d]) => [
        key,
        { ...d, toelichting: input.domains[key]?.toelichting ?? '' },
      ]),
    );
    const now = this.clock.now();
    const saved = await this.zrm.save(
      this.zrm.create({
        caseId: found.id,
        version: assessment.version,
        assessedAt: assessment.assessedAt,
        assessorId: actor.userId,
        domains,
        zwaartefactoren: assessment.zwaartefactoren as Record<string, unknown>,
        createdAt: now,
      }),
    );
    RequestContext.note({ objectId: saved.id });
    await this.views.touchCase(found.id);
    const users = await this.views.userRefs([actor.userId]);
    return toZrm(saved, users, now);
  }
}
