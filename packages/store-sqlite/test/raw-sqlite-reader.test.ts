import { mkdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { sampleRecord } from '@batchgate/testkit'
import { sqliteStore } from '@batchgate/store-sqlite'
import { readRawSqliteBatches } from '@batchgate/store-sqlite/testing'
import { tempDatabasePath } from './helpers/temp-database.js'

describe('readRawSqliteBatches', () => {
  it('reads no batches from a file that does not exist, or has no batch table yet', async () => {
    const filename = tempDatabasePath()
    expect(readRawSqliteBatches(filename)).toEqual([])
    new Database(filename).close()
    expect(readRawSqliteBatches(filename)).toEqual([])
    const record = sampleRecord()
    const store = sqliteStore({ filename })
    await store.insertBatch(record)
    await store.close()
    expect(readRawSqliteBatches(filename)).toMatchObject([{ id: record.id }])
  })

  it('throws when the file exists but cannot be read, instead of reporting no batches', () => {
    // A directory where the file should be: opening it fails, which is not "nothing stored".
    const filename = tempDatabasePath()
    mkdirSync(filename)
    expect(() => readRawSqliteBatches(filename)).toThrow()
  })
})
