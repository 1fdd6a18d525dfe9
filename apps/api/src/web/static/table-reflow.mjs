// WCAG 2.2 reflow (1.4.10): a table wider than the column scrolls inside its own region, never the
// page. Tables the views already wrap (.app-table-wrapper) are left alone; every other GOV.UK table is
// wrapped here in a region named after its caption (or the heading before it) and reachable by Tab,
// so a keyboard user can scroll it. Without JavaScript, caretrail.css lets narrow tables' cells wrap.
const nameOf = (table) => {
  const caption = table.querySelector('caption')?.textContent?.trim();
  if (caption) return caption;
  let previous = table.previousElementSibling;
  while (previous && !/^H[2-4]$/.test(previous.tagName)) previous = previous.previousElementSibling;
  return previous?.textContent?.trim() || 'Table';
};

for (const table of document.querySelectorAll('table.govuk-table')) {
  if (table.closest('.app-table-wrapper')) continue;
  const region = document.createElement('div');
  region.className = 'app-table-wrapper';
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', nameOf(table));
  region.tabIndex = 0;
  table.replaceWith(region);
  region.append(table);
}
