import type { RecordedEvent } from '@caretrail/event-store';
import {
  ProjectionHost,
  ProjectionNotCaughtUpError,
  RebuildStoppedError,
  UnknownProjectionError,
  careTrailProjections,
  readTimeline,
  ProjectionRunner,
  findCheckpoint,
  listCheckpoints,
  loadScopeEvents,
  scopeEventsProjection,
  type Projection,
} from '@caretrail/projections';
import { CareHistory, day } from './support/care-history';
import { kindsUnderTest, openHarness, type Harness } from './support/projection-harness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the condition holds (the machine is shared: no fixed sleeps for things that take a while). */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

/** The scope-events projection, watched: what each page held, and an optional failure after its writes. */
function watched(failWhen: (events: readonly RecordedEvent[]) => boolean = () => false, version = scopeEventsProjection.version) {
  const pages: RecordedEvent[][] = [];
  const projection: Projection = {
    ...scopeEventsProjection,
    version,
    async apply(trx, events, context) {
      await scopeEventsProjection.apply(trx, events, context);
      if (failWhen(events)) throw new Error('crash after writing, before the checkpoint');
      pages.push([...events]);
    },
  };
  return { projection, pages };
}

/** Runners made by a test, stopped (rebuilds included) before its databases close. */
const made: ProjectionRunner[] = [];
const runnerFor = (h: Harness, projection: Projection, options: Partial<ConstructorParameters<typeof ProjectionRunner>[0]> = {}) => {
  const runner = new ProjectionRunner({ store: h.store, db: h.read.db, dialect: h.read.dialect, projection, pageSize: 4, ...options });
  made.push(runner);
  return runner;
};
const stopAll = async () => {
  await Promise.all(made.splice(0).map((r) => r.stop()));
};

async function stored(h: Harness): Promise<string[]> {
  const rows = await h.read.db.selectFrom('scope_events').select(['event_id', 'generation']).orderBy('global_position').execute();
  return rows.map((r) => r.event_id);
}

async function eventsFor(h: Harness, count: number, history = new CareHistory(h.store)): Promise<CareHistory> {
  for (let i = 0; i < count; i++) await history.organisation(`org-${history.recorded.length}`, 'provider', day(i));
  return history;
}

describe.each(kindsUnderTest())('projection runner on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await stopAll();
    await h.close();
  });

  it('catches up in pages and reports its position, the head and no lag', async () => {
    const history = await eventsFor(h, 10);
    const runner = runnerFor(h, scopeEventsProjection);
    const checkpoint = await runner.catchUp();
    const head = await h.store.headPosition();
    expect(checkpoint.position).toBe(head);
    expect(await stored(h)).toEqual(history.recorded.map((e) => e.eventId));
    const status = await runner.status();
    expect(status).toMatchObject({ name: 'scope-events', position: head, headPosition: head, lagPositions: 0, lagSeconds: 0 });
  });

  it('reports lag in positions and seconds while behind', async () => {
    await eventsFor(h, 3);
    const runner = runnerFor(h, scopeEventsProjection, { pageSize: 1 });
    await runner.catchUp();
    await sleep(30);
    await eventsFor(h, 2);
    const status = await runner.status();
    expect(status.lagPositions).toBeGreaterThanOrEqual(2);
    expect(status.lagSeconds).toBeGreaterThan(0);
  });

  it('rolls back the rows with the checkpoint when apply fails after writing, and never doubles on retry', async () => {
    const history = await eventsFor(h, 10);
    let failures = 1;
    const poisoned = history.recorded[5].eventId;
    const { projection } = watched((events) => events.some((e) => e.eventId === poisoned) && failures-- > 0);
    const runner = runnerFor(h, projection);
    await expect(runner.catchUp()).rejects.toThrow('crash after writing');
    // The first page (4 events) committed; the second wrote rows, then failed: none of them stay.
    expect(await stored(h)).toEqual(history.recorded.slice(0, 4).map((e) => e.eventId));
    expect((await findCheckpoint(h.read.db, 'scope-events', 'active'))?.position).toBe(history.recorded[3].globalPosition);

    await runner.catchUp();
    expect(await stored(h)).toEqual(history.recorded.map((e) => e.eventId));
  });

  it('resumes after a restart from its checkpoint, applying each event once', async () => {
    const history = await eventsFor(h, 6);
    const first = watched();
    await runnerFor(h, first.projection).catchUp();
    await h.restart();

    await eventsFor(h, 5, new CareHistory(h.store));
    const second = watched();
    await runnerFor(h, second.projection).catchUp();
    expect(second.pages.flat().map((e) => e.globalPosition)).toEqual(
      (await h.store.readAll({ after: history.recorded[5].globalPosition })).events.map((e) => e.globalPosition),
    );
    expect(await stored(h)).toHaveLength(11);
  });

  it('follows live: a poke wakes it long before its poll', async () => {
    const runner = runnerFor(h, scopeEventsProjection, { pollIntervalMs: 60_000 });
    await runner.start();
    try {
      await sleep(20);
      const history = await eventsFor(h, 1);
      runner.poke();
      const started = Date.now();
      await runner.waitFor(history.recorded[0].globalPosition, 5_000);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect((await runner.status()).following).toBe(true);
    } finally {
      await runner.stop();
    }
  });

  it('sees appends made elsewhere by polling', async () => {
    const runner = runnerFor(h, scopeEventsProjection, { pollIntervalMs: 30 });
    await runner.start();
    try {
      const history = await eventsFor(h, 3);
      const target = history.recorded[2].globalPosition;
      await until(async () => ((await findCheckpoint(h.read.db, 'scope-events', 'active'))?.position ?? 0) >= target);
      expect((await findCheckpoint(h.read.db, 'scope-events', 'active'))?.position).toBe(target);
    } finally {
      await runner.stop();
    }
  });

  it('waitFor rejects with a typed error, naming what it reached, when the model stays behind', async () => {
    const history = await eventsFor(h, 2);
    // A runner that is not started and never catches up (pokes go nowhere).
    const runner = runnerFor(h, scopeEventsProjection);
    const error = await runner.waitFor(history.recorded[1].globalPosition, 120).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionNotCaughtUpError);
    expect(error).toMatchObject({ projection: 'scope-events', wanted: history.recorded[1].globalPosition, reached: 0, retryAfterSeconds: 1 });
    await runner.catchUp();
    await expect(runner.waitFor(history.recorded[1].globalPosition, 120)).resolves.toBe(history.recorded[1].globalPosition);
  });

  it('rebuilds beside the serving model, keeps serving it until an atomic switch, then drops the old rows', async () => {
    const history = new CareHistory(h.store);
    await history.world();
    const live = runnerFor(h, scopeEventsProjection, { pollIntervalMs: 20 });
    await live.catchUp();
    const provider = { kind: 'provider', providerId: 'provider-1' } as const;
    const before = await loadScopeEvents(h.read.db, provider);
    const oldGeneration = (await live.status()).generation;

    // A slow rebuild, one event per page, so readers and appends happen in the middle of it.
    const slow: Projection = {
      ...scopeEventsProjection,
      async apply(trx, events, context) {
        await sleep(15);
        await scopeEventsProjection.apply(trx, events, context);
      },
    };
    const rebuilder = runnerFor(h, slow, { pageSize: 1 });
    const phases: string[] = [];
    await live.start();
    const rebuilding = rebuilder.rebuild((p) => phases.push(p.phase));
    await until(() => (rebuilder.rebuildProgress()?.position ?? 0) > 0);
    expect(rebuilder.rebuildProgress()?.phase).toBe('building');
    expect(await loadScopeEvents(h.read.db, provider)).toEqual(before);
    const late = await history.service('service-d', 'provider-1', day(3));
    live.poke();
    await live.waitFor(late.globalPosition, 5_000);
    const during = await loadScopeEvents(h.read.db, provider);
    expect(during).toEqual([...before, late]);

    const outcome = await rebuilding;
    await live.stop();
    expect(outcome.phase).toBe('done');
    expect(phases).toEqual(expect.arrayContaining(['building', 'switching', 'cleaning', 'done']));
    expect(outcome.generation).not.toBe(oldGeneration);
    expect((await live.status()).generation).toBe(outcome.generation);
    expect(await loadScopeEvents(h.read.db, provider)).toEqual(during);
    const generations = await h.read.db.selectFrom('scope_events').select('generation').distinct().execute();
    expect(generations.map((g) => Number(g.generation))).toEqual([outcome.generation]);
    expect((await listCheckpoints(h.read.db, 'scope-events')).map((c) => c.status)).toEqual(['active']);
  });

  it('never applies a page twice when two runners (two processes) race on one projection', async () => {
    const history = await eventsFor(h, 30);
    const a = runnerFor(h, scopeEventsProjection, { pageSize: 3 });
    const b = runnerFor(h, scopeEventsProjection, { pageSize: 5 });
    await Promise.all([a.catchUp(), b.catchUp(), a.catchUp()]);
    expect(await stored(h)).toEqual(history.recorded.map((e) => e.eventId));
  });

  it('stops a rebuild between pages and resumes it later from its own checkpoint', async () => {
    await eventsFor(h, 12);
    await runnerFor(h, scopeEventsProjection).catchUp();
    const serving = (await findCheckpoint(h.read.db, 'scope-events', 'active'))!.generation;
    const slow: Projection = {
      ...scopeEventsProjection,
      apply: async (trx, events, context) => {
        await sleep(10);
        await scopeEventsProjection.apply(trx, events, context);
      },
    };
    const first = runnerFor(h, slow, { pageSize: 1 });
    const stopped = first.rebuild().catch((e: unknown) => e);
    await until(() => (first.rebuildProgress()?.position ?? 0) > 0);
    await first.stop();
    expect(await stopped).toBeInstanceOf(RebuildStoppedError);
    expect(first.rebuildProgress()?.phase).toBe('failed');
    const building = (await findCheckpoint(h.read.db, 'scope-events', 'building'))!;
    expect(building.position).toBeGreaterThan(0);
    expect((await findCheckpoint(h.read.db, 'scope-events', 'active'))!.generation).toBe(serving);

    const second = runnerFor(h, watched().projection);
    const done = await second.rebuild();
    expect(done).toMatchObject({ generation: building.generation, phase: 'done' });
    expect(done.eventsApplied).toBeLessThan(12);
    expect(await stored(h)).toHaveLength(12);
  });

  it('finishes a rebuild when the serving model claims positions beyond the store (read models of events it no longer has)', async () => {
    await eventsFor(h, 6);
    await runnerFor(h, scopeEventsProjection).catchUp();
    const serving = (await findCheckpoint(h.read.db, 'scope-events', 'active'))!;
    // As after restoring the events from an older backup beside newer read models.
    await h.read.db
      .updateTable('projection_checkpoints')
      .set({ position: serving.position + 1_000 })
      .where('name', '=', 'scope-events')
      .where('generation', '=', serving.generation)
      .execute();
    const done = await runnerFor(h, scopeEventsProjection).rebuild();
    expect(done.phase).toBe('done');
    const active = (await findCheckpoint(h.read.db, 'scope-events', 'active'))!;
    expect(active.generation).toBe(done.generation);
    expect(active.position).toBe(serving.position);
    expect(await stored(h)).toHaveLength(6);
  });

  it('rebuilds on start when the serving model was built by another version', async () => {
    await eventsFor(h, 5);
    await runnerFor(h, scopeEventsProjection).catchUp();
    const next = scopeEventsProjection.version + 1;
    const v2 = runnerFor(h, watched(() => false, next).projection);
    await v2.start();
    try {
      await until(() => v2.rebuildProgress()?.phase === 'done');
      expect(await v2.status()).toMatchObject({ version: next, builtByVersion: next });
      expect(await stored(h)).toHaveLength(5);
    } finally {
      await v2.stop();
    }
  });
});

describe.each(kindsUnderTest())('projection host on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness(kind);
  });
  afterEach(async () => {
    await stopAll();
    await h.close();
  });

  it('starts every projection, follows pokes, waits for a position, reports status, rebuilds by name and all together', async () => {
    const host = new ProjectionHost({
      store: h.store,
      db: h.read.db,
      dialect: h.read.dialect,
      projections: careTrailProjections(h.store),
      pollIntervalMs: 60_000,
    });
    expect(host.names).toEqual(['scope-events', 'timeline', 'dashboard', 'due-items']);
    await host.start();
    try {
      const history = new CareHistory(h.store);
      await history.world();
      const last = history.recorded[history.recorded.length - 1].globalPosition;
      host.poke();
      await host.waitFor(last, 5_000);
      expect((await host.status()).map((s) => [s.name, s.position, s.lagPositions])).toEqual([
        ['scope-events', last, 0],
        ['timeline', last, 0],
        ['dashboard', last, 0],
        ['due-items', last, 0],
      ]);
      const before = await readTimeline(h.read.db, { kind: 'council', councilId: 'council-1' });
      const done = await host.rebuild('timeline');
      expect(done).toMatchObject({ projection: 'timeline', phase: 'done', position: last });
      expect(host.rebuildProgress('timeline')?.phase).toBe('done');
      expect(await readTimeline(h.read.db, { kind: 'council', councilId: 'council-1' })).toEqual(before);
      expect(() => host.rebuild('nope')).toThrow(UnknownProjectionError);

      // All of them together (caretrail rebuild): each done at the head on a new generation, the
      // timeline read the same, and an unknown name refused before anything is built.
      const generations = (await host.status()).map((s) => s.generation ?? 0);
      const phases = new Set<string>();
      const together = await host.rebuildTogether(undefined, (p) => phases.add(`${p.projection} ${p.phase}`));
      expect(together.map((d) => [d.projection, d.phase, d.position])).toEqual(host.names.map((name) => [name, 'done', last]));
      for (const d of together) expect(d.eventsApplied).toBeGreaterThanOrEqual(history.recorded.length);
      expect(phases).toContain('timeline building');
      expect(phases).toContain('due-items done');
      const after = await host.status();
      after.forEach((s, i) => expect(s.generation).toBeGreaterThan(generations[i]));
      expect(after.map((s) => s.faultCount)).toEqual([0, 0, 0, 0]);
      expect(await readTimeline(h.read.db, { kind: 'council', councilId: 'council-1' })).toEqual(before);
      expect(() => host.rebuildTogether(['timeline', 'nope'])).toThrow(UnknownProjectionError);
    } finally {
      await host.stop();
    }
  });
});
