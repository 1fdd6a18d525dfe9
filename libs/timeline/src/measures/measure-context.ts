import type { ConcernCategory, LocalDate } from '@caretrail/domain';
import type { RecordedEvent } from '@caretrail/event-store';
import { assertLocalDate } from '../calendar/local-date';
import { toLondonDate } from '../calendar/london-time';
import { withDefaultClocks, type Clocks } from '../clocks';
import { effectiveEvents, type EffectiveEvent } from '../events/effective-events';
import { compareByOccurrence } from '../events/event-order';
import { concernIdOf, isEvent, serviceIdOf, type EventOf } from '../events/typed-event';
import { councilClocksInForce, type ClocksInForce } from './council-clocks';

export interface MeasureOptions {
  /** The evaluation date (Europe/London): open items are judged as of the end of this day. */
  on: LocalDate;
  /**
   * The defaults. A council's own clocks, from the CouncilClocksSet events among the inputs that had
   * happened by `on`, override them for that council's concerns.
   */
  clocks?: Partial<Clocks>;
}

/** An effective event with the London date it happened on, which is what the measures count with. */
export type MeasureEvent = EffectiveEvent & { occurredOn: LocalDate };

export interface ConcernHistory {
  concernId: string;
  /** From ConcernRaised; null when the concern's opening event is not among the inputs. */
  serviceId: string | null;
  category: ConcernCategory | null;
  raised: EventOf<'ConcernRaised', MeasureEvent> | null;
  /** From ConcernRaised: the council whose clocks judge the concern. */
  councilId: string | null;
  /** The clocks this concern is judged by: its council's in force on the evaluation date, else the defaults. */
  clocks: Clocks;
  /** The CouncilClocksSet those clocks come from, null with the defaults: evidence for the measures using them. */
  clocksEvent: MeasureEvent | null;
  /** Every effective event of the concern's stream, in occurrence order. */
  events: MeasureEvent[];
}

export interface ServiceHistory {
  serviceId: string;
  registered: EventOf<'ServiceRegistered', MeasureEvent> | null;
  /** Events about the service itself (its stream, manager events), not its concerns', in occurrence order. */
  events: MeasureEvent[];
}

export interface MeasureContext {
  on: LocalDate;
  /** The defaults: for measures not tied to one council, and concerns of councils that set none. */
  clocks: Clocks;
  /** The councils' own clocks in force on the evaluation date, by council id (only councils that set some). */
  councilClocks: Map<string, ClocksInForce>;
  events: MeasureEvent[];
  concerns: ConcernHistory[];
  /** Services whose own record (registration or manager events) is among the inputs. */
  services: ServiceHistory[];
}

/**
 * The facts every measure reads, prepared once: corrections applied (effectiveEvents), events that
 * had not happened by the end of the evaluation date left out (so measuring all events on date T
 * equals measuring what had happened by T), in occurrence order, grouped by concern and service.
 */
export function measureContext(events: readonly RecordedEvent[], options: MeasureOptions): MeasureContext {
  const on = assertLocalDate(options.on, 'evaluation date');
  const dated = effectiveEvents(events)
    .map((e): MeasureEvent => ({ ...e, occurredOn: toLondonDate(e.occurredAt) }))
    .filter((e) => e.occurredOn <= on)
    .sort(compareByOccurrence);
  const clocks = withDefaultClocks(options.clocks);
  const councilClocks = councilClocksInForce(dated, on, clocks);

  const concerns = new Map<string, ConcernHistory>();
  const services = new Map<string, ServiceHistory>();
  for (const event of dated) {
    const concernId = concernIdOf(event);
    if (concernId !== null && (event.streamId.startsWith('concern-') || event.type === 'ConcernRaised')) {
      const concern = concerns.get(concernId) ?? {
        concernId,
        serviceId: null,
        category: null,
        raised: null,
        councilId: null,
        clocks,
        clocksEvent: null,
        events: [],
      };
      concern.events.push(event);
      if (isEvent(event, 'ConcernRaised') && concern.raised === null) {
        concern.raised = event;
        concern.serviceId = event.data.serviceId;
        concern.category = event.data.category;
        concern.councilId = event.data.councilId;
        const own = councilClocks.get(event.data.councilId);
        if (own) {
          concern.clocks = own.clocks;
          concern.clocksEvent = dated.find((e) => e.eventId === own.eventId) ?? null;
        }
      }
      concerns.set(concernId, concern);
      continue;
    }
    const serviceId = serviceIdOf(event);
    if (serviceId !== null && (event.streamId.startsWith('service-') || event.type.startsWith('Manager'))) {
      const service = services.get(serviceId) ?? { serviceId, registered: null, events: [] };
      service.events.push(event);
      if (isEvent(event, 'ServiceRegistered') && service.registered === null) service.registered = event;
      services.set(serviceId, service);
    }
  }
  return { on, clocks, councilClocks, events: dated, concerns: [...concerns.values()], services: [...services.values()] };
}
