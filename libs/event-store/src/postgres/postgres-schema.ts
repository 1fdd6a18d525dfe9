/**
 * Schema of the PostgreSQL store, one migration per entry: ordered, append-only (a released migration
 * is never edited; a change is a new entry). `s` is the quoted schema name.
 */

/** Channel an append notifies, with the schema name as payload, to wake live subscribers at once. */
export const APPEND_CHANNEL = 'caretrail_events';

/** Custom SQLSTATEs raised by caretrail_append, so the adapter can tell them from driver failures. */
export const WRONG_VERSION_SQLSTATE = 'CT409';
export const INVALID_APPEND_SQLSTATE = 'CT422';

/** Positions of one transaction are (xid << 16) + 0 .. 65535. */
export const MAX_EVENTS_PER_TRANSACTION = 65_536;

const eventsAndStreams = (s: string): string => `
  CREATE TABLE ${s}.events (
    -- (transaction id << 16) + index in the transaction: see the feed query in postgres-event-store.ts
    global_position bigint  PRIMARY KEY,
    event_id        text    NOT NULL UNIQUE,
    stream_id       text    NOT NULL,
    stream_version  bigint  NOT NULL,
    type            text    NOT NULL,
    schema_version  integer NOT NULL,
    data            jsonb   NOT NULL,
    -- Text, not timestamptz: the exact ISO string is part of the hashed content.
    occurred_at     text    NOT NULL,
    recorded_at     text    NOT NULL,
    actor           jsonb   NOT NULL,
    correlation_id  text    NOT NULL,
    causation_id    text,
    command_id      text,
    previous_hash   text,
    hash            text    NOT NULL,
    UNIQUE (stream_id, stream_version)
  );

  -- One row per stream: an append locks it, so writers of one stream queue and never interleave.
  CREATE TABLE ${s}.streams (
    stream_id text   PRIMARY KEY,
    version   bigint NOT NULL,
    last_hash text
  );
`;

/**
 * The whole append in one call (one round trip): lock the stream head, recognise a repeated batch,
 * check the expected version, chain the hashes (content hashes come from Node's contentHash()),
 * insert, move the head, notify. p_expected: -1 any, 0 no stream, n exact.
 * p_events: [{event_id, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id,
 * causation_id, command_id, content_hash}, ...]. Returns the stored rows, in stream order.
 */
const appendFunction = (s: string, schemaName: string): string => `
  CREATE FUNCTION ${s}.caretrail_append(p_stream_id text, p_expected bigint, p_events jsonb)
  RETURNS SETOF ${s}.events
  LANGUAGE plpgsql AS $fn$
  DECLARE
    v_count      integer := jsonb_array_length(p_events);
    v_ids        text[];
    v_stored_ids text[];
    v_first      record;
    v_version    bigint;
    v_hash       text;
    v_prev       text[] := '{}';
    v_hashes     text[] := '{}';
    v_base       bigint;
    v_next       bigint;
  BEGIN
    IF v_count = 0 THEN
      RAISE EXCEPTION 'append to % has no events', p_stream_id USING ERRCODE = '${INVALID_APPEND_SQLSTATE}';
    END IF;
    v_ids := ARRAY(SELECT e->>'event_id' FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, n) ORDER BY n);

    -- Lock the head first: a concurrent identical retry then waits and sees the stored batch.
    INSERT INTO ${s}.streams (stream_id, version, last_hash) VALUES (p_stream_id, 0, NULL)
      ON CONFLICT (stream_id) DO NOTHING;
    SELECT version, last_hash INTO v_version, v_hash FROM ${s}.streams WHERE stream_id = p_stream_id FOR UPDATE;

    SELECT stream_id, stream_version INTO v_first FROM ${s}.events WHERE event_id = v_ids[1];
    IF FOUND THEN
      IF v_first.stream_id <> p_stream_id THEN
        RAISE EXCEPTION 'Event % cannot be appended to %: it is already stored in %', v_ids[1], p_stream_id, v_first.stream_id
          USING ERRCODE = '${INVALID_APPEND_SQLSTATE}';
      END IF;
      v_stored_ids := ARRAY(
        SELECT event_id FROM ${s}.events
        WHERE stream_id = p_stream_id AND stream_version >= v_first.stream_version
          AND stream_version < v_first.stream_version + v_count
        ORDER BY stream_version);
      IF v_stored_ids = v_ids THEN
        RETURN QUERY SELECT * FROM ${s}.events
          WHERE stream_id = p_stream_id AND stream_version >= v_first.stream_version
            AND stream_version < v_first.stream_version + v_count
          ORDER BY stream_version;
        RETURN;
      END IF;
      FOR i IN 1 .. v_count LOOP
        IF v_stored_ids[i] IS DISTINCT FROM v_ids[i] THEN
          RAISE EXCEPTION 'Event % does not match the events already stored in % (the batch repeats % but differs from it at position %)',
            v_ids[i], p_stream_id, v_ids[1], i USING ERRCODE = '${INVALID_APPEND_SQLSTATE}';
        END IF;
      END LOOP;
    END IF;

    IF p_expected >= 0 AND v_version <> p_expected THEN
      RAISE EXCEPTION 'Stream % is at version %, not %', p_stream_id, v_version, p_expected
        USING ERRCODE = '${WRONG_VERSION_SQLSTATE}', DETAIL = v_version::text;
    END IF;

    FOR i IN 1 .. v_count LOOP
      v_prev[i] := v_hash;
      -- Same text as chainHash() in event-hashing.ts.
      v_hash := encode(sha256(convert_to(
        coalesce(v_hash, '') || ':' || (v_version + i) || ':' || (p_events->(i - 1)->>'content_hash'), 'UTF8')), 'hex');
      v_hashes[i] := v_hash;
    END LOOP;

    -- Positions continue after any this transaction already took (more than one append per transaction).
    v_base := pg_current_xact_id()::text::bigint << 16;
    SELECT coalesce(max(global_position) + 1, v_base) INTO v_next FROM ${s}.events
      WHERE global_position >= v_base AND global_position < v_base + ${MAX_EVENTS_PER_TRANSACTION};
    IF v_next - v_base + v_count > ${MAX_EVENTS_PER_TRANSACTION} THEN
      RAISE EXCEPTION 'at most ${MAX_EVENTS_PER_TRANSACTION} events fit in one transaction'
        USING ERRCODE = '${INVALID_APPEND_SQLSTATE}';
    END IF;

    UPDATE ${s}.streams SET version = v_version + v_count, last_hash = v_hash WHERE stream_id = p_stream_id;
    PERFORM pg_notify('${APPEND_CHANNEL}', '${schemaName}');

    RETURN QUERY
      INSERT INTO ${s}.events (global_position, event_id, stream_id, stream_version, type, schema_version, data,
        occurred_at, recorded_at, actor, correlation_id, causation_id, command_id, previous_hash, hash)
      SELECT v_next + t.n - 1, t.e->>'event_id', p_stream_id, v_version + t.n, t.e->>'type',
        (t.e->>'schema_version')::integer, t.e->'data', t.e->>'occurred_at', t.e->>'recorded_at', t.e->'actor',
        t.e->>'correlation_id', t.e->>'causation_id', t.e->>'command_id', v_prev[t.n], v_hashes[t.n]
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(e, n)
      ORDER BY t.n
      RETURNING *;
  END
  $fn$;
`;

/**
 * Version 2 of the append, same contract, less work per call (see test/bench/PERFORMANCE.md):
 * - no pg_notify inside the append's transaction: NOTIFY takes a cluster-wide lock from pre-commit
 *   until the commit is flushed, so every append's fsync queued behind the last one and concurrent
 *   writers could never share a WAL flush. The adapter notifies after commit instead, coalesced;
 * - writers of a stream queue on an advisory lock taken before their transaction has an id (so that
 *   positions, from transaction ids, follow stream order: a row lock takes the id before it waits);
 * - the usual append (an existing stream at the expected version, or 'any') then takes one statement
 *   to check the version and move the head (chain hash included), one to find its positions and one
 *   to insert: the repeat lookup by event id only runs when the version does not match (where a
 *   retry shows itself) or when the insert hits the event-id unique index (p_expected = -2: the
 *   adapter asks again to resolve the repeat);
 * - content hashes come as a text[] parameter, the events are unpacked once by jsonb_to_recordset;
 * - only what the caller cannot know comes back (versions, positions, hashes), not the stored rows
 *   with their jsonb. On an idempotent repeat `repeated` is true and the caller reads the stored rows.
 * p_expected: -1 any, 0 no stream, n exact, -2 resolve a repeat only. p_events: [{event_id, type,
 * schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, command_id}, ...].
 */
const appendFunctionV2 = (s: string): string => `
  DROP FUNCTION ${s}.caretrail_append(text, bigint, jsonb);

  -- The last link of a stream's chain after appending events with these content hashes at version + 1 ...
  CREATE FUNCTION ${s}.caretrail_chain_end(p_previous text, p_version bigint, p_content_hashes text[])
  RETURNS text LANGUAGE plpgsql IMMUTABLE AS $fn$
  DECLARE
    v_hash text := p_previous;
  BEGIN
    FOR i IN 1 .. coalesce(array_length(p_content_hashes, 1), 0) LOOP
      -- Same text as chainHash() in event-hashing.ts.
      v_hash := encode(sha256(convert_to(coalesce(v_hash, '') || ':' || (p_version + i) || ':' || p_content_hashes[i], 'UTF8')), 'hex');
    END LOOP;
    RETURN v_hash;
  END
  $fn$;

  CREATE FUNCTION ${s}.caretrail_append(p_stream_id text, p_expected bigint, p_events jsonb, p_content_hashes text[])
  RETURNS TABLE (stream_version bigint, global_position bigint, previous_hash text, hash text, repeated boolean)
  LANGUAGE plpgsql AS $fn$
  #variable_conflict use_column
  DECLARE
    v_count      integer := coalesce(array_length(p_content_hashes, 1), 0);
    v_ids        text[];
    v_stored_ids text[];
    v_first      record;
    v_version    bigint;
    v_hash       text;
    v_prev       text[] := '{}';
    v_hashes     text[] := '{}';
    v_base       bigint;
    v_next       bigint;
    v_setting    text;
  BEGIN
    IF v_count = 0 OR jsonb_array_length(p_events) <> v_count THEN
      RAISE EXCEPTION 'append to % has no events, or not one content hash per event', p_stream_id
        USING ERRCODE = '${INVALID_APPEND_SQLSTATE}';
    END IF;

    -- Writers of one stream queue here, before their transaction has an id: positions come from
    -- transaction ids, so a writer must not take its id until the writer before it has committed
    -- (a row lock would not do: UPDATE and FOR UPDATE take the id before they wait).
    PERFORM pg_advisory_xact_lock(hashtext('${s}'), hashtext(p_stream_id));

    -- The usual case in one statement: check the expected version, move the head to its new version
    -- and last hash; the old values come back. No other writer can move it meanwhile (the lock above).
    IF p_expected >= -1 THEN
      UPDATE ${s}.streams h
        SET version = o.version + v_count, last_hash = ${s}.caretrail_chain_end(o.last_hash, o.version, p_content_hashes)
        FROM (SELECT x.version, x.last_hash FROM ${s}.streams x WHERE x.stream_id = p_stream_id) o
        WHERE h.stream_id = p_stream_id AND (p_expected < 0 OR o.version = p_expected)
        RETURNING o.version, o.last_hash INTO v_version, v_hash;
    END IF;

    IF v_version IS NULL THEN
      -- A new stream, a version that does not match, or a repeat to resolve: the careful way.
      INSERT INTO ${s}.streams (stream_id, version, last_hash) VALUES (p_stream_id, 0, NULL)
        ON CONFLICT (stream_id) DO NOTHING;
      SELECT h.version, h.last_hash INTO v_version, v_hash FROM ${s}.streams h WHERE h.stream_id = p_stream_id;

      SELECT e.stream_id, e.stream_version INTO v_first FROM ${s}.events e WHERE e.event_id = p_events->0->>'event_id';
      IF FOUND THEN
        v_ids := ARRAY(SELECT x->>'event_id' FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, n) ORDER BY n);
        IF v_first.stream_id <> p_stream_id THEN
          RAISE EXCEPTION 'Event % cannot be appended to %: it is already stored in %', v_ids[1], p_stream_id, v_first.stream_id
            USING ERRCODE = '${INVALID_APPEND_SQLSTATE}';
        END IF;
        v_stored_ids := ARRAY(
          SELECT e.event_id FROM ${s}.events e
          WHERE e.stream_id = p_stream_id AND e.stream_version >= v_first.stream_version
            AND e.stream_version < v_first.stream_version + v_count
          ORDER BY e.stream_version);
        IF v_stored_ids = v_ids THEN
          RETURN QUERY SELECT e.stream_version, e.global_position, e.previous_hash, e.hash, true FROM ${s}.events e
            WHERE e.stream_id = p_stream_id AND e.stream_version >= v_first.stream_version
              AND e.stream_version < v_first.stream_version + v_count
            ORDER BY e.stream_version;
          RETURN;
        END IF;
        FOR i IN 1 .. v_count LOOP
          IF v_stored_ids[i] IS DISTINCT FROM v_ids[i] THEN
            RAISE EXCEPTION 'Event % does not match the events already stored in % (the batch repeats % but differs from it at position %)',
              v_ids[i], p_stream_id, v_ids[1], i USING ERRCODE = '${INVALID_APPEND_SQLSTATE}';
          END IF;
        END LOOP;
      END IF;
      -- Resolving found no repeat of the first event: the caller reports its own duplicate-id error.
      IF p_expected = -2 THEN
        RETURN;
      END IF;

      IF p_expected >= 0 AND v_version <> p_expected THEN
        RAISE EXCEPTION 'Stream % is at version %, not %', p_stream_id, v_version, p_expected
          USING ERRCODE = '${WRONG_VERSION_SQLSTATE}', DETAIL = v_version::text;
      END IF;
      UPDATE ${s}.streams SET version = v_version + v_count, last_hash = ${s}.caretrail_chain_end(v_hash, v_version, p_content_hashes)
        WHERE stream_id = p_stream_id;
    END IF;

    FOR i IN 1 .. v_count LOOP
      v_prev[i] := v_hash;
      v_hash := encode(sha256(convert_to(coalesce(v_hash, '') || ':' || (v_version + i) || ':' || p_content_hashes[i], 'UTF8')), 'hex');
      v_hashes[i] := v_hash;
    END LOOP;

    -- Positions continue after any this transaction already took (more than one append per
    -- transaction), kept in a setting local to the transaction rather than looked up in the index.
    v_base := pg_current_xact_id()::text::bigint << 16;
    v_next := greatest(v_base, coalesce(nullif(current_setting('caretrail.next_position', true), '')::bigint, 0));
    v_setting := set_config('caretrail.next_position', (v_next + v_count)::text, true);
    IF v_next - v_base + v_count > ${MAX_EVENTS_PER_TRANSACTION} THEN
      RAISE EXCEPTION 'at most ${MAX_EVENTS_PER_TRANSACTION} events fit in one transaction'
        USING ERRCODE = '${INVALID_APPEND_SQLSTATE}';
    END IF;

    INSERT INTO ${s}.events (global_position, event_id, stream_id, stream_version, type, schema_version, data,
      occurred_at, recorded_at, actor, correlation_id, causation_id, command_id, previous_hash, hash)
    SELECT v_next + t.n - 1, t.event_id, p_stream_id, v_version + t.n, t.type, t.schema_version, t.data,
      t.occurred_at, t.recorded_at, t.actor, t.correlation_id, t.causation_id, t.command_id, v_prev[t.n], v_hashes[t.n]
    FROM ROWS FROM (jsonb_to_recordset(p_events) AS (event_id text, type text, schema_version integer, data jsonb,
      occurred_at text, recorded_at text, actor jsonb, correlation_id text, causation_id text, command_id text))
      WITH ORDINALITY AS t(event_id, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id,
        causation_id, command_id, n);

    FOR i IN 1 .. v_count LOOP
      stream_version := v_version + i;
      global_position := v_next + i - 1;
      previous_hash := v_prev[i];
      hash := v_hashes[i];
      repeated := false;
      RETURN NEXT;
    END LOOP;
  END
  $fn$;
`;

/**
 * Long records (docs/long-records.md): snapshots of folded state beside the events, and a count of
 * changes made to a stream's event rows other than by append (UPDATE, DELETE, TRUNCATE), so a reader
 * that verified a stream once need only verify the events after that point while the count is unchanged.
 */
const snapshotsAndAlterations = (s: string): string => `
  ALTER TABLE ${s}.streams ADD COLUMN alterations bigint NOT NULL DEFAULT 0;

  CREATE FUNCTION ${s}.caretrail_count_alteration() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      UPDATE ${s}.streams SET alterations = alterations + 1;
      RETURN NULL;
    END IF;
    UPDATE ${s}.streams SET alterations = alterations + 1 WHERE stream_id = OLD.stream_id;
    IF TG_OP = 'UPDATE' AND NEW.stream_id IS DISTINCT FROM OLD.stream_id THEN
      UPDATE ${s}.streams SET alterations = alterations + 1 WHERE stream_id = NEW.stream_id;
    END IF;
    RETURN NULL;
  END
  $fn$;
  CREATE TRIGGER events_altered AFTER UPDATE OR DELETE ON ${s}.events
    FOR EACH ROW EXECUTE FUNCTION ${s}.caretrail_count_alteration();
  CREATE TRIGGER events_truncated AFTER TRUNCATE ON ${s}.events
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.caretrail_count_alteration();

  CREATE TABLE ${s}.snapshots (
    stream_id      text        NOT NULL,
    state_type     text        NOT NULL,
    state_schema   integer     NOT NULL,
    stream_version bigint      NOT NULL,
    event_hash     text        NOT NULL,
    alterations    bigint      NOT NULL,
    -- Text, not jsonb: the exact text is what the content hash covers.
    state          text        NOT NULL,
    content_hash   text        NOT NULL,
    written_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, state_type, state_schema)
  );
`;

export interface PostgresMigration {
  version: number;
  sql(quotedSchema: string, schemaName: string): string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  { version: 1, sql: (s, name) => eventsAndStreams(s) + appendFunction(s, name) },
  { version: 2, sql: (s) => appendFunctionV2(s) },
  { version: 3, sql: (s) => snapshotsAndAlterations(s) },
];

/** Sent after an append commits (never inside it), with the schema name as payload; see appendFunctionV2. */
export const notifySql = (schemaName: string): string =>
  // A lost wake-up is harmless (subscribers also poll), so this transaction need not wait for a flush.
  `SET LOCAL synchronous_commit = off; SELECT pg_notify('${APPEND_CHANNEL}', '${schemaName}')`;
