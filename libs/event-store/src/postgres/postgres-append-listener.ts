import { Client } from 'pg';
import { APPEND_CHANNEL } from './postgres-schema';

/**
 * LISTENs on the append channel while at least one subscriber is live, so appends from other
 * processes wake subscribers at once instead of at the next poll. Best effort: if the connection
 * cannot be made or drops, subscribers still see every event through polling.
 */
export class PostgresAppendListener {
  private client: Client | undefined;
  private users = 0;
  private closed = false;
  /** Connects and disconnects run one after another, never overlapping. */
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly connectionString: string,
    private readonly schemaName: string,
    private readonly onAppend: () => void,
  ) {}

  acquire(): void {
    this.users += 1;
    if (this.users === 1) this.reconcile();
  }

  release(): void {
    this.users -= 1;
    if (this.users === 0) this.reconcile();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.reconcile();
    await this.work;
  }

  private reconcile(): void {
    this.work = this.work.then(() => this.connectOrDisconnect()).catch(() => undefined);
  }

  private async connectOrDisconnect(): Promise<void> {
    const wanted = this.users > 0 && !this.closed;
    if (wanted && !this.client) {
      const client = new Client({ connectionString: this.connectionString, connectionTimeoutMillis: 5_000 });
      client.on('error', () => {
        // The poll carries on; a later subscriber reconnects.
        if (this.client === client) this.client = undefined;
        void client.end().catch(() => undefined);
      });
      client.on('notification', (message) => {
        if (message.payload === this.schemaName) this.onAppend();
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${APPEND_CHANNEL}`);
        this.client = client;
      } catch {
        await client.end().catch(() => undefined);
      }
      // Everyone may have left while connecting.
      if (this.users === 0 || this.closed) this.reconcile();
    } else if (!wanted && this.client) {
      const client = this.client;
      this.client = undefined;
      await client.end();
    }
  }
}
