import { mysqlStore } from '@batchgate/store-mysql'
import { sampleRecord } from '@batchgate/testkit'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

// The workspace compiles with exactOptionalPropertyTypes, as strict hosts do: this file only type-checks
// when mysqlStore's optional settings accept `undefined`, which is what a host passes on from its own
// optional configuration (an unset env var, a missing config key).
describeWithMysql('mysqlStore options given as undefined', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    await database.drop()
  })

  it('keep their defaults: the store connects by fields and round-trips a batch', async () => {
    const url = new URL(database.uri)
    const optional = (value: string): string | undefined =>
      value === '' ? undefined : decodeURIComponent(value)
    const store = mysqlStore({
      host: url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      socketPath: undefined,
      user: optional(url.username),
      password: optional(url.password),
      database: database.name,
      ssl: undefined,
      connectionLimit: undefined,
      maxIdle: undefined,
      idleTimeoutMs: undefined,
      connectTimeoutMs: undefined,
      retryForMs: undefined,
      lockWaitTimeoutSeconds: undefined,
      migrationLockTimeoutSeconds: undefined,
    })
    try {
      await store.open()
      const record = sampleRecord()
      await store.insertBatch(record)
      expect(await store.getBatch(record.id)).toEqual(record)
    } finally {
      await store.close()
    }
  })
})
