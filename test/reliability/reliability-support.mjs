// Shared by the fault and load scripts of test/reliability (plain ESM, run with node).
import { createServer } from 'node:net';

/** A TCP port nobody listens on now, on 127.0.0.1. */
export const freePort = () =>
  new Promise((ok, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });

/**
 * Reads the whole feed of a store and checks it: every stream's hash chain (findChainProblems from
 * the built @caretrail/event-store) and dense versions. Returns the comment texts found (so a script
 * can tell which acknowledged commands were stored), the events, streams, chain problems and head.
 */
export async function auditStore(store, findChainProblems) {
  const texts = new Set();
  const problems = [];
  const last = new Map();
  let events = 0;
  for (let after = 0, end = false; !end; ) {
    const page = await store.readAll({ after, limit: 1000 });
    for (const e of page.events) {
      events += 1;
      if (typeof e.data?.text === 'string') texts.add(e.data.text);
      const previous = last.get(e.streamId);
      problems.push(...findChainProblems([e], previous?.hash ?? null));
      if (previous && e.streamVersion !== previous.streamVersion + 1) problems.push({ streamId: e.streamId, problem: 'gap' });
      last.set(e.streamId, e);
    }
    after = page.nextAfter;
    end = page.isEnd;
  }
  return { texts, events, streams: last.size, problems, head: await store.headPosition() };
}

/**
 * Waits until the API answers /health with 2xx, polling every 100 ms for at most 60 s. `exited()`
 * answers the API process's exit (if it has exited) and `fail(message)` ends the script.
 */
export async function waitForHealth(base, exited, fail) {
  for (let i = 0; ; i++) {
    if (exited()) fail(`the API exited while starting (${JSON.stringify(exited())})`);
    try {
      if ((await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch { /* not yet */ }
    if (i > 600) fail('the API did not start within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}
