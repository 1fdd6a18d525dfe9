#!/usr/bin/env node
'use strict';
/*
 * What the projection rebuild rows are bounded by: the rows each read model writes, copied from a
 * rebuilt read database, inserted raw (prepared INSERTs on SQLite, multi-row INSERTs on PostgreSQL,
 * 500 rows a transaction, as a rebuild page) into fresh tables with the read models' own schema and
 * indexes (the project's migrations). No projection code runs: it is the write ceiling.
 *   npm run compile && node test/bench/read-model-write-ceiling.js [rebuilt-read.db] [--pg-url=URL|none]
 * Default file: the newest test-artifacts/bench/history-*-read-rebuild.db left by `npm run bench`.
 */
const Database = require('better-sqlite3');
const { Pool } = require('pg');
const { mkdtempSync, readdirSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const { openReadDatabase } = require(join(root, 'dist/libs/read-store/src/index.js'));
const TABLES = ['scope_events', 'timeline_entries', 'concern_summaries', 'concern_actions'];
const PAGE = 500;

const args = process.argv.slice(2);
const pgArg = args.find((a) => a.startsWith('--pg-url='))?.slice('--pg-url='.length);
const pgUrl = pgArg === 'none' ? undefined : (pgArg ?? process.env.CARETRAIL_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test');
const benchDir = join(root, 'test-artifacts/bench');
const file =
  args.find((a) => !a.startsWith('--')) ??
  readdirSync(benchDir)
    .filter((f) => /^history-.*-read-rebuild\.db$/.test(f))
    .map((f) => join(benchDir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
if (!file) {
  console.error('No rebuilt read database: run `npm run bench -- --only=history` first, or name one.');
  process.exit(1);
}

const rate = (rows, ms) => `${Math.round((rows / ms) * 1000).toLocaleString('en-GB')} rows/s`;

async function main() {
  const source = new Database(file, { readonly: true });
  const data = Object.fromEntries(TABLES.map((t) => [t, source.prepare(`SELECT * FROM ${t}`).all()]));
  source.close();
  console.log(`Rows from ${file}: ${TABLES.map((t) => `${t} ${data[t].length}`).join(', ')}`);

  const dir = mkdtempSync(join(tmpdir(), 'read-ceiling-'));
  const sqlite = await openReadDatabase({ kind: 'sqlite', filename: join(dir, 'read.db') });
  await sqlite.close();
  const db = new Database(join(dir, 'read.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  for (const t of TABLES) {
    const rows = data[t];
    if (rows.length === 0) continue;
    const cols = Object.keys(rows[0]);
    const insert = db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
    const page = db.transaction((part) => {
      for (const r of part) insert.run(cols.map((c) => r[c]));
    });
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += PAGE) page(rows.slice(i, i + PAGE));
    console.log(`  sqlite    ${t.padEnd(18)} ${rate(rows.length, performance.now() - t0)}`);
  }
  db.close();
  rmSync(dir, { recursive: true, force: true });

  if (!pgUrl) return;
  const schema = `read_ceiling_${process.pid}`;
  const pg = await openReadDatabase({ kind: 'postgres', connectionString: pgUrl, schema });
  await pg.close();
  const pool = new Pool({ connectionString: pgUrl, max: 1 });
  try {
    for (const t of TABLES) {
      const rows = data[t];
      if (rows.length === 0) continue;
      const cols = Object.keys(rows[0]);
      const perStatement = Math.min(PAGE, Math.floor(60_000 / cols.length));
      const client = await pool.connect();
      const t0 = performance.now();
      for (let i = 0; i < rows.length; i += PAGE) {
        await client.query('BEGIN');
        const pageRows = rows.slice(i, i + PAGE);
        for (let j = 0; j < pageRows.length; j += perStatement) {
          const values = [];
          const tuples = pageRows.slice(j, j + perStatement).map((r) => `(${cols.map((c) => (values.push(r[c]), `$${values.length}`)).join(', ')})`);
          await client.query(`INSERT INTO "${schema}".${t} (${cols.join(', ')}) VALUES ${tuples.join(', ')}`, values);
        }
        await client.query('COMMIT');
      }
      console.log(`  postgres  ${t.padEnd(18)} ${rate(rows.length, performance.now() - t0)}`);
      client.release();
    }
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
