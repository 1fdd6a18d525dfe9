'use strict';
/*
 * The peer: Emmett's PostgreSQL and SQLite event stores, behind the bench's BenchSubject calls
 * (test/bench/src/bench-subject.ts). Plain CommonJS so that it resolves Emmett from this folder's own
 * node_modules (installed from this folder's package.json and lock file, apart from the project's).
 *
 * Each store is given its best ordinary setup: PostgreSQL through one dumbo pool shared by the store
 * and the feed reader; SQLite on one long-lived connection (Emmett's default opens a connection per
 * call), with the same durability as CareTrail's (WAL, synchronous=FULL).
 */
const emmettPg = require('@event-driven-io/emmett-postgresql');
const emmettSqlite = require('@event-driven-io/emmett-sqlite');
const { dumbo, endAllPools } = require('@event-driven-io/dumbo');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

/** A package's version, read from its package.json (its exports do not include that file). */
const versionOf = (name) => JSON.parse(readFileSync(join(__dirname, 'node_modules', name, 'package.json'), 'utf8')).version;

const toEmmett = (e) => ({
  type: e.type,
  data: e.data,
  metadata: {
    eventId: e.eventId,
    schemaVersion: e.schemaVersion,
    occurredAt: e.occurredAt,
    actor: e.actor,
    correlationId: e.correlationId,
    causationId: e.causationId,
    commandId: e.commandId,
  },
});

async function openEmmettPostgres({ connectionString }) {
  const pool = dumbo({ connectionString });
  const store = emmettPg.getPostgreSQLEventStore(connectionString, { connectionOptions: { dumbo: pool } });
  await store.schema.migrate();
  return {
    role: 'peer',
    backend: 'postgres',
    version: versionOf('@event-driven-io/emmett-postgresql'),
    async append(streamId, events, expected) {
      await store.appendToStream(streamId, events.map(toEmmett), { expectedStreamVersion: BigInt(expected) });
    },
    async readStream(streamId) {
      return (await store.readStream(streamId)).events.length;
    },
    async readFeed(pageSize, max = Infinity, after = 0) {
      let count = 0;
      let position = BigInt(after);
      for (;;) {
        const batch = await emmettPg.readMessagesBatch(pool.execute, { after: position, batchSize: pageSize });
        count += batch.messages.length;
        position = batch.currentGlobalPosition;
        if (!batch.areMessagesLeft || batch.messages.length === 0 || count >= max) return count;
      }
    },
    async catchUp(total, batchSize) {
      let count = 0;
      const puller = emmettPg.postgreSQLEventStoreMessageBatchPuller({
        executor: pool.execute,
        batchSize,
        pullingFrequencyInMs: 0,
        stopWhen: { noMessagesLeft: true },
        eachBatch: async (messages) => {
          count += messages.length;
          return count >= total ? { type: 'STOP' } : undefined;
        },
      });
      await puller.start({ startFrom: 'BEGINNING' });
      return count;
    },
    async close() {
      // Dumbo keeps its pg pools in a process-wide cache with a usage counter that Emmett's schema
      // migration leaves above zero, so closing the store and the pool can leave idle connections
      // open (and an idle pg client whose server goes away crashes the process). End every pool.
      await store.close?.().catch(() => undefined);
      await pool.close().catch(() => undefined);
      await endAllPools();
    },
  };
}

async function openEmmettSqlite({ fileName }) {
  const connection = emmettSqlite.sqliteConnection({ fileName });
  await connection.command('PRAGMA journal_mode = WAL');
  await connection.command('PRAGMA synchronous = FULL');
  await connection.command('PRAGMA busy_timeout = 5000');
  const pool = emmettSqlite.SQLiteConnectionPool({ fileName, connectionOptions: { singleton: true, connection } });
  const store = emmettSqlite.getSQLiteEventStore({ fileName, pool });
  await store.schema.migrate?.();
  return {
    role: 'peer',
    backend: 'sqlite',
    version: versionOf('@event-driven-io/emmett-sqlite'),
    async append(streamId, events, expected) {
      await store.appendToStream(streamId, events.map(toEmmett), { expectedStreamVersion: BigInt(expected) });
    },
    async readStream(streamId) {
      return (await store.readStream(streamId)).events.length;
    },
    async readFeed(pageSize, max = Infinity, after = 0) {
      let count = 0;
      let position = BigInt(after);
      for (;;) {
        const batch = await emmettSqlite.readMessagesBatch(connection, { after: position, batchSize: pageSize });
        count += batch.messages.length;
        position = batch.currentGlobalPosition;
        if (!batch.areEventsLeft || batch.messages.length === 0 || count >= max) return count;
      }
    },
    async close() {
      connection.close();
    },
  };
}

module.exports = { openEmmettPostgres, openEmmettSqlite };
