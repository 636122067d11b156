import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { DuplicateKeyError } from '@batchgate/core/store'
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
      for (const index of ['queue', 'queued_at', 'owner_token', 'owner_instance'])
        expect(names).toContain(`batchgate_batch_${index}`)
      expect(database.prepare('select token from batchgate_instance_lease').all()).toEqual([])
      const primaryKey = database
        .prepare("select * from pragma_table_info('batchgate_batch') where pk = 1")
        .all()
      expect(primaryKey).toMatchObject([{ name: 'id' }])
      const migrations = database.prepare('select name from batchgate_migration').all()
      expect(migrations).toEqual([
        { name: '0001-create-batch-table' },
        { name: '0002-add-lifecycle-indexes' },
        { name: '0003-add-application-columns' },
        { name: '0004-add-ownership-and-lease' },
      ])
    })
  })
})

describe('sqliteStore rolling upgrades', () => {
  it('opens and works on a file a newer release migrated further (a migration it does not know)', async () => {
    const filename = tempDatabasePath()
    const first = sqliteStore({ filename })
    await first.open()
    await first.close()
    withRawDatabase(filename, (database) => {
      database
        .prepare('insert into batchgate_migration (name, timestamp) values (?, ?)')
        .run('0005-added-by-newer-release', new Date().toISOString())
    })

    const store = sqliteStore({ filename })
    await store.open()
    const record = sampleRecord()
    await store.insertBatch(record)
    expect(await store.getBatch(record.id)).toEqual(record)
    await store.close()
    withRawDatabase(filename, (database) => {
      expect(database.prepare('select name from batchgate_migration order by name').all()).toEqual([
        { name: '0001-create-batch-table' },
        { name: '0002-add-lifecycle-indexes' },
        { name: '0003-add-application-columns' },
        { name: '0004-add-ownership-and-lease' },
        { name: '0005-added-by-newer-release' },
      ])
    })
  })

  it('opens a migrated file while another connection holds the write lock, without waiting for the lock', async () => {
    const filename = tempDatabasePath()
    const first = sqliteStore({ filename })
    await first.open()
    await first.close()
    const holder = new Database(filename)
    holder.exec('begin immediate')
    try {
      // Waiting for the lock would block the event loop (better-sqlite3 waits synchronously).
      const store = sqliteStore({ filename, busyTimeoutMs: 2_000, busyRetryMs: 0 })
      const started = performance.now()
      await store.open()
      expect(await store.getBatch(randomUUID())).toBeUndefined()
      expect(performance.now() - started).toBeLessThan(1_000)
      await store.close()
    } finally {
      holder.exec('rollback')
      holder.close()
    }
  })

  it('still applies a migration it knows that the file lacks', async () => {
    const filename = tempDatabasePath()
    const first = sqliteStore({ filename })
    await first.open()
    await first.close()
    withRawDatabase(filename, (database) => {
      for (const index of ['queue', 'queued_at', 'owner_token', 'owner_instance'])
        database.exec(`drop index batchgate_batch_${index}`)
      database.exec('drop table batchgate_instance_lease')
      for (const column of ['owner_instance', 'owner_token', 'priority', 'queued_at'])
        database.exec(`alter table batchgate_batch drop column ${column}`)
      for (const index of ['state_create_time', 'created_by_state', 'end_time'])
        database.exec(`drop index batchgate_batch_${index}`)
      // Back to the file of release 0001: 0003's and 0004's columns go too, so that 0002 to 0004 run again in order.
      for (const column of ['app_id', 'app_url', 'app_state', 'app_diagnostic', 'app_start_time'])
        database.exec(`alter table batchgate_batch drop column ${column}`)
      database.prepare("delete from batchgate_migration where name <> '0001-create-batch-table'").run()
    })

    const store = sqliteStore({ filename })
    await store.open()
    await store.close()
    withRawDatabase(filename, (database) => {
      const names = database.prepare("select name from sqlite_master where type = 'index'").all()
      expect(names).toContainEqual({ name: 'batchgate_batch_end_time' })
      expect(names).toContainEqual({ name: 'batchgate_batch_queue' })
      expect(database.prepare('select name from batchgate_migration order by name').all()).toEqual([
        { name: '0001-create-batch-table' },
        { name: '0002-add-lifecycle-indexes' },
        { name: '0003-add-application-columns' },
        { name: '0004-add-ownership-and-lease' },
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
