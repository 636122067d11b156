import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { describe, expect, it } from 'vitest'
import { batchToRow } from '@batchgate/sql-store'
import {
  migrateToVersion,
  rowBeforeApplicationColumns,
  rowBeforeOwnershipColumns,
} from '@batchgate/sql-store/testing'
import { sqliteStore } from '@batchgate/store-sqlite'
import { readRawSqliteBatches } from '@batchgate/store-sqlite/testing'
import { sampleRecord } from '@batchgate/testkit'
import { sqliteMigrations } from '../src/migrations/index.js'
import { tempDatabasePath } from './helpers/temp-database.js'

/** The batch table as these raw inserts see it: any columns. */
type Tables = Record<'batchgate_batch', Record<string, unknown>>

describe('sqliteStore migration 0003 (application columns), in place', () => {
  it('opens a file of the previous release with rows in it: rows kept, the new columns null, reports stored', async () => {
    const filename = tempDatabasePath()
    const records = [
      sampleRecord({ state: 'RUNNING', startTime: 7, createTime: 1 }),
      sampleRecord({ state: 'FINISHED', startTime: 7, endTime: 9, diagnostic: 'done', createTime: 2 }),
    ]
    const db = new Kysely<unknown>({
      dialect: new SqliteDialect({ database: new Database(filename) }),
    })
    try {
      await migrateToVersion(db, sqliteMigrations, '0002-add-lifecycle-indexes')
      for (const record of records) {
        await db
          .withTables<Tables>()
          .insertInto('batchgate_batch')
          .values(rowBeforeOwnershipColumns(rowBeforeApplicationColumns(batchToRow(record))))
          .execute()
      }
      const columns = await db.introspection.getTables()
      expect(columns.find((t) => t.name === 'batchgate_batch')?.columns.map((c) => c.name)).not.toContain(
        'app_id',
      )
    } finally {
      await db.destroy()
    }

    const store = sqliteStore({ filename })
    await store.open()
    try {
      for (const record of records) expect(await store.getBatch(record.id)).toEqual(record)
      const running = records[0]
      if (running === undefined) throw new Error('a running record')
      expect(await store.updateApplication(running.id, { from: 'RUNNING', info: { appId: 'app-1' } })).toBe(
        true,
      )
    } finally {
      await store.close()
    }
    expect(readRawSqliteBatches(filename)).toEqual([{ ...records[0], appId: 'app-1' }, records[1]])
    const migrated = new Database(filename, { readonly: true })
    try {
      expect(migrated.prepare('select name from batchgate_migration order by name').all()).toEqual([
        { name: '0001-create-batch-table' },
        { name: '0002-add-lifecycle-indexes' },
        { name: '0003-add-application-columns' },
        { name: '0004-add-ownership-and-lease' },
      ])
    } finally {
      migrated.close()
    }
  })
})
