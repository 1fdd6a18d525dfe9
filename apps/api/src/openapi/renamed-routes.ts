/**
 * Every command posts a new entry to a plural collection under the record it is recorded on
 * (`/concerns/{id}/escalations`, `/concerns/{id}/closures`). The singular names of the first API still
 * answer, exactly as before, and are marked deprecated in the OpenAPI document: old path -> current path.
 */
export const RENAMED_ROUTES: Readonly<Record<string, string>> = {
  'POST /concerns/{concernId}/notification': 'POST /concerns/{concernId}/notifications',
  'POST /concerns/{concernId}/acknowledgement': 'POST /concerns/{concernId}/acknowledgements',
  'POST /concerns/{concernId}/closure': 'POST /concerns/{concernId}/closures',
  'POST /concerns/{concernId}/reopening': 'POST /concerns/{concernId}/reopenings',
  'POST /concerns/{concernId}/action-plan/request': 'POST /concerns/{concernId}/action-plan/requests',
  'POST /concerns/{concernId}/action-plan/versions/{version}/return': 'POST /concerns/{concernId}/action-plan/versions/{version}/returns',
  'POST /concerns/{concernId}/action-plan/versions/{version}/acceptance': 'POST /concerns/{concernId}/action-plan/versions/{version}/acceptances',
  'POST /concerns/{concernId}/action-plan/actions/{actionId}/verification': 'POST /concerns/{concernId}/action-plan/actions/{actionId}/verifications',
  'POST /contracts/{contractId}/confirmation': 'POST /contracts/{contractId}/confirmations',
  'POST /contracts/{contractId}/ending': 'POST /contracts/{contractId}/endings',
  'POST /services/{serviceId}/managers/{managerId}/departure': 'POST /services/{serviceId}/managers/{managerId}/departures',
  'POST /services/{serviceId}/managers/{managerId}/registration': 'POST /services/{serviceId}/managers/{managerId}/registrations',
};

/** An access policy with each current path admitting whom its old path admits (the table stays keyed by the old names). */
export function withRenamedRoutes<R>(policy: Record<string, R>): Record<string, R> {
  const renamed = Object.entries(RENAMED_ROUTES).flatMap(([old, current]) => (policy[old] && !policy[current] ? [[current, policy[old]] as const] : []));
  return { ...policy, ...Object.fromEntries(renamed) };
}

/** When the singular paths were deprecated (RFC 9745 `Deprecation`: a structured-field date, seconds since 1970). */
export const RENAMED_ON = '@1796428800'; // 2026-12-05

/** The route key (`POST /concerns/{concernId}/notification`) of an Express route path (`/concerns/:concernId/notification`). */
export const routeKey = (method: string, expressPath: string): string => `${method.toUpperCase()} ${expressPath.replace(/:(\w+)/g, '{$1}')}`;

/** The address of the current path for a request made on a deprecated one, or undefined on any other. */
export function successorOf(method: string, expressPath: string, params: Record<string, string>): string | undefined {
  const current = RENAMED_ROUTES[routeKey(method, expressPath)];
  return current?.split(' ')[1].replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}
