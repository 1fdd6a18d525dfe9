import { Injectable } from '@nestjs/common';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileSha256 } from '@caretrail/application';

const SHA256 = /^[0-9a-f]{64}$/;
const SAFE = /^[0-9A-Za-z-]+$/;
/** A checked file not recorded within a day is cleared when the organisation next checks one. */
const KEPT_FOR_MS = 24 * 60 * 60 * 1000;

/**
 * Where a checked file waits for "Record": a temporary folder of the server, one folder per
 * organisation, the file named by its SHA-256. The record step reads back the very bytes that were
 * checked (the hash is checked again on reading), without the officer choosing the file a second time.
 */
@Injectable()
export class ImportFiles {
  /** caretrail-import in the system's temporary folder (files wait there minutes, not days: see docs/importing.md). */
  private readonly root = join(tmpdir(), 'caretrail-import');

  async keep(organisationId: string, bytes: Buffer): Promise<string> {
    const sha = fileSha256(bytes);
    const dir = this.folder(organisationId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await this.clearOld(dir);
    await writeFile(join(dir, `${sha}.csv`), bytes, { mode: 0o600 });
    return sha;
  }

  /** The kept file, or null when it is not (or no longer) there, or the name is not a SHA-256. */
  async read(organisationId: string, sha: string): Promise<Buffer | null> {
    if (!SHA256.test(sha)) return null;
    const bytes = await readFile(join(this.folder(organisationId), `${sha}.csv`)).catch(() => null);
    return bytes && fileSha256(bytes) === sha ? bytes : null;
  }

  async drop(organisationId: string, sha: string): Promise<void> {
    if (SHA256.test(sha)) await rm(join(this.folder(organisationId), `${sha}.csv`), { force: true });
  }

  private async clearOld(dir: string): Promise<void> {
    const now = Date.now();
    for (const name of await readdir(dir)) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > KEPT_FOR_MS) await rm(path, { force: true });
    }
  }

  private folder(organisationId: string): string {
    if (!SAFE.test(organisationId)) throw new Error('An organisation id names the import folder');
    return join(this.root, organisationId);
  }
}
