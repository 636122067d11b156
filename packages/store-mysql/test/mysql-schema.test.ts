import type { RowDataPacket } from 'mysql2/promise'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { mysqlStore } from '@batchgate/store-mysql'
import { batchRecord } from './helpers/batch-records.js'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

/** The lock name the store's migrations take (see mysql-dialect.ts). */
const MIGRATION_LOCK = "concat('batchgate_migration:', sha1(database()))"

describeWithMysql('mysqlStore schema', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    await database.drop()
  })

  async function query<T extends RowDataPacket>(statement: string, values: unknown[] = []): Promise<T[]> {
    const [rows] = await database.raw.query<T[]>(statement, values)
    return rows
  }

  it('creates an InnoDB utf8mb4 batch table keyed by id, with owner, state and create-time indexes', async () => {
    const store = mysqlStore({ uri: database.uri })
    await store.open()
    await store.close()
    const [table] = await query(
      'select engine as engine, table_collation as collation from information_schema.tables where table_schema = ? and table_name = ?',
      [database.name, 'batchgate_batch'],
    )
    expect(table).toMatchObject({ engine: 'InnoDB', collation: 'utf8mb4_bin' })
    const indexes = await query<RowDataPacket & { name: string; nonUnique: number; columnName: string }>(
      `select index_name as name, non_unique as nonUnique, column_name as columnName from information_schema.statistics
        where table_schema = ? and table_name = 'batchgate_batch' order by index_name, seq_in_index`,
      [database.name],
    )
    const columnsOf = (name: string) => indexes.filter((i) => i.name === name).map((i) => i.columnName)
    expect(columnsOf('PRIMARY')).toEqual(['id'])
    expect(indexes.find((i) => i.name === 'PRIMARY')?.nonUnique).toBe(0)
    expect(columnsOf('batchgate_batch_owner_create_time')).toEqual(['owner', 'create_time'])
    expect(columnsOf('batchgate_batch_state_create_time')).toEqual(['state', 'create_time'])
    expect(columnsOf('batchgate_batch_create_time')).toEqual(['create_time'])
    const columns = await query<RowDataPacket & { name: string; type: string }>(
      `select column_name as name, data_type as type from information_schema.columns
        where table_schema = ? and table_name = 'batchgate_batch'`,
      [database.name],
    )
    const typeOf = (name: string) => columns.find((c) => c.name === name)?.type
    expect([typeOf('conf'), typeOf('args'), typeOf('resource'), typeOf('diagnostic')]).toEqual(
      Array(4).fill('mediumtext'),
    )
    expect(typeOf('create_time')).toBe('bigint')
    expect(await query('select name from batchgate_migration')).toEqual([{ name: '0001-create-batch-table' }])
  })

  it('migrates once when eight stores open a fresh database at the same time', async () => {
    const stores = Array.from({ length: 8 }, () => mysqlStore({ uri: database.uri, connectionLimit: 2 }))
    await Promise.all(stores.map((store) => store.open()))
    await Promise.all(stores.map((store) => store.insertBatch(batchRecord())))
    await Promise.all(stores.map((store) => store.close()))
    expect(await database.batchRows()).toHaveLength(8)
    expect(await query('select count(*) as n from batchgate_migration')).toEqual([{ n: 1 }])
  })

  it('completes a migration that stopped after its DDL but before it was recorded', async () => {
    // MySQL commits DDL at once: a crash between the create and the bookkeeping leaves this state.
    const first = mysqlStore({ uri: database.uri })
    await first.open()
    await first.close()
    await database.raw.query('delete from batchgate_migration')

    const store = mysqlStore({ uri: database.uri })
    await store.open()
    const record = batchRecord()
    await store.insertBatch(record)
    expect(await store.getBatch(record.id)).toEqual(record)
    await store.close()
    expect(await query('select name from batchgate_migration')).toEqual([{ name: '0001-create-batch-table' }])
  })

  it('waits for the migration lock, and never migrates without it', async () => {
    await database.raw.query(`select get_lock(${MIGRATION_LOCK}, 0)`)
    const waiting = mysqlStore({ uri: database.uri, migrationLockTimeoutSeconds: 1 })
    const error = await waiting.open().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect((error as Error).message).toMatch(/migration lock/)
    const tables = await query(
      "select table_name from information_schema.tables where table_schema = ? and table_name = 'batchgate_batch'",
      [database.name],
    )
    expect(tables).toEqual([])
    await waiting.close()

    const patient = mysqlStore({ uri: database.uri, migrationLockTimeoutSeconds: 10 })
    const opened = patient.open()
    setTimeout(() => void database.raw.query(`select release_lock(${MIGRATION_LOCK})`), 300)
    await opened
    await patient.insertBatch(batchRecord())
    await patient.close()
    expect(await database.batchRows()).toHaveLength(1)
  })
})
