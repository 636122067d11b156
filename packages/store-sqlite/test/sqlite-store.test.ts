import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DuplicateKeyError } from '@batchgate/core'
import { sampleRecord } from '@batchgate/testkit'
import { isSqliteBusy, isSqliteDuplicateKey, sqliteErrorCode, sqliteStore } from '@batchgate/store-sqlite'
import { readRawSqliteBatches as readRawBatches } from '@batchgate/store-sqlite/testing'
import { tempDatabasePath } from './helpers/temp-database.js'

function withRawDatabase<T>(filename: string, use: (database: Database.Database) => T): T {
  const database = new Database(filename)
  try {
    return use(database)
  } finally {
    database.close()
  }
}

describe('sqliteStore schema', () => {
  it('creates the batch table with a unique id and its indexes (owner, state, creator, times), in WAL mode', async () => {
    const filename = tempDatabasePath()
    const store = sqliteStore({ filename })
    await store.open()
    await store.close()
    withRawDatabase(filename, (database) => {
      expect(database.pragma('journal_mode', { simple: true })).toBe('wal')
      const indexes = database.prepare("select name, sql from sqlite_master where type = 'index'").all() as {
        name: string
        sql: string | null
      }[]
      const names = indexes.map((index) => index.name)
      expect(names).toContain('batchgate_batch_owner_create_time')
      expect(names).toContain('batchgate_batch_create_time')
      expect(names).toContain('batchgate_batch_state_create_time')
      expect(names).toContain('batchgate_batch_created_by_state')
      expect(names).toContain('batchgate_batch_end_time')
      const primaryKey = database
        .prepare("select * from pragma_table_info('batchgate_batch') where pk = 1")
        .all()
      expect(primaryKey).toMatchObject([{ name: 'id' }])
      const migrations = database.prepare('select name from batchgate_migration').all()
      expect(migrations).toEqual([
        { name: '0001-create-batch-table' },
        { name: '0002-add-lifecycle-indexes' },
      ])
    })
  })
})

describe('sqliteStore duplicate keys', () => {
  it('builds DuplicateKeyError from the driver code SQLITE_CONSTRAINT_PRIMARYKEY, kept as cause', async () => {
    const store = sqliteStore({ filename: tempDatabasePath() })
    const first = sampleRecord()
    await store.insertBatch(first)
    const error = await store.insertBatch(sampleRecord({ id: first.id })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DuplicateKeyError)
    expect(error).toMatchObject({ entity: 'batch', key: first.id })
    expect(sqliteErrorCode(error)).toBe('SQLITE_CONSTRAINT_PRIMARYKEY')
    await store.close()
  })
})

describe('sqlite error classification', () => {
  const sqliteError = (code: string): Error => Object.assign(new Error('boom'), { code })

  it('classifies by driver code, following cause chains', () => {
    expect(isSqliteDuplicateKey(sqliteError('SQLITE_CONSTRAINT_PRIMARYKEY'))).toBe(true)
    expect(isSqliteDuplicateKey(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBe(true)
    const wrapped = new Error('query failed', {
      cause: new Error('retry', { cause: sqliteError('SQLITE_CONSTRAINT_UNIQUE') }),
    })
    expect(isSqliteDuplicateKey(wrapped)).toBe(true)
    expect(isSqliteBusy(new Error('x', { cause: sqliteError('SQLITE_BUSY_SNAPSHOT') }))).toBe(true)
    expect(isSqliteBusy(sqliteError('SQLITE_LOCKED'))).toBe(true)
  })

  it('never by message text, and not for other constraints', () => {
    expect(isSqliteDuplicateKey(new Error('UNIQUE constraint failed: batchgate_batch.id'))).toBe(false)
    expect(isSqliteDuplicateKey(sqliteError('SQLITE_CONSTRAINT_NOTNULL'))).toBe(false)
    expect(isSqliteDuplicateKey(sqliteError('SQLITE_CONSTRAINT_CHECK'))).toBe(false)
    expect(isSqliteBusy(new Error('database is locked'))).toBe(false)
    expect(isSqliteDuplicateKey(undefined)).toBe(false)
  })
})

describe('sqliteStore under contention and faults', () => {
  it('waits out another connection holding the write lock instead of failing', async () => {
    const filename = tempDatabasePath()
    const store = sqliteStore({ filename, busyTimeoutMs: 20 })
    await store.open()
    const holder = new Database(filename)
    holder.exec('begin immediate')
    setTimeout(() => {
      holder.exec('commit')
      holder.close()
    }, 300)
    const batch = sampleRecord()
    await store.insertBatch(batch)
    expect(readRawBatches(filename).map((row) => row.id)).toEqual([batch.id])
    await store.close()
  })

  it('gives up with METASTORE_UNAVAILABLE (cause SQLITE_BUSY) when the lock outlives busyRetryMs, writing nothing', async () => {
    const filename = tempDatabasePath()
    const store = sqliteStore({ filename, busyTimeoutMs: 10, busyRetryMs: 150 })
    await store.open()
    const holder = new Database(filename)
    holder.exec('begin immediate')
    const error = await store.insertBatch(sampleRecord()).catch((e: unknown) => e)
    holder.exec('rollback')
    holder.close()
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect(sqliteErrorCode(error)).toMatch(/^SQLITE_BUSY/)
    expect(readRawBatches(filename)).toHaveLength(0)
    await store.close()
  })

  it('reports an unreachable file as METASTORE_UNAVAILABLE with the cause', async () => {
    const store = sqliteStore({ filename: '/nonexistent-dir/for/batchgate.db' })
    const error = await store.open().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect((error as Error).message).toContain('/nonexistent-dir/for/batchgate.db')
    expect((error as Error).cause).toBeInstanceOf(Error)
    await store.close()
  })

  it('is closed for good after close(), which is idempotent', async () => {
    const store = sqliteStore({ filename: tempDatabasePath() })
    await store.open()
    await store.close()
    await store.close()
    await expect(store.getBatch(randomUUID())).rejects.toMatchObject({ code: 'CLOSED' })
  })
})
