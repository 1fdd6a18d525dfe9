import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandExecutor } from '@caretrail/application';
import { DEMO_IDS, seedDemo, storyClock } from '@caretrail/demo';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { ed25519Signer, readScopeEvents, type BundleScope, type BundleSigner, type ScopeEvents } from '@caretrail/evidence';
import { DEFAULT_CLOCKS, type Clocks } from '@caretrail/timeline';

export { DEMO_IDS };

export interface DemoRecord {
  dir: string;
  /** The SQLite file holding the demo story (closed; reopen it or point the CLI at it). */
  file: string;
  scopeEvents(scope: BundleScope): Promise<ScopeEvents>;
  close(): void;
}

/** A clock setting the council records after the demo story, as its QA officer. */
export interface DemoCouncilClocks {
  clocks: Partial<Clocks>;
  occurredAt: string;
  recordedAt: string;
}

/**
 * The demo story (Maple Court), recorded through the command path into a temp SQLite store; with
 * `councilClocks`, then the council's own clocks.
 */
export async function seedDemoRecord(options: { councilClocks?: DemoCouncilClocks } = {}): Promise<DemoRecord> {
  const dir = mkdtempSync(join(tmpdir(), 'caretrail-evidence-'));
  const file = join(dir, 'events.db');
  const clock = storyClock();
  const store = new SqliteEventStore({ filename: file, clock: clock.now });
  await store.init();
  const executor = new CommandExecutor(store);
  await seedDemo(executor, clock);
  const setting = options.councilClocks;
  if (setting) {
    clock.set(new Date(setting.recordedAt));
    const commandId = randomUUID();
    await executor.execute(
      {
        kind: 'SetCouncilClocks',
        councilId: DEMO_IDS.council,
        clocks: { ...DEFAULT_CLOCKS, ...setting.clocks },
        reason: 'Agreed at contract review',
        occurredAt: setting.occurredAt,
      },
      {
        actor: { userId: 'u-priya-shah', organisationId: DEMO_IDS.council, organisationKind: 'council', role: 'qa_officer' },
        commandId,
        correlationId: commandId,
        causationId: null,
      },
    );
  }
  await store.close();
  return {
    dir,
    file,
    async scopeEvents(scope) {
      const reader = new SqliteEventStore({ filename: file });
      await reader.init();
      try {
        return await readScopeEvents(reader, scope);
      } finally {
        await reader.close();
      }
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const newSigner = (): BundleSigner => ed25519Signer(generateKeyPairSync('ed25519').privateKey);

export const CONCERN: BundleScope = { kind: 'concern', id: DEMO_IDS.documentationConcern };
export const SERVICE: BundleScope = { kind: 'service', id: DEMO_IDS.mapleCourt };
export const PROVIDER: BundleScope = { kind: 'provider', id: DEMO_IDS.provider };
