import { describe, expect, it } from '@jest/globals';
import type {
  BottomLineIssue,
  CasePreparationCheckError,
  CaseTransitionError,
  LiveRoomError,
  MeldcodeErrorCode,
  MinutesEditError,
  PhaseError,
  PlanIssue,
  ReorderError,
  SeriesRuleError,
  SessionRoomError,
} from '@casustafel/domain';
import { isRefusalCode, REFUSAL_CODES, type RefusalCode } from './refusals';

/** The outcomes of the domain's rule checks that the api passes on as refusal reasons. */
type DomainRefusal =
  | BottomLineIssue
  | CasePreparationCheckError
  | CaseTransitionError
  | LiveRoomError
  | MeldcodeErrorCode
  | MinutesEditError
  | PhaseError
  | PlanIssue
  | ReorderError
  | SeriesRuleError
  | SessionRoomError;

// Fails to compile when a rule check gains an outcome that is not a refusal code.
const domainRefusalsAreCodes = (issue: DomainRefusal): RefusalCode => issue;

describe('refusal codes', () => {
  it('are unique kebab-case words, distinct from zod issue codes', () => {
    expect(new Set(REFUSAL_CODES).size).toBe(REFUSAL_CODES.length);
    for (const code of REFUSAL_CODES) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('recognise their own codes only', () => {
    expect(isRefusalCode('meldcode-open')).toBe(true);
    expect(isRefusalCode(domainRefusalsAreCodes('bottom-line-not-met'))).toBe(true);
    expect(isRefusalCode('too_big')).toBe(false);
    expect(isRefusalCode('Something went wrong')).toBe(false);
  });
});
