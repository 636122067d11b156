import { Container } from 'inversify'
import { ErrorCode } from '@batchgate/core'
import { BATCH_SERVICE, coreModule, METADATA_STORE, openEngine } from '@batchgate/core/di'
import {
  PostgresMetadataStore,
  postgresSqlState,
  postgresStore,
  postgresStoreModule,
  type PostgresStoreOptions,
} from '@batchgate/store-postgres'
import { readRawPostgresBatches } from '@batchgate/store-postgres/testing'
import { sampleRecord, sampleRequest } from '@batchgate/testkit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeWithPostgres } from './helpers/postgres-server.js'
import { createTestSchema, type TestSchema } from './helpers/test-schema.js'

const URI = 'postgres://postgres@localhost/test'

describe('postgresStore options', () => {
  it.each<[string, unknown]>([
    ['no options', undefined],
    ['a connection string that is not a URL', { connectionString: 'postgres@localhost/test' }],
    ['a connection string of another scheme', { connectionString: 'mysql://root@localhost/test' }],
    ['a connection string without a database', { connectionString: 'postgres://root@localhost:5432' }],
    ['a connection string and connection fields', { connectionString: URI, host: 'other' }],
    ['fields without a database', { host: 'localhost', user: 'postgres' }],
    ['a port out of range', { database: 'test', port: 70_000 }],
    ['a pool of no connections', { connectionString: URI, max: 0 }],
    ['a negative retry budget', { connectionString: URI, retryForMs: -1 }],
    ['a fractional timeout', { connectionString: URI, connectTimeoutMs: 1.5 }],
    ['a zero statement timeout', { connectionString: URI, statementTimeoutMs: 0 }],
    ['a statement timeout beyond int4', { connectionString: URI, statementTimeoutMs: 2 ** 31 }],
    ['a negative migration lock timeout', { connectionString: URI, migrationLockTimeoutMs: -1 }],
    ['an empty schema', { connectionString: URI, schema: '' }],
    ['a schema of 64 bytes', { connectionString: URI, schema: 'x'.repeat(64) }],
    ['a schema the server reserves', { connectionString: URI, schema: 'pg_catalog' }],
    ['a schema with NUL', { connectionString: URI, schema: 'a\u0000b' }],
    ['a schema that is not a string', { connectionString: URI, schema: 7 }],
  ])('rejects %s with INVALID_OPTIONS, before connecting', (_case, options) => {
    const invalidOptions = expect.objectContaining({ code: ErrorCode.INVALID_OPTIONS })
    expect(() => postgresStore(options as PostgresStoreOptions)).toThrow(invalidOptions)
    expect(() => postgresStoreModule(options as PostgresStoreOptions)).toThrow(invalidOptions)
  })

  it('never repeats the password, in messages or in its target', () => {
    const error = (() => {
      try {
        postgresStore({ connectionString: 'postgres://gw:s3cret@db.internal:5433/x/y' })
      } catch (e) {
        return e as Error
      }
      return undefined
    })()
    expect(error?.message).not.toContain('s3cret')
    expect(
      postgresStore({ connectionString: 'postgres://gw:s3cret@db.internal:5433/batchgate' }).target,
    ).toBe('db.internal:5433/batchgate')
    expect(postgresStore({ host: 'db', database: 'gw', password: 's3cret', schema: 'bg' }).target).toBe(
      'db:5432/gw (schema bg)',
    )
  })
})

describe('postgresStore dbSystem', () => {
  it("is 'postgresql' (OpenTelemetry's db.system.name), before it connects too", () => {
    expect(postgresStore({ connectionString: URI }).dbSystem).toBe('postgresql')
  })
})

describeWithPostgres('postgresStore on a server', () => {
  let schema: TestSchema
  beforeEach(async () => {
    schema = await createTestSchema()
  })
  afterEach(async () => {
    await schema.drop()
  })

  it('postgresStoreModule binds a PostgreSQL store to METADATA_STORE and gives a working engine', async () => {
    const container = new Container()
    container.load(
      coreModule({ instanceId: 'host-container' }),
      postgresStoreModule({ connectionString: schema.uri, schema: schema.name }),
    )
    const engine = await openEngine(container)
    expect(container.get(METADATA_STORE)).toBeInstanceOf(PostgresMetadataStore)
    expect(container.get(BATCH_SERVICE)).toBe(engine.batches)
    const batch = await engine.batches.submit(sampleRequest(), { user: 'alice' })
    expect(await readRawPostgresBatches(schema.uri, schema.name)).toMatchObject([
      { id: batch.id, createTime: batch.createTime, createdBy: 'host-container' },
    ])
    await engine.close()
  })

  it('options given as undefined keep their defaults: the store connects by fields and round-trips a batch', async () => {
    const url = new URL(schema.uri)
    const optional = (value: string): string | undefined =>
      value === '' ? undefined : decodeURIComponent(value)
    const store = postgresStore({
      host: url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      user: optional(url.username),
      password: optional(url.password),
      database: decodeURIComponent(url.pathname.slice(1)),
      ssl: undefined,
      max: undefined,
      idleTimeoutMs: undefined,
      connectTimeoutMs: undefined,
      retryForMs: undefined,
      statementTimeoutMs: undefined,
      migrationLockTimeoutMs: undefined,
      applicationName: undefined,
      schema: schema.name,
    })
    try {
      const record = sampleRecord()
      await store.insertBatch(record)
      expect(await store.getBatch(record.id)).toEqual(record)
    } finally {
      await store.close()
    }
  })

  it('sets the sessions’ application_name, and statement_timeout bounds a statement that waits for a lock', async () => {
    const applicationName = `bg-options-${schema.name}`
    const store = postgresStore({
      connectionString: schema.uri,
      schema: schema.name,
      statementTimeoutMs: 300,
      retryForMs: 5_000,
      applicationName,
    })
    try {
      const record = sampleRecord()
      await store.insertBatch(record)
      const { rows } = await schema.raw.query<{ count: string }>(
        'select count(*) from pg_stat_activity where application_name = $1',
        [applicationName],
      )
      expect(Number(rows[0]?.count)).toBeGreaterThan(0)
      await schema.raw.query('begin')
      await schema.raw.query(`select * from ${schema.table} where id = $1 for update`, [record.id])
      const error = await store
        .updateBatchState(record.id, { from: 'PENDING', to: 'RUNNING' })
        .catch((e: unknown) => e)
      await schema.raw.query('rollback')
      // 57014 (query_canceled) is the operator's bound: reported, not retried for retryForMs.
      expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
      expect(postgresSqlState(error)).toBe('57014')
      expect(await schema.batchRows()).toMatchObject([{ state: 'PENDING' }])
    } finally {
      await store.close()
    }
  })
})
