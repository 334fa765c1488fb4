import { type PasswordProblem, passwordProblems } from '@casustafel/domain';

/** One rule of the password policy, and whether the candidate meets it (for the live list). */
export interface PasswordRule {
  problem: Exclude<PasswordProblem, 'too_long'>;
  met: boolean;
}

const RULES: PasswordRule['problem'][] = ['too_short', 'common', 'contains_email', 'repetitive'];

/**
 * The policy as a checklist for the password being typed. An empty password meets nothing.
 * `too_long` is not listed as a rule (the field stops at the maximum) but still blocks.
 */
export function passwordFeedback(
  password: string,
  email?: string,
): { rules: PasswordRule[]; acceptable: boolean } {
  const problems = new Set(passwordProblems(password, email));
  const empty = password.length === 0;
  return {
    rules: RULES.map((problem) => ({ problem, met: !empty && !problems.has(problem) })),
    acceptable: !empty && problems.size === 0,
  };
}
