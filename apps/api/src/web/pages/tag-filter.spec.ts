import { BadRequestException } from '@nestjs/common';
import { joinQuery, readTagFilter, tagFilterView, tagQuery } from './tag-filter';
import { paginationParams } from './timeline-pagination';

const RECORDS = 'pamms:quality-of-management/records';

describe('the timeline pages’ tag filter', () => {
  it('reads repeated and comma-separated tags, once each; absent or empty is no filter', () => {
    expect(readTagFilter({})).toBeUndefined();
    expect(readTagFilter({ tags: '' })).toBeUndefined();
    expect(readTagFilter({ tags: [RECORDS, 'cqc:safe,cqc:safe'] })).toEqual([RECORDS, 'cqc:safe']);
  });

  it.each([['pamms:medication'], [['cqc:safe', 'cqc:kind']], [{ nested: 'x' }]])('refuses %j with a 400 naming tags', (tags) => {
    expect(() => readTagFilter({ tags })).toThrow(BadRequestException);
    expect(() => readTagFilter({ tags })).toThrow(/^tags/);
  });

  it('groups the checkboxes by PAMMS domain and CQC key question, ticks the chosen, and links each chosen tag’s removal keeping the replay', () => {
    const view = tagFilterView('/app/concerns/c1/timeline', '?asOf=2025-03-31&basis=recorded', [RECORDS, 'cqc:safe']);
    expect(view.groups.map((g) => g.legend)).toEqual([
      'PAMMS: Involvement and information',
      'PAMMS: Personalised care and support',
      'PAMMS: Safeguarding and safety',
      'PAMMS: Suitability of staffing',
      'PAMMS: Quality of management',
      'CQC: Safe',
      'CQC: Effective',
      'CQC: Caring',
      'CQC: Responsive',
      'CQC: Well-led',
    ]);
    expect(view.groups[4].items.filter((i) => i.checked).map((i) => i.value)).toEqual([RECORDS]);
    expect(view.groups[5].items[0]).toEqual({ value: 'cqc:safe', text: 'Safe (any quality statement)', checked: true });
    expect(view.selected).toEqual([
      {
        heading: { text: 'PAMMS' },
        items: [{ text: 'Quality of management: Records', href: '/app/concerns/c1/timeline?asOf=2025-03-31&basis=recorded&tags=cqc%3Asafe' }],
      },
      {
        heading: { text: 'CQC' },
        items: [{ text: 'Safe', href: `/app/concerns/c1/timeline?asOf=2025-03-31&basis=recorded&tags=${encodeURIComponent(RECORDS)}` }],
      },
    ]);
    expect(view.clearHref).toBe('/app/concerns/c1/timeline?asOf=2025-03-31&basis=recorded');
    expect(view.hidden).toEqual([
      { name: 'asOf', value: '2025-03-31' },
      { name: 'basis', value: 'recorded' },
    ]);
  });

  it('pagination keeps the chosen tags', () => {
    const pages = paginationParams('/app/concerns/c1/timeline', joinQuery('', tagQuery(['cqc:safe'])), 1, 3);
    expect(pages?.next).toEqual({ href: '/app/concerns/c1/timeline?tags=cqc%3Asafe&page=2' });
  });
});
