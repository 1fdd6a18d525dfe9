import { canonicalContent } from '../canonical-content';
import type { ExpectedVersionCode } from '../append-batch';
import type { NewEvent } from '../recorded-event';

export interface SqlCall {
  /** Name under which pg keeps the statement prepared on each connection. */
  name: string;
  text: string;
  values: unknown[];
}

/** A row of caretrail_append's result: what the store decided for one event. */
export interface AppendedRow {
  stream_version: string;
  global_position: string;
  previous_hash: string | null;
  hash: string;
  /** True when the batch was stored before (an idempotent repeat): these are the stored events' places. */
  repeated: boolean;
}

const jsonText = (value: unknown): string => (value === undefined || value === null ? 'null' : JSON.stringify(value));

/**
 * The one statement of an append: a call of caretrail_append (postgres-schema.ts, version 2). Content
 * hashes are computed here with the exact data and actor text that goes into the jsonb columns, so what is read
 * back re-hashes to the same value.
 */
export function appendCall(quotedSchema: string, streamId: string, events: readonly NewEvent[], expected: ExpectedVersionCode, recordedAt: string): SqlCall {
  let payload = '[';
  const contentHashes: string[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const causationId = e.causationId ?? null;
    const commandId = e.commandId ?? null;
    const content = canonicalContent({ ...e, causationId, commandId, streamId, recordedAt });
    payload +=
      (i > 0 ? ',' : '') +
      `{"event_id":${jsonText(e.eventId)},"type":${jsonText(e.type)},"schema_version":${jsonText(e.schemaVersion)},` +
      `"data":${content.dataJson},"occurred_at":${jsonText(e.occurredAt)},"recorded_at":${jsonText(recordedAt)},` +
      `"actor":${content.actorJson},"correlation_id":${jsonText(e.correlationId)},` +
      `"causation_id":${jsonText(causationId)},"command_id":${jsonText(commandId)}}`;
    contentHashes[i] = content.contentHash;
  }
  payload += ']';
  return {
    name: `caretrail_append:${quotedSchema}`,
    text: `SELECT * FROM ${quotedSchema}.caretrail_append($1, $2, $3::jsonb, $4::text[])`,
    values: [streamId, expected, payload, contentHashes],
  };
}
