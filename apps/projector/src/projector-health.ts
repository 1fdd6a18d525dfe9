import { createServer, type Server } from 'node:http';
import type { Projector } from './projector';

/**
 * GET /health for the container's health check: 200 while the replica runs (leader or standby, both
 * are healthy), with its role and, on the leader, each projection's position and lag.
 */
export function startHealthServer(projector: Projector, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/health') {
      response.writeHead(404).end();
      return;
    }
    projector.status().then(
      (status) => {
        const healthy = status.role !== 'stopped';
        response.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: healthy ? 'ok' : 'stopped', ...status }));
      },
      (error: unknown) => {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status: 'error', error: error instanceof Error ? error.message : String(error) }));
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
