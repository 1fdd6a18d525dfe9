import { EVENT_SCHEMAS, isCareTrailEventType, type CareTrailEventType } from './event-catalogue';

type Data = Record<string, unknown>;
/** Turns the data of version n into the data of version n + 1, adding what the newer version has. */
type Upcaster = (data: Data) => Data;

/**
 * Stored events are never rewritten: an event keeps the data and schema version it was recorded with
 * (its hash covers that form). Readers that fold events into the domain's state see them at the
 * catalogue's current version, through these steps, one version at a time. A new field is added as
 * its "none" value (null, or an empty list), never guessed.
 */
const UPCASTERS: Partial<Record<CareTrailEventType, Readonly<Record<number, Upcaster>>>> = {
  OrganisationRegistered: { 1: (data) => ({ cqcProviderId: null, ...data }) },
  ServiceRegistered: { 1: (data) => ({ odsCode: null, ...data }) },
  ConcernEscalated: { 1: (data) => ({ decision: null, ...data }) },
  PlacementsSuspended: { 1: (data) => ({ decision: null, ...data }) },
  ActionPlanSubmitted: {
    1: (data) => ({ ...data, actions: Array.isArray(data.actions) ? data.actions.map((a) => ({ tags: [], ...(a as Data) })) : data.actions }),
  },
  VisitConducted: { 1: (data) => ({ tags: [], ...data }) },
  ReviewMeetingHeld: { 1: (data) => ({ meetingKind: 'review_meeting', attendance: [], actions: [], ...data }) },
};

/** The event's data at the catalogue's current schema version (the data itself when it is already there or unknown). */
export function upcastEventData(type: string, schemaVersion: number, data: Data): Data {
  if (!isCareTrailEventType(type)) return data;
  const steps = UPCASTERS[type] ?? {};
  let upcast = data;
  for (let version = schemaVersion; version < EVENT_SCHEMAS[type].schemaVersion; version += 1) {
    const step = steps[version];
    if (step) upcast = step(upcast);
  }
  return upcast;
}

/** The versions each event type can be upcast from, for a check that no bump was left without its step. */
export const upcastSteps = (type: CareTrailEventType): number[] => Object.keys(UPCASTERS[type] ?? {}).map(Number);
