import { createServer, type Server } from 'node:http';
import type { ProjectionStatus } from '@caretrail/projections';
import type { Projector } from './projector';

/** Degraded while a projection has recorded faults (events it could not apply or read) or its last page failed. */
const isDegraded = (s: ProjectionStatus): boolean => s.faultCount > 0 || s.lastError !== null;

/**
 * GET /health for the container's health check: 200 while the replica runs (leader or standby, both
 * are healthy), with its role and, on the leader, each projection's position and lag. `status` is
 * `degraded` (still 200: restarting would not help) while a projection has faults or is failing; the
 * faults themselves (event ids, error text) are for administrators, at the API's /admin/projections.
 */
export function startHealthServer(projector: Projector, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/health') {
      response.writeHead(404).end();
      return;
    }
    projector.status().then(
      ({ role, projections }) => {
        const healthy = role !== 'stopped';
        const status = !healthy ? 'stopped' : projections.some(isDegraded) ? 'degraded' : 'ok';
        response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            status,
            role,
            projections: projections.map((s) => ({
              name: s.name,
              status: isDegraded(s) ? 'degraded' : 'ok',
              version: s.version,
              generation: s.generation,
              position: s.position,
              headPosition: s.headPosition,
              lagPositions: s.lagPositions,
              lagSeconds: s.lagSeconds,
              following: s.following,
              faultCount: s.faultCount,
            })),
          }),
        );
      },
      () => {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'error' }));
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
