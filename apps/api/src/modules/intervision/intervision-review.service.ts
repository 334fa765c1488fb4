import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { IntervisionCase, IntervisionSection, ValidationIssue } from '@casustafel/contracts';
import type { z } from 'zod';
import type { intervisionReviewSchema } from '@casustafel/contracts';
import { fold } from '@casustafel/domain';
import { type Actor } from '../../common/context/request-context';
import type { SecretBox } from '../../common/crypto/secret-box';
import { DomainError } from '../../common/errors/domain.error';
import { invalid } from '../../common/errors/refusals';
import { Clock } from '../../common/time/clock';
import { SECRET_BOX } from '../auth/auth.service';
import { CaseEntity } from '../case-file/case.entity';
import { IntervisionCaseEntity, IntervisionCaseSourceEntity } from './intervision.entities';
import { applyEdits, occurrences, openCandidates } from './intervision-work';
import { IntervisionWork } from './intervision-work.service';
import { caseKnowledge } from './case-knowledge';
import { IntervisionService } from './intervision.service';

type Review = z.output<typeof intervisionReviewSchema>;

/**
 * The review of an intervision copy (decisions on flagged words, further removals) and its
 * four-eyes release, checked again against the source case's record on the server.
 */
@Injectable()
export class IntervisionReviewService {
  constructor(
    @InjectRepository(IntervisionCaseEntity)
    private readonly copies: Repository<IntervisionCaseEntity>,
    @InjectRepository(IntervisionCaseSourceEntity)
    private readonly sources: Repository<IntervisionCaseSourceEntity>,
    @InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>,
    private readonly intervision: IntervisionService,
    private readonly work: IntervisionWork,
    @Inject(SECRET_BOX) private readonly secrets: SecretBox,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Decisions on flagged candidates and further removals, by the creator or a reviewer. */
  async review(actor: Actor, id: string, input: Review): Promise<IntervisionCase> {
    const copy = await this.intervision.copyFor(actor, id);
    if (copy.status !== 'in-review')
      throw new DomainError('CONFLICT', 'This copy is already released');
    const issues: ValidationIssue[] = [];
    const decisionsBySection = new Map<string, Review['decisions']>();
    for (const [index, decision] of input.decisions.entries()) {
      const section = copy.sections.find((s) => s.key === decision.section);
      const span = section?.spans[decision.span];
      if (!section || !span || span.label !== 'candidate' || span.decision === null)
        issues.push({ path: `decisions.${index}`, issue: 'not-a-candidate' });
      else
        decisionsBySection.set(section.key, [
          ...(decisionsBySection.get(section.key) ?? []),
          decision,
        ]);
    }
    if (issues.length > 0) throw invalid(issues);
    const sections = copy.sections.map((section) => {
      const decisions = decisionsBySection.get(section.key) ?? [];
      const kept = new Set(decisions.filter((d) => d.decision === 'keep').map((d) => d.span));
      const redacted = new Set(decisions.filter((d) => d.decision === 'redact').map((d) => d.span));
      let next: IntervisionSection = {
        ...section,
        spans: section.spans.map((span, index) =>
          kept.has(index) ? { ...span, decision: 'keep' as const } : span,
        ),
      };
      next = applyEdits(
        next,
        section.spans
          .map((span, index) => ({ span, index }))
          .filter(({ index }) => redacted.has(index))
          .map(({ span }) => ({
            start: span.start,
            end: span.end,
            replacement: '[naam]',
            span: { label: 'name' as const, decision: 'redact' as const },
          })),
      );
      for (const removal of input.removals) {
        const folded = fold(next.text);
        const phrase = fold(removal);
        const edits = occurrences(folded, phrase)
          .map((start) => ({ start, end: start + phrase.length }))
          .filter(
            ({ start, end }) => !next.spans.some((span) => span.start < end && start < span.end),
          )
          .map(({ start, end }) => ({
            start,
            end,
            replacement: '[weggelaten]',
            span: { label: 'candidate' as const, decision: 'redact' as const },
          }));
        next = applyEdits(next, edits);
      }
      return next;
    });
    let title = copy.title;
    for (const removal of input.removals)
      for (const start of occurrences(fold(title), fold(removal)).reverse())
        title = `${title.slice(0, start)}[weggelaten]${title.slice(start + removal.length)}`;
    copy.sections = sections;
    copy.title = title;
    return this.intervision.view(actor, await this.copies.save(copy));
  }

  /**
   * The four-eyes release: a trainer or team leader of the copy's team who did not make it,
   * with every flagged candidate decided, and no identifier of the source case left in the text
   * (checked again here against the case record, on the server).
   */
  async release(actor: Actor, id: string): Promise<IntervisionCase> {
    const copy = await this.intervision.copyFor(actor, id);
    if (copy.status !== 'in-review')
      throw new DomainError('CONFLICT', 'This copy is already released');
    if (!this.intervision.mayRelease(actor, copy))
      throw new DomainError(
        'FORBIDDEN',
        'A second person with the trainer or team leader role releases a copy',
      );
    if (openCandidates(copy.sections) > 0)
      throw new DomainError('CONFLICT', 'Flagged words are still to be decided', [
        { path: 'sections', issue: 'open-candidates' },
      ]);
    const link = await this.sources.findOneBy({ intervisionCaseId: copy.id });
    const source = link?.caseId ? await this.cases.findOneBy({ id: link.caseId }) : null;
    if (source) {
      const left = await this.work.identifiersLeft({
        title: copy.title,
        sections: copy.sections,
        known: await caseKnowledge(this.dataSource.manager, this.secrets, source),
      });
      if (left.length > 0)
        throw new DomainError(
          'CONFLICT',
          'Identifiers of the source case are still in the text',
          left.map((key) => ({ path: `sections.${key}`, issue: 'identifier-left' })),
        );
    }
    copy.status = 'released';
    copy.releasedBy = actor.userId;
    copy.releasedAt = this.clock.now();
    return this.intervision.view(actor, await this.copies.save(copy));
  }
}
