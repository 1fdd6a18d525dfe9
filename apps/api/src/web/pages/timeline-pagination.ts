/** GOV.UK Pagination params for page `page` of `pages`, each link keeping the rest of the query (a replay, say). */
export interface PaginationParams {
  previous?: { href: string };
  next?: { href: string };
  items: ({ number: string; href: string; current?: boolean; visuallyHiddenText?: string } | { ellipsis: true })[];
  landmarkLabel: string;
}

export function paginationParams(
  path: string,
  keep: string,
  page: number,
  pages: number | null,
  label = 'Timeline pages',
  fragment = '',
  hasNext = false,
): PaginationParams | null {
  if (pages === null) {
    // Uncounted: previous and next only.
    if (page <= 1 && !hasNext) return null;
    const query = keep.replace(/^\?/, '');
    const to = (n: number) => `${path}?${query ? `${query}&` : ''}page=${n}${fragment}`;
    return { ...(page > 1 ? { previous: { href: to(page - 1) } } : {}), ...(hasNext ? { next: { href: to(page + 1) } } : {}), items: [], landmarkLabel: label };
  }
  if (pages <= 1) return null;
  const query = keep.replace(/^\?/, '');
  const href = (n: number) => `${path}?${query ? `${query}&` : ''}page=${n}${fragment}`;
  // First, last, the current page and its neighbours; gaps shown as an ellipsis.
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: PaginationParams['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: String(n), href: href(n), ...(n === page ? { current: true } : {}) });
  });
  return {
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items,
    landmarkLabel: label,
  };
}
