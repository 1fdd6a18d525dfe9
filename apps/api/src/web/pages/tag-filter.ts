import { BadRequestException } from '@nestjs/common';
import { CQC_KEY_QUESTIONS, MAX_QUALITY_TAGS, PAMMS_DOMAINS, QUALITY_TAGS, type ReferenceGroup } from '@caretrail/domain';

/**
 * The timeline pages' filter by PAMMS and CQC tags (issue 16 item 4): `?tags=a&tags=b` from the
 * checkboxes, or `?tags=a,b` as the API takes it. Absent or empty is no filter; a tag that is not in the
 * reference data is a 400 page naming `tags` and the tag.
 */
export function readTagFilter(query: Record<string, unknown>): string[] | undefined {
  const raw = query.tags;
  if (raw === undefined || raw === '') return undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [null]));
  const tags: string[] = [];
  for (const value of values) {
    if (value === null) throw new BadRequestException('tags must be tags from the reference data, like pamms:safeguarding-and-safety or cqc:safe');
    const tag = value.trim();
    if (tag === '') continue;
    if (!QUALITY_TAGS.has(tag)) {
      throw new BadRequestException(
        `tags: "${tag.slice(0, 100)}" is not a PAMMS or CQC tag from the reference data (pamms:<domain>[/<standard>] or cqc:<key-question>[/<quality statement>])`,
      );
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > MAX_QUALITY_TAGS * 4) throw new BadRequestException(`tags: choose at most ${MAX_QUALITY_TAGS * 4} tags`);
  return tags.length ? tags : undefined;
}

/** The filter's part of a page address: `tags=a&tags=b` (each encoded), or ''. */
export const tagQuery = (tags: readonly string[] | undefined): string => (tags ?? []).map((t) => `tags=${encodeURIComponent(t)}`).join('&');

/** Joins query parts ('?asOf=..&basis=..', 'tags=..') into one '?a&b' string, or ''. */
export const joinQuery = (...parts: string[]): string => {
  const kept = parts.map((p) => p.replace(/^\?/, '')).filter((p) => p !== '');
  return kept.length ? `?${kept.join('&')}` : '';
};

interface CheckboxItem {
  value: string;
  text: string;
  checked: boolean;
}

export interface TagFilterView {
  action: string;
  /** One group of checkboxes per PAMMS domain and per CQC key question: the group itself, then each standard or statement. */
  groups: { id: string; legend: string; items: CheckboxItem[] }[];
  /** The chosen tags, each with a link that removes it (the MOJ filter's selected filters). */
  selected: { heading: { text: string }; items: { href: string; text: string }[] }[];
  clearHref: string;
  hidden: { name: string; value: string }[];
  chosen: { tag: string; label: string }[];
  /** Open the filter's details when a tag is chosen. */
  open: boolean;
}

/**
 * What the filter partial (partials/tag-filter.njk) shows: checkboxes grouped by PAMMS domain and CQC
 * key question, the chosen tags each removable, and the replay kept when the filter is applied.
 */
export function tagFilterView(action: string, keep: string, chosen: readonly string[] | undefined, fragment = ''): TagFilterView {
  const tags = chosen ?? [];
  const replay = keep.replace(/^\?/, '');
  const hrefWith = (list: readonly string[]) => `${action}${joinQuery(replay, tagQuery(list))}${fragment}`;
  const group = (framework: 'pamms' | 'cqc', name: string) => (g: ReferenceGroup) => ({
    id: `tags-${framework}-${g.id}`,
    legend: `${name}: ${g.name}`,
    items: [
      {
        value: `${framework}:${g.id}`,
        text: `${g.name} (any ${framework === 'pamms' ? 'standard' : 'quality statement'})`,
        checked: tags.includes(`${framework}:${g.id}`),
      },
      ...g.items.map((i) => ({ value: `${framework}:${g.id}/${i.id}`, text: i.name, checked: tags.includes(`${framework}:${g.id}/${i.id}`) })),
    ],
  });
  const label = (tag: string) => QUALITY_TAGS.get(tag) ?? tag;
  const selectedOf = (prefix: string, heading: string) => {
    const items = tags
      .filter((t) => t.startsWith(prefix))
      .map((t) => ({ href: hrefWith(tags.filter((o) => o !== t)), text: label(t).replace(/^(PAMMS|CQC): /, '') }));
    return items.length ? [{ heading: { text: heading }, items }] : [];
  };
  return {
    action: `${action}${fragment}`,
    groups: [...PAMMS_DOMAINS.map(group('pamms', 'PAMMS')), ...CQC_KEY_QUESTIONS.map(group('cqc', 'CQC'))],
    selected: [...selectedOf('pamms:', 'PAMMS'), ...selectedOf('cqc:', 'CQC')],
    clearHref: hrefWith([]),
    hidden: replay
      ? replay.split('&').map((pair) => {
          const [name, value] = pair.split('=');
          return { name, value: decodeURIComponent(value ?? '') };
        })
      : [],
    chosen: tags.map((tag) => ({ tag, label: label(tag) })),
    open: tags.length > 0,
  };
}
