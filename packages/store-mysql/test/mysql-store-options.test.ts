import { Container } from 'inversify'
import { ErrorCode } from '@batchgate/core'
import { BATCH_SERVICE, coreModule, METADATA_STORE, openEngine } from '@batchgate/core/di'
import {
  MysqlMetadataStore,
  mysqlStore,
  mysqlStoreModule,
  type MysqlStoreOptions,
} from '@batchgate/store-mysql'
import { readRawMysqlBatches } from '@batchgate/store-mysql/testing'
import { sampleRequest } from '@batchgate/testkit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describeWithMysql } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

describe('mysqlStore options', () => {
  it.each<[string, unknown]>([
    ['no options', undefined],
    ['a uri that is not a URL', { uri: 'root@localhost/test' }],
    ['a uri of another scheme', { uri: 'postgres://root@localhost/test' }],
    ['a uri without a database', { uri: 'mysql://root@localhost:3306' }],
    ['a uri and connection fields', { uri: 'mysql://root@localhost/test', host: 'other' }],
    ['fields without a database', { host: 'localhost', user: 'root' }],
    ['a port out of range', { database: 'test', port: 70_000 }],
    ['a pool of no connections', { uri: 'mysql://root@localhost/test', connectionLimit: 0 }],
    ['a negative retry budget', { uri: 'mysql://root@localhost/test', retryForMs: -1 }],
    ['a fractional timeout', { uri: 'mysql://root@localhost/test', connectTimeoutMs: 1.5 }],
    ['a zero lock-wait timeout', { uri: 'mysql://root@localhost/test', lockWaitTimeoutSeconds: 0 }],
  ])('rejects %s with INVALID_OPTIONS, before connecting', (_case, options) => {
    const invalidOptions = expect.objectContaining({ code: ErrorCode.INVALID_OPTIONS })
    expect(() => mysqlStore(options as MysqlStoreOptions)).toThrow(invalidOptions)
    expect(() => mysqlStoreModule(options as MysqlStoreOptions)).toThrow(invalidOptions)
  })

  it('never repeats the password, in messages or in its target', () => {
    const error = (() => {
      try {
        mysqlStore({ uri: 'mysql://root:s3cret@db.internal:3307/x/y' })
      } catch (e) {
        return e as Error
      }
      return undefined
    })()
    expect(error?.message).not.toContain('s3cret')
    expect(mysqlStore({ uri: 'mysql://root:s3cret@db.internal:3307/batchgate' }).target).toBe(
      'db.internal:3307/batchgate',
    )
    expect(mysqlStore({ host: 'db', database: 'gw', password: 's3cret' }).target).toBe('db:3306/gw')
  })
})

describeWithMysql('mysqlStoreModule in a host container', () => {
  let database: TestDatabase
  beforeEach(async () => {
    database = await createTestDatabase()
  })
  afterEach(async () => {
    await database.drop()
  })

  it('binds a MySQL store to METADATA_STORE and gives a working engine', async () => {
    const container = new Container()
    container.load(coreModule({ instanceId: 'host-container' }), mysqlStoreModule({ uri: database.uri }))
    const engine = await openEngine(container)
    expect(container.get(METADATA_STORE)).toBeInstanceOf(MysqlMetadataStore)
    expect(container.get(BATCH_SERVICE)).toBe(engine.batches)
    const batch = await engine.batches.submit(sampleRequest(), { user: 'alice' })
    expect(await readRawMysqlBatches(database.uri)).toMatchObject([
      { id: batch.id, createTime: batch.createTime, createdBy: 'host-container' },
    ])
    await engine.close()
  })
})
