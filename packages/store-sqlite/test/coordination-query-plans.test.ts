import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, type Compilable } from 'kysely'
import { describe, expect, it } from 'vitest'
import { sqliteStore } from '@batchgate/store-sqlite'
import { batchPageQuery, launchQueueQuery, leaseQueries, type BatchTables } from '@batchgate/sql-store'
import { tempDatabasePath } from './helpers/temp-database.js'

/** SQLite's plan for the exact SQL the store runs, on a migrated file. */
async function planOf(build: (db: Kysely<BatchTables>) => Compilable): Promise<string> {
  const filename = tempDatabasePath()
  const store = sqliteStore({ filename })
  await store.open()
  await store.close()
  const database = new Database(filename, { readonly: true })
  try {
    const db = new Kysely<BatchTables>({ dialect: new SqliteDialect({ database }) })
    const compiled = build(db).compile()
    const rows = database.prepare(`explain query plan ${compiled.sql}`).all(...compiled.parameters) as {
      detail: string
    }[]
    return rows.map((row) => row.detail).join('\n')
  } finally {
    database.close()
  }
}

/** A full scan of the batch table, as SQLite's plan words it (`SCAN batchgate_batch`, nothing after). */
const FULL_SCAN = /^SCAN batchgate_batch$/m

describe('the launch queue and the ownership lookups are served by indexes, never a full scan', () => {
  it('the queue: queued batches in an ordered range of batchgate_batch_queue, unlaunched ones by batchgate_batch_queued_at', async () => {
    const plan = await planOf((db) => launchQueueQuery(db, { limit: 10, unlaunchedGraceMs: 60_000 }))
    expect(plan).not.toMatch(FULL_SCAN)
    // The queued part reads the index in claim order, up to the limit: no sort of its own (the sorts
    // of the plan are the union's merge of at most twice the limit rows).
    expect(plan).toContain(
      'CO-ROUTINE queued\nSEARCH batchgate_batch USING INDEX batchgate_batch_queue (state=? AND owner_token=?)\nSCAN queued',
    )
    expect(plan).toMatch(
      /SEARCH batchgate_batch USING INDEX batchgate_batch_queued_at \(state=\? AND queued_at<\?\)/,
    )
  })

  it('a lease token’s unfinished batches (adoption) by batchgate_batch_owner_token', async () => {
    const plan = await planOf((db) =>
      batchPageQuery(db, { ownerToken: 'token-1', states: ['PENDING', 'RUNNING'], limit: 200 }),
    )
    expect(plan).not.toMatch(FULL_SCAN)
    expect(plan).toContain('USING INDEX batchgate_batch_owner_token (owner_token=? AND state=?)')
  })

  it('an instance’s own batches (a restart takes them back) by batchgate_batch_owner_instance', async () => {
    const plan = await planOf((db) =>
      batchPageQuery(db, { ownerInstance: 'gw-1', states: ['PENDING', 'RUNNING'], limit: 200 }),
    )
    expect(plan).not.toMatch(FULL_SCAN)
    expect(plan).toContain('USING INDEX batchgate_batch_owner_instance (owner_instance=? AND state=?)')
  })

  it('listLeases counts each lease’s RUNNING batches on batchgate_batch_owner_token', async () => {
    const plan = await planOf((db) => leaseQueries(db, {}).list())
    expect(plan).not.toMatch(FULL_SCAN)
    expect(plan).toContain('USING COVERING INDEX batchgate_batch_owner_token (owner_token=? AND state=?)')
  })

  it('dropLease checks that the token owns nothing unfinished on batchgate_batch_owner_token', async () => {
    const plan = await planOf((db) => leaseQueries(db, {}).drop('token-1'))
    expect(plan).not.toMatch(FULL_SCAN)
    expect(plan).toContain('USING COVERING INDEX batchgate_batch_owner_token (owner_token=? AND state=?)')
    expect(plan).toMatch(
      /SEARCH batchgate_instance_lease USING INDEX sqlite_autoindex_batchgate_instance_lease_1 \(token=\?\)/,
    )
  })
})
