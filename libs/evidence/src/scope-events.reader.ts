import type { OrganisationKind } from '@caretrail/domain';
import type { EventStore, RecordedEvent } from '@caretrail/event-store';
import type { BundleScope } from './bundle-format';
import { councilClockStreamId, councilsOfConcerns, isOpeningEvent, scopeStreamIds } from './bundle-scope';

export interface ScopeEvents {
  /** Whole streams of the scope, each from version 1, and the organisation streams of its concerns' councils (their clock settings). */
  events: RecordedEvent[];
  /** Every organisation's kind, from the OrganisationRegistered events of the feed. */
  organisationKinds: Map<string, OrganisationKind>;
}

export class UnknownScopeError extends Error {
  override readonly name = 'UnknownScopeError';
}

/**
 * The events of a scope from a store: one pass over the global feed to find which streams belong
 * (by their opening events) and every organisation's kind, then each stream read whole, with the
 * organisation stream of each council whose concern is among them. A full scan
 * is fine for an export from the CLI; the projections' scope index can replace it later.
 */
export async function readScopeEvents(store: EventStore, scope: BundleScope, pageSize = 1000): Promise<ScopeEvents> {
  const openings: RecordedEvent[] = [];
  const organisationKinds = new Map<string, OrganisationKind>();
  for (let after = 0, end = false; !end;) {
    const page = await store.readAll({ after, limit: pageSize });
    for (const e of page.events) {
      if (isOpeningEvent(e)) openings.push(e);
      if (e.type === 'OrganisationRegistered') organisationKinds.set(String(e.data['organisationId']), e.data['kind'] as OrganisationKind);
    }
    after = page.nextAfter;
    end = page.isEnd;
  }
  const streams = [...scopeStreamIds(scope, openings)];
  const events: RecordedEvent[] = [];
  for (const streamId of streams) events.push(...(await store.readStream(streamId)));
  // The councils' own clocks judge their concerns' measures: the builder keeps the settings it needs.
  for (const councilId of councilsOfConcerns(events)) {
    if (!streams.includes(councilClockStreamId(councilId))) events.push(...(await store.readStream(councilClockStreamId(councilId))));
  }
  if (
    scope.kind === 'provider'
      ? organisationKinds.get(scope.id) !== 'provider' && events.length === 0
      : !events.some((e) => e.streamId === `${scope.kind}-${scope.id}`)
  ) {
    throw new UnknownScopeError(`No ${scope.kind} ${scope.id} in this store`);
  }
  return { events, organisationKinds };
}
