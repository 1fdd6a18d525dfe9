import { paginationParams } from './timeline-pagination';

describe('GOV.UK pagination of a timeline', () => {
  it('is left out when everything fits on one page', () => {
    expect(paginationParams('/app/x', '', 1, 1)).toBeNull();
  });

  it('links the first, last, current and neighbouring pages, with ellipses for the gaps, and keeps the replay', () => {
    const p = paginationParams('/app/concerns/c/timeline', '?asOf=2025-03-01&basis=recorded', 5, 40)!;
    expect(p.items.map((i) => ('ellipsis' in i ? '…' : i.number))).toEqual(['1', '…', '4', '5', '6', '…', '40']);
    expect(p.items.find((i) => 'current' in i && i.current)).toMatchObject({ number: '5' });
    expect(p.previous?.href).toBe('/app/concerns/c/timeline?asOf=2025-03-01&basis=recorded&page=4');
    expect(p.next?.href).toBe('/app/concerns/c/timeline?asOf=2025-03-01&basis=recorded&page=6');
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(paginationParams('/t', '', 1, 3)!.previous).toBeUndefined();
    expect(paginationParams('/t', '', 3, 3)!.next).toBeUndefined();
    expect(paginationParams('/t', '', 3, 3)!.previous?.href).toBe('/t?page=2');
  });
});

describe('GOV.UK pagination of an uncounted timeline', () => {
  it('has previous and next only, next while another page follows', () => {
    expect(paginationParams('/s', '', 1, null, 'Timeline pages', '#timeline', false)).toBeNull();
    const first = paginationParams('/s', '', 1, null, 'Timeline pages', '#timeline', true)!;
    expect(first).toEqual({ next: { href: '/s?page=2#timeline' }, items: [], landmarkLabel: 'Timeline pages' });
    const last = paginationParams('/s', '?asOf=2025-01-01&basis=recorded', 3, null, 'Timeline pages', '', false)!;
    expect(last.previous?.href).toBe('/s?asOf=2025-01-01&basis=recorded&page=2');
    expect(last.next).toBeUndefined();
  });
});
