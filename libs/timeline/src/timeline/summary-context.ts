import type { RecordedEvent } from '@caretrail/event-store';
import { toLondonDate } from '../calendar/london-time';
import type { EffectiveEvent } from '../events/effective-events';
import { compareByOccurrence } from '../events/event-order';
import { concernIdOf, isEvent } from '../events/typed-event';

/** What a one-line summary needs beyond its own event: the plan's cadence, action names, targets. */
export interface SummaryContext {
  /** The update cadence (days) of the latest plan request of the concern before the event. */
  cadenceBefore(event: RecordedEvent): number | null;
  actionDescription(concernId: string | null, actionId: string): string | null;
  /** A correction's target as recorded, with the London date it happened on. */
  target(eventId: string): { type: string; occurredOn: string } | null;
}

export function summaryContext(events: readonly RecordedEvent[], effective: readonly EffectiveEvent[]): SummaryContext {
  const requests = new Map<string, EffectiveEvent[]>();
  const descriptions = new Map<string, string>();
  for (const e of [...effective].sort(compareByOccurrence)) {
    const concernId = concernIdOf(e);
    if (concernId === null) continue;
    if (isEvent(e, 'ActionPlanRequested')) requests.set(concernId, [...(requests.get(concernId) ?? []), e]);
    // Later versions win: an action is named as its latest plan names it.
    if (isEvent(e, 'ActionPlanSubmitted')) for (const a of e.data.actions) descriptions.set(`${concernId}/${a.actionId}`, a.description);
  }
  const byId = new Map(events.map((e) => [e.eventId, e]));
  return {
    cadenceBefore(event) {
      const concernId = concernIdOf(event);
      const before = (concernId ? (requests.get(concernId) ?? []) : []).filter((r) => compareByOccurrence(r, event) < 0);
      const latest = before[before.length - 1];
      return latest ? Number(latest.data['updateCadenceDays']) : null;
    },
    actionDescription: (concernId, actionId) => descriptions.get(`${concernId}/${actionId}`) ?? null,
    target(eventId) {
      const target = byId.get(eventId);
      return target ? { type: target.type, occurredOn: toLondonDate(target.occurredAt) } : null;
    },
  };
}
