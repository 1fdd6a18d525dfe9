import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@caretrail/event-store/sqlite';
import { BackupRestoreError, fileStamp, inspectStoreFile, setAside } from './sqlite-store-files';

describe('store files for backup and restore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'caretrail-store-files-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function store(name: string, events: number): Promise<string> {
    const file = join(dir, name);
    const s = new SqliteEventStore({ filename: file });
    await s.init();
    for (let n = 0; n < events; n++) {
      await s.append(
        'concern-1',
        [
          {
            eventId: randomUUID(),
            type: 'CommentRecorded',
            schemaVersion: 1,
            data: { n },
            occurredAt: new Date().toISOString(),
            actor: { userId: 'u', organisationId: 'o', role: 'r' },
            correlationId: randomUUID(),
            causationId: null,
            commandId: null,
          },
        ],
        'any',
      );
    }
    await s.close();
    return file;
  }

  it('tells a missing file, an empty store, a store with events and a file that is no store apart', async () => {
    expect(inspectStoreFile(join(dir, 'none.db'))).toEqual({ file: join(dir, 'none.db'), exists: false, events: 0, lastPosition: 0 });
    expect(inspectStoreFile(await store('empty.db', 0))).toMatchObject({ exists: true, events: 0, lastPosition: 0 });
    expect(inspectStoreFile(await store('full.db', 3))).toMatchObject({ exists: true, events: 3, lastPosition: 3 });
    writeFileSync(join(dir, 'notes.txt'), 'not a database, but somebody may want it back');
    expect(inspectStoreFile(join(dir, 'notes.txt'))).toMatchObject({ exists: true, events: 0, unreadable: 'not a SQLite database' });
  });

  it('sets a store aside under a time-stamped name, whole, and refuses while it is open elsewhere', async () => {
    const file = await store('caretrail.db', 2);
    const open = new SqliteEventStore({ filename: file });
    await open.init();
    try {
      expect(() => setAside(file, fileStamp())).toThrow(BackupRestoreError);
      expect(() => setAside(file, fileStamp())).toThrow(/in use by another process \(SQLITE_BUSY\)/);
    } finally {
      await open.close();
    }
    const stamp = fileStamp(new Date('2025-06-01T10:15:00.123Z'));
    expect(stamp).toBe('20250601T101500.123Z');
    const aside = setAside(file, stamp);
    expect(aside).toBe(`${file}.replaced-20250601T101500.123Z`);
    expect(existsSync(file)).toBe(false);
    expect(inspectStoreFile(aside!)).toMatchObject({ events: 2, lastPosition: 2 });
    expect(setAside(file, stamp)).toBeNull();
  });

  it('sets aside a file that is not a database as it is', () => {
    const file = join(dir, 'caretrail.db');
    writeFileSync(file, 'precious');
    writeFileSync(`${file}-wal`, 'and its neighbour');
    const aside = setAside(file, '20250601T000000.000Z')!;
    expect(readFileSync(aside, 'utf8')).toBe('precious');
    expect(readFileSync(`${aside}-wal`, 'utf8')).toBe('and its neighbour');
    expect(readdirSync(dir).sort()).toEqual(['caretrail.db.replaced-20250601T000000.000Z', 'caretrail.db.replaced-20250601T000000.000Z-wal']);
  });
});
