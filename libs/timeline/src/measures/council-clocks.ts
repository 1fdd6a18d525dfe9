import type { LocalDate } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { assertLocalDate } from '../calendar/local-date';
import { toLondonDate } from '../calendar/london-time';
import { withDefaultClocks, type Clocks } from '../clocks';
import { compareByOccurrence } from '../events/event-order';
import { isEvent } from '../events/typed-event';

/** The clocks one council's concerns are judged by on a date, and the setting they come from. */
export interface ClocksInForce {
  councilId: string;
  clocks: Clocks;
  /** False when the council had set none by then: the platform's (or the caller's) defaults apply. */
  councilSet: boolean;
  /** The CouncilClocksSet in force, for checking by hand; null with the defaults. */
  eventId: string | null;
  /** London date the setting took effect (its occurredAt). */
  inForceFrom: LocalDate | null;
}

/**
 * Each council's clocks in force at the end of `on`: its last CouncilClocksSet (by occurrence) that had
 * happened by then. The caller chooses which events are visible (a replay passes only those its basis
 * selects), so the same function answers live and as of a date.
 */
export function councilClocksInForce(events: readonly RecordedEvent[], on: LocalDate, defaults: Partial<Clocks> = {}): Map<string, ClocksInForce> {
  assertLocalDate(on, 'evaluation date');
  const settings = events.filter((e) => isEvent(e, 'CouncilClocksSet') && toLondonDate(e.occurredAt) <= on).sort(compareByOccurrence);
  const inForce = new Map<string, ClocksInForce>();
  for (const e of settings) {
    if (!isEvent(e, 'CouncilClocksSet')) continue;
    inForce.set(e.data.councilId, {
      councilId: e.data.councilId,
      clocks: { ...withDefaultClocks(defaults), ...e.data.clocks },
      councilSet: true,
      eventId: e.eventId,
      inForceFrom: toLondonDate(e.occurredAt),
    });
  }
  return inForce;
}

/** One council's clocks on a date, its own where it set them, else the defaults. */
export function clocksOfCouncil(events: readonly RecordedEvent[], councilId: string, on: LocalDate, defaults: Partial<Clocks> = {}): ClocksInForce {
  return (
    councilClocksInForce(events, on, defaults).get(councilId) ?? {
      councilId,
      clocks: withDefaultClocks(defaults),
      councilSet: false,
      eventId: null,
      inForceFrom: null,
    }
  );
}

/**
 * The councils that raised the concerns among these events (their ConcernRaised openings, version 1
 * of a concern stream): whose clock settings judge those concerns. Sorted, each once.
 */
export function councilsOfConcerns(events: readonly RecordedEvent[]): string[] {
  const councils = new Set<string>();
  for (const e of events) {
    const councilId = e.data['councilId'];
    if (e.type === 'ConcernRaised' && e.streamVersion === 1 && e.streamId.startsWith('concern-') && typeof councilId === 'string') councils.add(councilId);
  }
  return [...councils].sort();
}
