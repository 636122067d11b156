import { Kysely, MysqlDialect } from 'kysely'
import { createPool } from 'mysql2'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { batchToRow } from '@batchgate/sql-store'
import {
  migrateToVersion,
  rowBeforeApplicationColumns,
  rowBeforeOwnershipColumns,
} from '@batchgate/sql-store/testing'
import { mysqlStore } from '@batchgate/store-mysql'
import { readRawMysqlBatches } from '@batchgate/store-mysql/testing'
import { sampleRecord } from '@batchgate/testkit'
import { mysqlMigrations } from '../src/migrations/index.js'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

/** The batch table as these raw inserts see it: any columns. */
type Tables = Record<'batchgate_batch', Record<string, unknown>>

describeWithMysql('mysqlStore migration 0003 (application columns), in place', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    await database.drop()
  })

  it('opens a database of the previous release with rows in it: rows kept, the new columns null, reports stored', async () => {
    const records = [
      sampleRecord({ state: 'RUNNING', startTime: 7, createTime: 1 }),
      sampleRecord({ state: 'FINISHED', startTime: 7, endTime: 9, diagnostic: 'done', createTime: 2 }),
    ]
    const db = new Kysely<unknown>({
      dialect: new MysqlDialect({ pool: createPool({ uri: database.uri }) }),
    })
    try {
      await migrateToVersion(db, mysqlMigrations, '0002-add-lifecycle-indexes')
      for (const record of records) {
        const row = {
          ...rowBeforeOwnershipColumns(rowBeforeApplicationColumns(batchToRow(record))),
          insert_token: 'f'.repeat(32),
        }
        await db.withTables<Tables>().insertInto('batchgate_batch').values(row).execute()
      }
    } finally {
      await db.destroy()
    }
    const [before] = await database.raw.query("show columns from batchgate_batch like 'app_%'")
    expect(before).toEqual([])

    const store = mysqlStore({ uri: database.uri })
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
    expect(await readRawMysqlBatches(database.uri)).toEqual([{ ...records[0], appId: 'app-1' }, records[1]])
    const [names] = await database.raw.query('select name from batchgate_migration order by name')
    expect(names).toEqual([
      { name: '0001-create-batch-table' },
      { name: '0002-add-lifecycle-indexes' },
      { name: '0003-add-application-columns' },
      { name: '0004-add-ownership-and-lease' },
    ])
  })

  it('finishes a 0003 (and the 0004 after it) that had run but were not recorded (MySQL commits DDL at once)', async () => {
    const first = mysqlStore({ uri: database.uri })
    await first.open()
    await first.close()
    await database.raw.query("delete from batchgate_migration where name >= '0003-add-application-columns'")
    const store = mysqlStore({ uri: database.uri })
    await store.open()
    const record = sampleRecord({ state: 'RUNNING', startTime: 1 })
    await store.insertBatch(record)
    expect(await store.updateApplication(record.id, { from: 'RUNNING', info: { appStartTime: 5 } })).toBe(
      true,
    )
    expect(await store.getBatch(record.id)).toEqual({ ...record, appStartTime: 5 })
    await store.close()
  })
})
