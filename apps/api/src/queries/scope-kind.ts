/** The scopes a timeline, measures, evidence or report read names in its URL. */
export const SCOPE_KINDS = ['concerns', 'services', 'providers', 'councils'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
