import { mysqlStore, type MysqlMetadataStore } from '@batchgate/store-mysql'
import { sampleRecord } from '@batchgate/testkit'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

describeWithMysql('mysqlStore listing and purge, MySQL specifics', () => {
  let database: TestDatabase
  let store: MysqlMetadataStore
  beforeEach(async () => {
    database = await createTestDatabase()
    store = mysqlStore({ uri: database.uri })
    await store.open()
  })
  afterEach(async () => {
    await store.close()
    await database.drop()
  })

  it('an empty list of states or ids matches nothing, as in SQLite (MySQL itself rejects `in ()`)', async () => {
    const record = sampleRecord()
    await store.insertBatch(record)
    expect(await store.listBatches({ states: [], limit: 10 })).toEqual([])
    expect(await store.listBatches({ ids: [], limit: 10 })).toEqual([])
    expect(await store.updateBatchState(record.id, { from: [], to: 'RUNNING' })).toBe(false)
    expect(await database.batchRows()).toMatchObject([{ state: 'PENDING' }])
  })

  it('tells apart instance ids that agree beyond the 191 characters of their index prefix', async () => {
    const prefix = 'gw-'.padEnd(300, 'x')
    const mine = sampleRecord({ createdBy: `${prefix}-1` })
    await store.insertBatch(mine)
    await store.insertBatch(sampleRecord({ createdBy: `${prefix}-2` }))
    expect(await store.listBatches({ createdBy: mine.createdBy, states: ['PENDING'], limit: 10 })).toEqual([
      mine,
    ])
  })

  it('a limit of 0 lists and purges nothing', async () => {
    await store.insertBatch(sampleRecord({ state: 'FINISHED', endTime: 1 }))
    expect(await store.listBatches({ limit: 0 })).toEqual([])
    expect(await store.purgeBatches({ endedBefore: 10, limit: 0 })).toBe(0)
    expect(await database.batchRows()).toHaveLength(1)
  })

  it('a record the driver cannot bind is a rejection that frees its connection, not a hang', async () => {
    const single = mysqlStore({ uri: database.uri, connectionLimit: 1 })
    try {
      // Past the types, as a JavaScript caller could: mysql2 refuses undefined values at once.
      const unbindable = { ...sampleRecord(), startTime: undefined as unknown as null }
      await expect(single.insertBatch(unbindable)).rejects.toThrow(/undefined/)
      // The pool's only connection was released: the next insert gets it.
      const record = sampleRecord()
      await single.insertBatch(record)
      expect(await single.getBatch(record.id)).toEqual(record)
    } finally {
      await single.close()
    }
  })
})
