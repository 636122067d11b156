import type { RowDataPacket } from 'mysql2/promise'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createEngine } from '@batchgate/core'
import { mysqlStore } from '@batchgate/store-mysql'
import { sampleRecord, sampleRequest } from '@batchgate/testkit'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

/** The lock name the store's migrations take (see mysql-dialect.ts). */
const MIGRATION_LOCK = "concat('batchgate_migration:', sha1(database()))"
/** Every schema version, in order: each applied exactly once. */
const MIGRATIONS = [
  '0001-create-batch-table',
  '0002-add-lifecycle-indexes',
  '0003-add-application-columns',
  '0004-add-ownership-and-lease',
]

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

  /** The batch table's indexes, one row per key part, in order. */
  function indexesOf() {
    return query<
      RowDataPacket & { name: string; nonUnique: number; columnName: string; subPart: number | null }
    >(
      `select index_name as name, non_unique as nonUnique, column_name as columnName, sub_part as subPart
        from information_schema.statistics
        where table_schema = ? and table_name = 'batchgate_batch' order by index_name, seq_in_index`,
      [database.name],
    )
  }

  async function migrationNames(): Promise<string[]> {
    const rows = await query<RowDataPacket & { name: string }>(
      'select name from batchgate_migration order by name',
    )
    return rows.map((row) => row.name)
  }

  it('creates an InnoDB utf8mb4 batch table keyed by id, with the listing, recovery and purge indexes', async () => {
    const store = mysqlStore({ uri: database.uri })
    await store.open()
    await store.close()
    const [table] = await query(
      'select engine as engine, table_collation as collation from information_schema.tables where table_schema = ? and table_name = ?',
      [database.name, 'batchgate_batch'],
    )
    expect(table).toMatchObject({ engine: 'InnoDB', collation: 'utf8mb4_bin' })
    const indexes = await indexesOf()
    const columnsOf = (name: string) => indexes.filter((i) => i.name === name).map((i) => i.columnName)
    expect(columnsOf('PRIMARY')).toEqual(['id'])
    expect(indexes.find((i) => i.name === 'PRIMARY')?.nonUnique).toBe(0)
    expect(columnsOf('batchgate_batch_owner_create_time')).toEqual(['owner', 'create_time'])
    expect(columnsOf('batchgate_batch_state_create_time')).toEqual(['state', 'create_time'])
    expect(columnsOf('batchgate_batch_create_time')).toEqual(['create_time'])
    // 0002: recovery (an instance's unfinished batches; created_by is mediumtext, so a prefix) and purge.
    expect(indexes.filter((i) => i.name === 'batchgate_batch_created_by_state')).toMatchObject([
      { columnName: 'created_by', subPart: 191 },
      { columnName: 'state', subPart: null },
    ])
    expect(columnsOf('batchgate_batch_end_time')).toEqual(['end_time'])
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
    expect(await migrationNames()).toEqual(MIGRATIONS)
  })

  it('migrates once when eight stores open a fresh database at the same time', async () => {
    const stores = Array.from({ length: 8 }, () => mysqlStore({ uri: database.uri, connectionLimit: 2 }))
    await Promise.all(stores.map((store) => store.open()))
    await Promise.all(stores.map((store) => store.insertBatch(sampleRecord())))
    await Promise.all(stores.map((store) => store.close()))
    expect(await database.batchRows()).toHaveLength(8)
    expect(await migrationNames()).toEqual(MIGRATIONS)
  })

  it('completes a migration that stopped after its DDL but before it was recorded', async () => {
    // MySQL commits DDL at once: a crash between the create and the bookkeeping leaves this state.
    const first = mysqlStore({ uri: database.uri })
    await first.open()
    await first.close()
    await database.raw.query('delete from batchgate_migration')

    const store = mysqlStore({ uri: database.uri })
    await store.open()
    const record = sampleRecord()
    await store.insertBatch(record)
    expect(await store.getBatch(record.id)).toEqual(record)
    await store.close()
    expect(await migrationNames()).toEqual(MIGRATIONS)
  })

  it.each([
    ['a database still at 0001', ['batchgate_batch_created_by_state', 'batchgate_batch_end_time']],
    ['0002 stopped after its first index (MySQL commits each DDL statement)', ['batchgate_batch_end_time']],
  ])('brings %s up to date, keeping its rows', async (_state, missing) => {
    const first = mysqlStore({ uri: database.uri })
    await first.open()
    const record = sampleRecord({ state: 'FINISHED', endTime: 5 })
    await first.insertBatch(record)
    await first.close()
    for (const index of missing) await database.raw.query(`drop index ${index} on batchgate_batch`)
    // 0003 is forgotten too (its columns stay: run again, it finds them, errno 1060, and counts as done).
    await database.raw.query("delete from batchgate_migration where name <> '0001-create-batch-table'")

    const store = mysqlStore({ uri: database.uri })
    await store.open()
    expect(await store.listBatches({ createdBy: record.createdBy, limit: 10 })).toEqual([record])
    await store.close()
    const names = new Set((await indexesOf()).map((i) => i.name))
    expect(names).toContain('batchgate_batch_created_by_state')
    expect(names).toContain('batchgate_batch_end_time')
    expect(await migrationNames()).toEqual(MIGRATIONS)
  })

  it('opens and works on a database a newer release migrated further (a migration it does not know)', async () => {
    const first = mysqlStore({ uri: database.uri })
    await first.open()
    await first.close()
    await database.raw.query('insert into batchgate_migration (name, timestamp) values (?, ?)', [
      '0005-added-by-newer-release',
      new Date().toISOString(),
    ])

    const store = mysqlStore({ uri: database.uri })
    await store.open()
    const record = sampleRecord()
    await store.insertBatch(record)
    expect(await store.getBatch(record.id)).toEqual(record)
    await store.close()
    expect(await migrationNames()).toEqual([...MIGRATIONS, '0005-added-by-newer-release'])
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
    await patient.insertBatch(sampleRecord())
    await patient.close()
    expect(await database.batchRows()).toHaveLength(1)
  })

  it('holds a request as large as the default limits allow (1 MiB of text, four-byte characters)', async () => {
    const engine = await createEngine({ store: mysqlStore({ uri: database.uri }) })
    const request = sampleRequest()
    // 998 more entries of about 1 KiB (a quarter of it four-byte characters) and 1000 args: just under 1 MiB.
    const conf: Record<string, string> = { ...request.conf }
    for (let i = 0; i < 998; i++) conf[`spark.x.${i}`] = '🙂'.repeat(64) + 'v'.repeat(760)
    const args = Array.from({ length: 1000 }, (_, i) => `--arg-${i}`)
    const batch = await engine.batches.submit({ ...request, conf, args }, { user: 'alice' })
    const [stored] = await database.batchRows()
    expect(JSON.parse(stored?.conf ?? '{}')).toEqual(conf)
    expect(JSON.parse(stored?.args ?? '[]')).toEqual(args)
    expect(await engine.batches.get(batch.id, { user: 'alice' })).toMatchObject({ conf, args })
    await engine.close()
  })

  it('refuses a user longer than its owner column with INVALID_REQUEST, storing nothing', async () => {
    const engine = await createEngine({ store: mysqlStore({ uri: database.uri }) })
    const request = sampleRequest()
    const error = await engine.batches.submit(request, { user: 'u'.repeat(256) }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INVALID_REQUEST' })
    expect((error as Error).message).toContain('255')
    // 255 characters, each outside the BMP: counted as MySQL counts them.
    const longest = await engine.batches.submit(sampleRequest(), { user: '🙂'.repeat(255) })
    expect(await database.batchRows()).toMatchObject([{ id: longest.id, owner: '🙂'.repeat(255) }])
    await engine.close()
  })
})
