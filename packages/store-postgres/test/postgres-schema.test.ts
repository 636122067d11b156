import { afterEach, beforeEach, expect, it } from 'vitest'
import { createEngine } from '@batchgate/core'
import { postgresStore } from '@batchgate/store-postgres'
import { sampleRecord, sampleRequest } from '@batchgate/testkit'
import { describeWithPostgres } from './helpers/postgres-server.js'
import { createTestSchema, type TestSchema } from './helpers/test-schema.js'

/** Every schema version, in order: each applied exactly once. */
const MIGRATIONS = [
  '0001-create-batch-table',
  '0002-add-lifecycle-indexes',
  '0003-add-application-columns',
  '0004-add-ownership-and-lease',
]
/** The migration lock's keys (see postgres-dialect.ts). */
const LOCK_CLASS = 1_650_942_318

describeWithPostgres('postgresStore schema', () => {
  let schema: TestSchema
  beforeEach(async () => {
    schema = await createTestSchema()
  })
  afterEach(async () => {
    await schema.drop()
  })

  const storeOn = (settings: Parameters<typeof postgresStore>[0] | object = {}) =>
    postgresStore({ connectionString: schema.uri, schema: schema.name, ...settings })

  async function migrationNames(): Promise<string[]> {
    const { rows } = await schema.raw.query<{ name: string }>(
      `select name from "${schema.name}".batchgate_migration order by name`,
    )
    return rows.map((row) => row.name)
  }

  async function batchTableExists(): Promise<boolean> {
    const { rows } = await schema.raw.query(
      "select 1 from pg_tables where schemaname = $1 and tablename = 'batchgate_batch'",
      [schema.name],
    )
    return rows.length === 1
  }

  it('creates the batch table keyed by id, with the listing, recovery and purge indexes', async () => {
    const store = storeOn()
    await store.open()
    await store.close()
    const { rows: indexes } = await schema.raw.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes
        where schemaname = $1 and tablename = 'batchgate_batch' order by indexname`,
      [schema.name],
    )
    const columnsOf = (name: string) =>
      /\((.*)\)$/.exec(indexes.find((i) => i.name === name)?.definition ?? '')?.[1]
    expect(indexes.map((i) => i.name)).toEqual([
      'batchgate_batch_create_time',
      'batchgate_batch_created_by_state',
      'batchgate_batch_end_time',
      'batchgate_batch_owner_create_time',
      'batchgate_batch_owner_instance',
      'batchgate_batch_owner_token',
      'batchgate_batch_pkey',
      'batchgate_batch_queue',
      'batchgate_batch_queued_at',
      'batchgate_batch_state_create_time',
    ])
    expect(columnsOf('batchgate_batch_pkey')).toBe('id')
    expect(indexes.find((i) => i.name === 'batchgate_batch_pkey')?.definition).toMatch(/UNIQUE/)
    expect(columnsOf('batchgate_batch_owner_create_time')).toBe('owner, create_time, id')
    expect(columnsOf('batchgate_batch_state_create_time')).toBe('state, create_time, id')
    expect(columnsOf('batchgate_batch_create_time')).toBe('create_time, id')
    expect(columnsOf('batchgate_batch_created_by_state')).toBe('created_by, state')
    expect(columnsOf('batchgate_batch_end_time')).toBe('end_time')
    const { rows: columns } = await schema.raw.query<{
      name: string
      type: string
      collation: string | null
    }>(
      `select column_name as name, data_type as type, collation_name as collation from information_schema.columns
        where table_schema = $1 and table_name = 'batchgate_batch'`,
      [schema.name],
    )
    const column = (name: string) => columns.find((c) => c.name === name)
    // Free text as bytea: PostgreSQL's text cannot hold U+0000.
    for (const name of ['resource', 'class_name', 'name', 'diagnostic']) {
      expect(column(name)?.type, name).toBe('bytea')
    }
    expect([column('conf')?.type, column('args')?.type]).toEqual(['text', 'text'])
    for (const name of ['owner', 'batch_type', 'created_by']) {
      expect(column(name), name).toMatchObject({ type: 'text', collation: 'C' })
    }
    expect(column('create_time')?.type).toBe('bigint')
    const { rows: checks } = await schema.raw.query<{ name: string }>(
      `select conname as name from pg_constraint
        where conrelid = $1::regclass and contype = 'c'`,
      [schema.table],
    )
    expect(checks.map((c) => c.name)).toEqual(['batchgate_batch_state'])
    await expect(schema.raw.query(`update ${schema.table} set state = 'LOST'`)).resolves.toBeDefined() // no rows yet: the CHECK is tested with one below
    expect(await migrationNames()).toEqual(MIGRATIONS)
  })

  it('refuses a state outside the five by its CHECK constraint', async () => {
    const store = storeOn()
    const record = sampleRecord()
    await store.insertBatch(record)
    await store.close()
    await expect(schema.raw.query(`update ${schema.table} set state = 'LOST'`)).rejects.toMatchObject({
      code: '23514',
      constraint: 'batchgate_batch_state',
    })
  })

  it('creates a missing schema, quoting its name', async () => {
    const odd = `${schema.name} "odd".name`
    const store = postgresStore({ connectionString: schema.uri, schema: odd })
    try {
      const record = sampleRecord()
      await store.insertBatch(record)
      expect(await store.getBatch(record.id)).toEqual(record)
      const { rows } = await schema.raw.query(`select id from "${odd.replaceAll('"', '""')}".batchgate_batch`)
      expect(rows).toEqual([{ id: record.id }])
    } finally {
      await store.close()
      await schema.raw.query(`drop schema if exists "${odd.replaceAll('"', '""')}" cascade`)
    }
  })

  it('migrates once when eight stores open a fresh schema at the same time', async () => {
    await schema.raw.query(`drop schema "${schema.name}"`)
    const stores = Array.from({ length: 8 }, () => storeOn({ max: 2 }))
    await Promise.all(stores.map((store) => store.open()))
    await Promise.all(stores.map((store) => store.insertBatch(sampleRecord())))
    await Promise.all(stores.map((store) => store.close()))
    expect(await schema.batchRows()).toHaveLength(8)
    expect(await migrationNames()).toEqual(MIGRATIONS)
  })

  it('opens and works on a schema a newer release migrated further (a migration it does not know)', async () => {
    const first = storeOn()
    await first.open()
    await first.close()
    await schema.raw.query(
      `insert into "${schema.name}".batchgate_migration (name, timestamp) values ($1, $2)`,
      ['0005-added-by-newer-release', new Date().toISOString()],
    )

    const store = storeOn()
    await store.open()
    const record = sampleRecord()
    await store.insertBatch(record)
    expect(await store.getBatch(record.id)).toEqual(record)
    await store.close()
    expect(await migrationNames()).toEqual([...MIGRATIONS, '0005-added-by-newer-release'])
  })

  it('brings a schema still at 0001 up to date, keeping its rows', async () => {
    const first = storeOn()
    const record = sampleRecord({ state: 'FINISHED', endTime: 5 })
    await first.insertBatch(record)
    await first.close()
    for (const index of ['batchgate_batch_created_by_state', 'batchgate_batch_end_time']) {
      await schema.raw.query(`drop index "${schema.name}".${index}`)
    }
    // Back to the schema of release 0001: 0003's and 0004's columns (with 0004's indexes) and 0004's
    // lease table go too, so that 0002, 0003 and 0004 run again in order.
    await schema.raw.query(
      `alter table ${schema.table} drop column app_id, drop column app_url, drop column app_state, drop column app_diagnostic, drop column app_start_time`,
    )
    await schema.raw.query(
      `alter table ${schema.table} drop column owner_instance, drop column owner_token, drop column priority, drop column queued_at`,
    )
    await schema.raw.query(`drop table "${schema.name}".batchgate_instance_lease`)
    await schema.raw.query(
      `delete from "${schema.name}".batchgate_migration where name <> '0001-create-batch-table'`,
    )

    const store = storeOn()
    expect(await store.listBatches({ createdBy: record.createdBy, limit: 10 })).toEqual([record])
    await store.close()
    expect(await migrationNames()).toEqual(MIGRATIONS)
  })

  it('waits for the migration lock, gives up after migrationLockTimeoutMs, and never migrates without it', async () => {
    const key = `hashtext('batchgate_migration:' || $1)`
    await schema.raw.query(`select pg_advisory_lock(${LOCK_CLASS}, ${key})`, [schema.name])
    const waiting = storeOn({ migrationLockTimeoutMs: 500 })
    const started = Date.now()
    const error = await waiting.open().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect((error as Error).message).toMatch(/migration lock/)
    expect(Date.now() - started).toBeGreaterThanOrEqual(500)
    expect(await batchTableExists()).toBe(false)
    await waiting.close()

    const patient = storeOn({ migrationLockTimeoutMs: 10_000 })
    const opened = patient.open()
    setTimeout(
      () => void schema.raw.query(`select pg_advisory_unlock(${LOCK_CLASS}, ${key})`, [schema.name]),
      300,
    )
    await opened
    await patient.insertBatch(sampleRecord())
    await patient.close()
    expect(await schema.batchRows()).toHaveLength(1)
  })

  it('a lock held on another schema does not hold this one up', async () => {
    await schema.raw.query(`select pg_advisory_lock(${LOCK_CLASS}, hashtext('batchgate_migration:' || $1))`, [
      'some_other_schema',
    ])
    const store = storeOn({ migrationLockTimeoutMs: 500 })
    await store.open()
    await store.close()
    expect(await batchTableExists()).toBe(true)
  })

  it('round-trips NUL characters in free text, and refuses them in a user with INVALID_REQUEST', async () => {
    const store = storeOn()
    const engine = await createEngine({ store })
    const request = sampleRequest(undefined, {
      name: 'a\u0000b',
      className: '\u0000',
      resource: 'x\u0000.jar',
    })
    const batch = await engine.batches.submit(request, { user: 'alice' })
    expect(await engine.batches.get(batch.id, { user: 'alice' })).toMatchObject({
      name: 'a\u0000b',
      className: '\u0000',
      resource: 'x\u0000.jar',
    })
    const [stored] = await schema.batchRows()
    expect(stored?.resource).toEqual(Buffer.from('x\u0000.jar'))
    const error = await engine.batches
      .submit(sampleRequest(), { user: 'al\u0000ice' })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'INVALID_REQUEST' })
    expect((error as Error).message).toMatch(/owner holds a NUL/)
    expect(await schema.batchRows()).toHaveLength(1)
    // A filter no stored text can match lists nothing, rather than failing on the server.
    expect(await store.listBatches({ owner: 'al\u0000ice', limit: 10 })).toEqual([])
    expect(await store.listBatches({ createdBy: '\u0000', batchType: 'SPARK', limit: 10 })).toEqual([])
    await engine.close()
  })
})
