import { BATCH_TABLE, selectBatchPage, type BatchTables } from '@batchgate/sql-store'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'

describe('selectBatchPage', () => {
  let db: Kysely<BatchTables> | undefined
  afterEach(async () => {
    await db?.destroy()
    db = undefined
  })

  /** A connection on which every statement fails: what the listing asks of it shows. */
  function failingConnection(): Kysely<BatchTables> {
    const database = new Database(':memory:')
    db = new Kysely<BatchTables>({ dialect: new SqliteDialect({ database }) })
    return db
  }

  it("answers a filter the dialect's columns cannot hold with no rows, without asking the database", async () => {
    const connection = failingConnection()
    const noNul = { canHoldText: (value: string) => !value.includes('\0') }
    for (const filter of [{ owner: 'a\0' }, { batchType: '\0' }, { createdBy: 'gw\0-1' }]) {
      await expect(selectBatchPage(connection, { ...filter, limit: 10 }, noNul)).resolves.toEqual([])
    }
    // The same filter the columns can hold is asked, and fails here: there is no batch table.
    await expect(selectBatchPage(connection, { owner: 'a', limit: 10 }, noNul)).rejects.toThrow(BATCH_TABLE)
  })
})
