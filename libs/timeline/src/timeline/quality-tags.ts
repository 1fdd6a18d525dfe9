import { tagMatches } from '@caretrail/domain';

/**
 * The PAMMS and CQC tags an event carries (reference data: @caretrail/domain quality-frameworks.ts):
 * a visit's findings' tags, or the tags of a plan version's actions, each once. Events recorded before
 * tagging (schema 1) have none. Read defensively: the data is as stored (or as corrected).
 */
export function qualityTagsOf(type: string, data: Record<string, unknown>): string[] {
  const listed = (value: unknown): string[] => (Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : []);
  if (type === 'VisitConducted') return [...new Set(listed(data['tags']))];
  if (type === 'ActionPlanSubmitted' && Array.isArray(data['actions'])) {
    return [
      ...new Set((data['actions'] as unknown[]).flatMap((a) => (typeof a === 'object' && a !== null ? listed((a as Record<string, unknown>)['tags']) : []))),
    ];
  }
  return [];
}

/** The kinds of entry that can carry tags: a tag filter looks at these only. */
export const TAGGED_KINDS: readonly string[] = ['VisitConducted', 'ActionPlanSubmitted'];

/** An entry passes a tag filter when one of its tags is, or lies under, one of the filter's tags. */
export const matchesQualityTags = (entryTags: readonly string[] | undefined, filter: readonly string[]): boolean =>
  (entryTags ?? []).some((tag) => filter.some((f) => tagMatches(tag, f)));
