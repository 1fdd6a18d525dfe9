import { canonicalJson, findChainProblems, type RecordedEvent } from '@caretrail/event-store';
import { EVENT_KEYS } from './bundle-format';
import { emptyCheck, type CheckResult } from './verification-report';

export interface EventsCheck extends CheckResult {
  /** The events whose envelope is well formed, in bundle order: what the other checks work from. */
  events: RecordedEvent[];
  /** Whether every event was well formed (recomputations are only meaningful then). */
  wellFormed: boolean;
  /** `events[i] (stream …, version …)` for an event, by event object. */
  where: (event: RecordedEvent) => string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isInstant = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isNullableText = (v: unknown): boolean => v === null || isText(v);

/** What is wrong with one event's envelope, field by field. */
function envelopeProblems(e: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(e)) {
    if (!(EVENT_KEYS as readonly string[]).includes(key)) problems.push(`unexpected field ${key}`);
  }
  const need = (ok: boolean, field: string, what: string) => ok || problems.push(`${field} is ${e[field] === undefined ? 'missing' : `not ${what}`}`);
  need(isText(e['eventId']), 'eventId', 'an id');
  need(isText(e['type']), 'type', 'an event type');
  need(Number.isInteger(e['schemaVersion']), 'schemaVersion', 'a whole number');
  need(isText(e['streamId']), 'streamId', 'a stream id');
  need(Number.isInteger(e['streamVersion']) && (e['streamVersion'] as number) >= 1, 'streamVersion', 'a version from 1');
  need(Number.isInteger(e['globalPosition']) && (e['globalPosition'] as number) >= 1, 'globalPosition', 'a feed position from 1');
  need(isInstant(e['occurredAt']), 'occurredAt', 'an instant');
  need(isInstant(e['recordedAt']), 'recordedAt', 'an instant');
  const actor = e['actor'];
  need(isRecord(actor) && isText(actor['userId']) && isText(actor['organisationId']) && isText(actor['role']), 'actor', 'a user, organisation and role');
  need(isText(e['correlationId']), 'correlationId', 'an id');
  need(isNullableText(e['causationId']), 'causationId', 'an id or null');
  need(isNullableText(e['commandId']), 'commandId', 'an id or null');
  need(isRecord(e['data']), 'data', 'an object');
  need(isNullableText(e['previousHash']), 'previousHash', 'a hash or null');
  need(isText(e['hash']), 'hash', 'a hash');
  if (problems.length === 0) {
    try {
      canonicalJson(e);
    } catch (error) {
      problems.push(`has no canonical JSON form (${(error as Error).message})`);
    }
  }
  return problems;
}

/**
 * Each event's envelope, no event twice, the global feed order, and each stream's hash chain from
 * version 1: versions without gaps, each previousHash the hash before it, each hash recomputed from
 * the event's content.
 */
export function checkEvents(value: unknown): EventsCheck {
  const result: EventsCheck = { ...emptyCheck(), events: [], wellFormed: false, where: () => 'events' };
  if (!Array.isArray(value)) {
    result.problems.push({ where: 'events', problem: 'missing or not a list' });
    return result;
  }
  const indexOf = new Map<RecordedEvent, number>();
  const where = (e: RecordedEvent) => `events[${indexOf.get(e)}] (stream ${e.streamId}, version ${e.streamVersion})`;
  result.where = where;
  const fail = (at: string, problem: string) => result.problems.push({ where: at, problem });

  value.forEach((item: unknown, i) => {
    if (!isRecord(item)) return fail(`events[${i}]`, 'not an object');
    const problems = envelopeProblems(item);
    if (problems.length > 0) {
      const label =
        isText(item['streamId']) && Number.isInteger(item['streamVersion']) ? ` (stream ${item['streamId']}, version ${item['streamVersion']})` : '';
      for (const p of problems) fail(`events[${i}]${label}`, p);
      return;
    }
    const event = item as unknown as RecordedEvent;
    indexOf.set(event, i);
    result.events.push(event);
  });
  result.wellFormed = result.events.length === value.length;

  const firstAt = new Map<string, RecordedEvent>();
  let previous: RecordedEvent | null = null;
  for (const e of result.events) {
    const twin = firstAt.get(e.eventId);
    if (twin) fail(where(e), `event ${e.eventId} is already at events[${indexOf.get(twin)}]`);
    else firstAt.set(e.eventId, e);
    if (previous && e.globalPosition <= previous.globalPosition) {
      fail(where(e), `global position ${e.globalPosition} is not after the previous event's (${previous.globalPosition}): events are out of feed order`);
    }
    previous = e;
  }

  const streams = new Map<string, RecordedEvent[]>();
  for (const e of result.events) {
    const run = streams.get(e.streamId);
    if (run) run.push(e);
    else streams.set(e.streamId, [e]);
  }
  let chainProblems = 0;
  for (const run of streams.values()) {
    if (run[0].streamVersion !== 1) {
      fail(where(run[0]), 'the stream does not start at version 1 in the bundle, so its chain cannot be checked from its start');
      chainProblems++;
    }
    const byId = new Map(run.map((e) => [e.eventId, e]));
    for (const p of findChainProblems(run, null)) {
      const at = run.find((e) => e.eventId === p.eventId && e.streamVersion === p.streamVersion) ?? byId.get(p.eventId)!;
      fail(where(at), p.problem);
      chainProblems++;
    }
  }
  if (chainProblems === 0 && result.wellFormed) {
    result.passed.push(
      `hash chains: ${streams.size} stream${streams.size === 1 ? '' : 's'} verify from version 1, every hash recomputed from its event (${result.events.length} events)`,
    );
  }
  return result;
}
