import type { CareTrailEventType, EventData } from '@caretrail/domain';
import type { Actor, RecordedEvent } from '@caretrail/event-store';

/** Test-only: builds stored events with a real-looking envelope, in the order they are recorded. */

export const COUNCIL_OFFICER: Actor = { userId: 'u-qa', organisationId: 'council-1', role: 'qa_officer' };
export const PROVIDER_MANAGER: Actor = { userId: 'u-rm', organisationId: 'provider-1', role: 'registered_manager' };
export const PROVIDER_CHIEF: Actor = { userId: 'u-ceo', organisationId: 'provider-1', role: 'chief_executive' };
export const INSPECTOR: Actor = { userId: 'u-insp', organisationId: 'cqc', role: 'inspector' };
export const ADMIN: Actor = { userId: 'u-admin', organisationId: 'caretrail', role: 'admin' };

/** A date alone means late morning that day (the same London date in winter and summer). */
export const instant = (when: string): string => (when.length === 10 ? `${when}T11:00:00.000Z` : when);

/** When something happened, and optionally when it was recorded (default: at once). */
export type When = string | { occurred: string; recorded: string };

export class EventHistory {
  readonly events: RecordedEvent[] = [];
  private position = 100;
  private readonly versions = new Map<string, number>();
  private readonly lastHash = new Map<string, string>();

  record<T extends CareTrailEventType>(type: T, data: EventData<T>, stream: string, when: When, actor: Actor): RecordedEvent {
    const occurredAt = instant(typeof when === 'string' ? when : when.occurred);
    const recordedAt = instant(typeof when === 'string' ? when : when.recorded);
    this.position += 10; // positions are increasing, not dense
    const streamVersion = (this.versions.get(stream) ?? 0) + 1;
    this.versions.set(stream, streamVersion);
    const eventId = `e${String(this.position).padStart(4, '0')}-${type}`;
    const hash = `hash-${eventId}`;
    const event: RecordedEvent = {
      eventId,
      type,
      schemaVersion: 1,
      data: data as unknown as Record<string, unknown>,
      occurredAt,
      recordedAt,
      actor,
      correlationId: `corr-${eventId}`,
      causationId: null,
      commandId: null,
      streamId: stream,
      streamVersion,
      globalPosition: this.position,
      previousHash: this.lastHash.get(stream) ?? null,
      hash,
    };
    this.lastHash.set(stream, hash);
    this.events.push(event);
    return event;
  }

  organisation(when: When, organisationId: string, kind: 'council' | 'provider' | 'regulator', name: string): RecordedEvent {
    return this.record('OrganisationRegistered', { organisationId, kind, name }, `organisation-${organisationId}`, when, ADMIN);
  }

  /** A correction or retraction is recorded on the target's stream by whoever recorded the target. */
  corrected(when: When, target: RecordedEvent, changes: Record<string, unknown>, reason: string): RecordedEvent {
    return this.record('EntryCorrected', { targetEventId: target.eventId, targetType: target.type, reason, changes }, target.streamId, when, target.actor);
  }

  retracted(when: When, target: RecordedEvent, reason: string): RecordedEvent {
    return this.record('EntryRetracted', { targetEventId: target.eventId, targetType: target.type, reason }, target.streamId, when, target.actor);
  }
}
