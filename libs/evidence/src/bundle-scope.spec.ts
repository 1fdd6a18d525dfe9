import { hashedFengates } from './testing/hashed-history';
import { scopeStreamIds } from './bundle-scope';
import { concernRecord, EventHistory, serviceRecord } from '@caretrail/timeline/testing';

describe('scopeStreamIds', () => {
  const h = new EventHistory();
  serviceRecord(h, { serviceId: 's1', providerId: 'p1' }).registered('2025-01-06');
  serviceRecord(h, { serviceId: 's2', providerId: 'p1' }).registered('2025-01-06');
  serviceRecord(h, { serviceId: 's3', providerId: 'p2' }).registered('2025-01-06');
  concernRecord(h, { concernId: 'c1', serviceId: 's1', providerId: 'p1' }).raised('2025-02-03');
  concernRecord(h, { concernId: 'c2', serviceId: 's2', providerId: 'p1' }).raised('2025-02-04');
  concernRecord(h, { concernId: 'c3', serviceId: 's3', providerId: 'p2' }).raised('2025-02-05');
  const ids = (s: Set<string>) => [...s].sort();

  it('a concern: its stream and its service', () => {
    expect(ids(scopeStreamIds({ kind: 'concern', id: 'c2' }, h.events))).toEqual(['concern-c2', 'service-s2']);
    expect(ids(scopeStreamIds({ kind: 'concern', id: 'c9' }, h.events))).toEqual([]);
  });

  it('a service: its stream and the concerns about it', () => {
    expect(ids(scopeStreamIds({ kind: 'service', id: 's1' }, h.events))).toEqual(['concern-c1', 'service-s1']);
  });

  it("a provider: its services and their concerns, not another provider's", () => {
    expect(ids(scopeStreamIds({ kind: 'provider', id: 'p1' }, h.events))).toEqual(['concern-c1', 'concern-c2', 'service-s1', 'service-s2']);
  });

  it('only opening events decide', () => {
    const { events } = hashedFengates();
    const later = events.filter((e) => e.streamVersion > 1);
    expect(scopeStreamIds({ kind: 'concern', id: 'c1' }, later).size).toBe(0);
  });
});
