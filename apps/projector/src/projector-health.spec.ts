import type { AddressInfo } from 'node:net';
import type { ProjectionStatus } from '@caretrail/projections';
import type { Projector } from './projector';
import { startHealthServer } from './projector-health';

const status = (name: string, changes: Partial<ProjectionStatus> = {}): ProjectionStatus => ({
  name,
  version: 1,
  generation: 1,
  builtByVersion: 1,
  position: 9,
  headPosition: 9,
  lagPositions: 0,
  lagSeconds: 0,
  following: true,
  lastError: null,
  updatedAt: null,
  faultCount: 0,
  faults: [],
  ...changes,
});

async function health(projections: ProjectionStatus[]) {
  const projector = { status: async () => ({ role: 'leader', projections }) } as unknown as Projector;
  const server = await startHealthServer(projector, 0);
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/health`);
    return { status: res.status, text: await res.text() };
  } finally {
    server.close();
  }
}

describe("the projector's /health", () => {
  it('says ok while no projection has faults or fails', async () => {
    const res = await health([status('timeline')]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ status: 'ok', role: 'leader', projections: [{ name: 'timeline', status: 'ok', faultCount: 0 }] });
  });

  it('says degraded (still 200) with a fault, and shows neither error text nor event ids', async () => {
    const fault = {
      projection: 'timeline',
      generation: 1,
      kind: 'unreadable' as const,
      globalPosition: 7,
      eventId: 'event-7',
      eventType: 'EntryCorrected',
      streamId: 'concern-1',
      error: 'date garbage is not a calendar date',
      recordedAt: '2025-01-01T00:00:00Z',
    };
    const res = await health([status('timeline', { faultCount: 1, faults: [fault] }), status('dashboard', { lastError: 'SQLITE_BUSY: database is locked' })]);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toMatchObject({ status: 'degraded', projections: [{ status: 'degraded', faultCount: 1 }, { status: 'degraded' }] });
    for (const leak of ['garbage', 'event-7', 'SQLITE_BUSY']) expect(res.text).not.toContain(leak);
  });
});
