import { EVENT_SCHEMAS, EVENT_TYPES } from './event-catalogue';
import { upcastEventData, upcastSteps } from './upcasting';

describe('upcasting', () => {
  it('every event type above schema 1 has a step from each older version', () => {
    const missing = EVENT_TYPES.flatMap((type) => {
      const steps = upcastSteps(type);
      return Array.from({ length: EVENT_SCHEMAS[type].schemaVersion - 1 }, (_, i) => i + 1)
        .filter((version) => !steps.includes(version))
        .map((version) => `${type} v${version}`);
    });
    expect(missing).toEqual([]);
  });

  it('never drops or overwrites what an old event holds, and never touches the stored object', () => {
    const stored = Object.freeze({ concernId: 'c-1', fromLevel: 0, toLevel: 2, reason: 'r', decision: 'odd but stored' });
    expect(upcastEventData('ConcernEscalated', 1, stored)).toEqual(stored);
  });

  it('leaves unknown types and current versions as they are', () => {
    const data = { a: 1 };
    expect(upcastEventData('NoSuchEvent', 1, data)).toBe(data);
    expect(upcastEventData('VisitConducted', EVENT_SCHEMAS.VisitConducted.schemaVersion, data)).toBe(data);
  });
});
