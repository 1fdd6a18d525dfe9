import type { Identity } from '../../identity/identity';

export interface NavItem {
  text: string;
  href: string;
  active?: boolean;
}

/** Where each kind of user starts. */
export function homeFor(who: Identity): string {
  if (who.organisationKind === 'council') return '/app/dashboard';
  if (who.organisationKind === 'provider') return `/app/providers/${who.organisationId}`;
  return '/app/providers';
}

/** The service navigation: the few places each kind of user goes from anywhere. */
export function serviceNavigation(who: Identity | undefined, path: string): NavItem[] {
  if (!who) return [];
  const items: NavItem[] =
    who.organisationKind === 'council'
      ? [
          { text: 'Dashboard', href: '/app/dashboard' },
          { text: 'Raise a concern', href: '/app/concerns/new' },
          { text: 'Providers', href: '/app/providers' },
          { text: 'Services', href: '/app/services' },
          { text: 'Import history', href: '/app/import' },
        ]
      : who.organisationKind === 'provider'
        ? [
            { text: 'Overview', href: homeFor(who) },
            { text: 'Services', href: '/app/services' },
          ]
        : [
            { text: 'Providers', href: '/app/providers' },
            { text: 'Services', href: '/app/services' },
          ];
  // The longest matching href is the current section.
  const current = items.filter((i) => path === i.href || path.startsWith(`${i.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((i) => ({ ...i, active: i === current }));
}
