import type { RecordedEvent } from '@caretrail/event-store';
import type { BundleScope } from './bundle-format';

/*
 * Which streams make up a scope, told by the events that open them (ServiceRegistered names its
 * provider, ConcernRaised its service and provider). The CLI uses it to pick streams from the store,
 * the builder and the verifier to check that a bundle holds nothing else.
 */

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export const scopeStreamId = (scope: BundleScope): string | null => (scope.kind === 'provider' ? null : `${scope.kind}-${scope.id}`);

/** An event that opens a service or concern stream, the only events membership is decided by. */
export const isOpeningEvent = (e: RecordedEvent): boolean =>
  e.streamVersion === 1 &&
  ((e.type === 'ServiceRegistered' && e.streamId.startsWith('service-')) || (e.type === 'ConcernRaised' && e.streamId.startsWith('concern-')));

/** The ids of the streams that belong to the scope, given the opening events known. */
export function scopeStreamIds(scope: BundleScope, openings: readonly RecordedEvent[]): Set<string> {
  const streams = new Set<string>();
  const opened = openings.filter(isOpeningEvent);
  switch (scope.kind) {
    case 'concern': {
      const raised = opened.find((e) => e.streamId === `concern-${scope.id}`);
      if (raised) {
        streams.add(raised.streamId);
        const serviceId = text(raised.data['serviceId']);
        if (serviceId) streams.add(`service-${serviceId}`);
      }
      break;
    }
    case 'service':
      streams.add(`service-${scope.id}`);
      for (const e of opened) {
        if (e.type === 'ConcernRaised' && text(e.data['serviceId']) === scope.id) streams.add(e.streamId);
      }
      break;
    case 'provider':
      for (const e of opened) {
        if (text(e.data['providerId']) === scope.id) streams.add(e.streamId);
      }
      break;
  }
  return streams;
}

export const describeScope = (scope: BundleScope): string => `${scope.kind} ${scope.id}`;

/*
 * A council's own clocks (CouncilClocksSet) live on its organisation stream, outside every scope, yet
 * judge its concerns' measures. A bundle carries those streams, declared as such, for the councils of
 * the concerns it holds, so that its measures are the live view's and verify offline.
 */

export const councilClockStreamId = (councilId: string): string => `organisation-${councilId}`;

/** The councils that raised the concerns among these events: the timeline library's rule, shared with the API's measures. */
export { councilsOfConcerns } from '@caretrail/timeline';

/** A council's clock setting on its own organisation stream: what the measures take from a council stream. */
export const isCouncilClockSetting = (e: RecordedEvent): boolean =>
  e.type === 'CouncilClocksSet' && typeof e.data['councilId'] === 'string' && e.streamId === councilClockStreamId(e.data['councilId']);

/** What else a council stream may carry to keep its chain whole: the council's registration. */
export const isCouncilRegistration = (e: RecordedEvent): boolean =>
  e.type === 'OrganisationRegistered' &&
  e.streamVersion === 1 &&
  typeof e.data['organisationId'] === 'string' &&
  e.streamId === councilClockStreamId(e.data['organisationId']);
