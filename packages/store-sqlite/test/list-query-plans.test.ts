import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { BatchQuery } from '@batchgate/core/store'
import { sqliteStore } from '@batchgate/store-sqlite'
import { batchPageQuery, type BatchTables } from '@batchgate/sql-store'
import { tempDatabasePath } from './helpers/temp-database.js'

/** SQLite's plan for the exact SQL the store runs for `query`. */
function planOf(filename: string, query: BatchQuery): string[] {
  const database = new Database(filename, { readonly: true })
  try {
    const db = new Kysely<BatchTables>({ dialect: new SqliteDialect({ database }) })
    const compiled = batchPageQuery(db, query).compile()
    const rows = database.prepare(`explain query plan ${compiled.sql}`).all(...compiled.parameters) as {
      detail: string
    }[]
    return rows.map((row) => row.detail)
  } finally {
    database.close()
  }
}

describe('list queries are served by indexes, never a full scan', () => {
  it.each<[string, BatchQuery, string]>([
    ['no filter (newest first)', { limit: 50 }, 'batchgate_batch_create_time'],
    ['an owner', { owner: 'alice', limit: 50 }, 'batchgate_batch_owner_create_time'],
    [
      'an owner, next page',
      { owner: 'alice', after: { createTime: 5, id: 'x' }, limit: 50 },
      'batchgate_batch_owner_create_time',
    ],
    ['a state', { states: ['RUNNING'], limit: 50 }, 'batchgate_batch_state_create_time'],
    [
      'an instance’s unfinished batches',
      { createdBy: 'gw-1', states: ['PENDING', 'RUNNING'], limit: 200 },
      'batchgate_batch_created_by_state',
    ],
  ])('%s', async (_what, query, index) => {
    const filename = tempDatabasePath()
    const store = sqliteStore({ filename })
    await store.open()
    await store.close()
    const plan = planOf(filename, query).join('\n')
    expect(plan).toContain(index)
    expect(plan).not.toMatch(/^SCAN batchgate_batch$/m)
  })
})
