import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ReadAuditTable, ReadDatabase } from '@caretrail/read-store';
import { READ_DATABASE } from '../store/store.module';
import type { Identity } from '../identity/identity';
import { currentCorrelationId } from '../security/correlation-context';

export type ReadAction = 'read' | 'export';
export interface AuditedScope {
  kind: string;
  id: string;
}

const BATCH = 80; // 11 columns × 80 rows stays under SQLite's bound-parameter limit
const FLUSH_AFTER_MS = 200;

/**
 * Who looked at a provider's records. Recording only queues a row (no I/O on the read's path); a
 * timer or a full batch writes the queue in one insert. A provider reading its own records is not
 * recorded; every export is. Rows still queued at a crash are lost (at most FLUSH_AFTER_MS of them).
 */
@Injectable()
export class ReadAuditLog implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ReadAuditLog');
  private queue: ReadAuditTable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(@Inject(READ_DATABASE) private readonly read: ReadDatabase) {}

  record(who: Identity, action: ReadAction, scope: AuditedScope, providerId: string | null | undefined): void {
    if (!providerId) return;
    if (action === 'read' && who.organisationKind === 'provider' && who.organisationId === providerId) return;
    this.queue.push({
      read_at: new Date().toISOString(),
      provider_id: providerId,
      user_id: who.userId,
      organisation_id: who.organisationId,
      organisation_kind: who.organisationKind,
      role: who.role,
      action,
      scope_kind: scope.kind,
      scope_id: scope.id,
      correlation_id: currentCorrelationId() || null,
    });
    if (this.queue.length >= BATCH) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Writes everything queued so far; resolves once it is in the table. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.queue;
    this.queue = [];
    this.writing = this.writing.then(() => this.write(rows));
    return this.writing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private async write(rows: ReadAuditTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      try {
        await this.read.db.insertInto('read_audit').values(batch).execute();
      } catch (error) {
        // Never fail the read for the audit; say loudly that rows were not written.
        this.logger.error(`Could not record ${batch.length} reads: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
