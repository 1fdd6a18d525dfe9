import { DomainRuleError } from './domain-error';

export const isBlank = (text: string | null | undefined): boolean => text === null || text === undefined || text.trim() === '';

/** Text a rule depends on (a reason, a summary) must say something. */
export function requireText(text: string | null | undefined, rule: string, message: string): string {
  if (isBlank(text)) throw new DomainRuleError(rule, message);
  return text as string;
}
