import { randomUUID } from 'node:crypto'
import { BatchState, createEngine, isDuplicatedSubmission, type Engine } from '@batchgate/core'
import { mysqlErrno, mysqlErrorCode, mysqlStore } from '@batchgate/store-mysql'
import { RecordingLauncher, sampleRecord, sampleRequest, waitUntil } from '@batchgate/testkit'
import type { RowDataPacket } from 'mysql2/promise'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { MysqlFaultProxy, type CutAction } from './helpers/mysql-fault-proxy.js'
import { describeWithMysql, MYSQL_URI } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

const INSERT_BATCH = 'insert into `batchgate_batch`'
const UPDATE_BATCH = 'update `batchgate_batch`'
const DELETE_BATCH = 'delete from `batchgate_batch`'

describeWithMysql('mysqlStore under real faults', () => {
  let database: TestDatabase
  let proxy: MysqlFaultProxy
  const engines: Engine[] = []
  beforeEach(async () => {
    database = await createTestDatabase()
    const server = new URL(MYSQL_URI)
    proxy = await MysqlFaultProxy.start(server.hostname, Number(server.port || 3306))
  })
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()))
    await proxy.close()
    await database.drop()
  })

  const killConnection: CutAction = async (threadId) => {
    await database.raw.query('kill connection ?', [threadId])
  }

  it.each<[string, CutAction]>([
    ['the network drops', 'reset'],
    ['another session runs KILL CONNECTION', killConnection],
  ])(
    'an insert that committed but whose OK was lost (%s) ends as the caller’s own batch, launched once',
    async (_fault, action) => {
      const launcher = new RecordingLauncher()
      const engine = await createEngine({
        store: mysqlStore({ uri: proxy.uriFor(database.uri), retryForMs: 10_000 }),
        instanceId: 'gw-1',
        launchers: { SPARK: launcher },
      })
      engines.push(engine)
      const fired = proxy.cutAfter(INSERT_BATCH, action)
      const id = randomUUID()

      const batch = await engine.batches.submit(sampleRequest(id), { user: 'alice' })
      await fired
      await engine.launchesSettled()

      // The retry hit the unique key on the row its first attempt had committed.
      expect(proxy.queries.filter((query) => query.startsWith(INSERT_BATCH))).toHaveLength(2)
      expect(isDuplicatedSubmission(batch)).toBe(false)
      expect(launcher.launchesOf(id)).toBe(1)
      const rows = await database.batchRows()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        id,
        create_time: batch.createTime,
        created_by: 'gw-1',
        state: 'FINISHED',
      })
      // A later submission of the same id is a duplicate as usual.
      const again = await engine.batches.submit(sampleRequest(id), { user: 'alice' })
      expect(isDuplicatedSubmission(again)).toBe(true)
      expect(launcher.launchesOf(id)).toBe(1)
    },
  )

  it('a state change that committed but whose OK was lost is reported as made, not as lost', async () => {
    const store = mysqlStore({ uri: proxy.uriFor(database.uri), retryForMs: 10_000 })
    const record = sampleRecord()
    await store.insertBatch(record)
    const fired = proxy.cutAfter(UPDATE_BATCH, 'reset')

    const changed = await store.updateBatchState(record.id, { from: 'PENDING', to: 'RUNNING', startTime: 7 })
    await fired
    expect(changed).toBe(true)
    expect(proxy.queries.filter((query) => query.startsWith(UPDATE_BATCH))).toHaveLength(2)
    expect(await database.batchRows()).toMatchObject([{ state: 'RUNNING', start_time: 7 }])
    // The compare-and-set still refuses a change from a state the batch has left.
    expect(await store.updateBatchState(record.id, { from: 'PENDING', to: 'CANCELED' })).toBe(false)
    await store.close()
  })

  it('a compare-and-set from several states whose OK was lost is reported as made', async () => {
    const store = mysqlStore({ uri: proxy.uriFor(database.uri), retryForMs: 10_000 })
    const record = sampleRecord({ state: 'RUNNING', startTime: 3 })
    await store.insertBatch(record)
    const fired = proxy.cutAfter(UPDATE_BATCH, 'reset')

    const cancel = { from: ['PENDING', 'RUNNING'] as const, to: 'CANCELED' as const, endTime: 9 }
    expect(await store.updateBatchState(record.id, cancel)).toBe(true)
    await fired
    expect(proxy.queries.filter((query) => query.startsWith(UPDATE_BATCH))).toHaveLength(2)
    expect(await database.batchRows()).toMatchObject([{ state: 'CANCELED', end_time: 9 }])
    expect(await store.updateBatchState(record.id, cancel)).toBe(false)
    await store.close()
  })

  it('a purge whose OK was lost is retried: the retry deletes the next bounded batch and reports that', async () => {
    const store = mysqlStore({ uri: proxy.uriFor(database.uri), retryForMs: 10_000 })
    for (const endTime of [1, 2, 3]) await store.insertBatch(sampleRecord({ state: 'FINISHED', endTime }))
    const fired = proxy.cutAfter(DELETE_BATCH, 'reset')

    // The first attempt committed (ends 1 and 2); the answer is the retry's, which found one more.
    expect(await store.purgeBatches({ endedBefore: 10, limit: 2 })).toBe(1)
    await fired
    expect(proxy.queries.filter((query) => query.startsWith(DELETE_BATCH))).toHaveLength(2)
    expect(await database.batchRows()).toEqual([])
    await store.close()
  })

  it('KILL CONNECTION while the insert waits for a row lock: the submission retries and creates the batch once', async () => {
    const launcher = new RecordingLauncher()
    const engine = await createEngine({
      store: mysqlStore({ uri: database.uri, retryForMs: 10_000 }),
      instanceId: 'gw-1',
      launchers: { SPARK: launcher },
      lookupBeforeInsert: false,
    })
    engines.push(engine)
    const id = randomUUID()
    // Another session inserts the same id and keeps its transaction open: our insert must wait.
    const blocker = await createTestDatabaseConnection()
    await blocker.query('begin')
    await blocker.query(
      `insert into batchgate_batch (id, owner, batch_type, resource, conf, args, fingerprint, state,
        create_time, created_by, insert_token, queued_at) values (?, 'alice', 'SPARK', 'x', '{}', '[]', 'f', 'PENDING', 1, 'blocker', 't', 1)`,
      [id],
    )

    const submission = engine.batches.submit(sampleRequest(id), { user: 'alice' })
    const first = await waitingInsert()
    await database.raw.query('kill connection ?', [first])
    const second = await waitingInsert(first)
    await blocker.query('rollback')
    await blocker.end()

    const batch = await submission
    await engine.launchesSettled()
    expect(second).not.toBe(first)
    expect(isDuplicatedSubmission(batch)).toBe(false)
    expect(launcher.launchesOf(id)).toBe(1)
    expect(await database.batchRows()).toMatchObject([{ id, created_by: 'gw-1', state: BatchState.FINISHED }])
  })

  it('retries a lock-wait timeout (1205) until the lock is released', async () => {
    const store = mysqlStore({ uri: database.uri, lockWaitTimeoutSeconds: 1, retryForMs: 10_000 })
    const record = sampleRecord()
    await store.insertBatch(record)
    await database.raw.query('begin')
    await database.raw.query('select * from batchgate_batch where id = ? for update', [record.id])
    const started = Date.now()
    setTimeout(() => void database.raw.query('commit'), 1_600)

    expect(await store.updateBatchState(record.id, { from: 'PENDING', to: 'RUNNING', startTime: 1 })).toBe(
      true,
    )
    // Longer than one lock wait: at least one attempt timed out and was retried.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500)
    await store.close()
  })

  it('gives up with METASTORE_UNAVAILABLE (cause 1205) when the lock outlives retryForMs, changing nothing', async () => {
    const store = mysqlStore({ uri: database.uri, lockWaitTimeoutSeconds: 1, retryForMs: 1_200 })
    const record = sampleRecord()
    await store.insertBatch(record)
    await database.raw.query('begin')
    await database.raw.query('select * from batchgate_batch where id = ? for update', [record.id])

    const error = await store
      .updateBatchState(record.id, { from: 'PENDING', to: 'RUNNING' })
      .catch((e: unknown) => e)
    await database.raw.query('commit')
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect(mysqlErrno(error)).toBe(1205)
    expect(await database.batchRows()).toMatchObject([{ state: 'PENDING' }])
    await store.close()
  })

  it('reports an unreachable server as METASTORE_UNAVAILABLE with the cause, within the retry budget', async () => {
    const started = Date.now()
    const store = mysqlStore({ uri: 'mysql://root@127.0.0.1:1/test', retryForMs: 500, connectTimeoutMs: 500 })
    const error = await createEngine({ store }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect((error as Error).message).toContain('127.0.0.1:1/test')
    expect(mysqlErrorCode(error)).toBe('ECONNREFUSED')
    expect(Date.now() - started).toBeLessThan(3_000)
  })

  it('reports a server that became unreachable after open as METASTORE_UNAVAILABLE', async () => {
    const store = mysqlStore({ uri: proxy.uriFor(database.uri), retryForMs: 500 })
    await store.open()
    await proxy.close()
    const started = Date.now()
    const error = await store.getBatch(randomUUID()).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect(mysqlErrorCode(error)).toMatch(/^(ECONNREFUSED|PROTOCOL_CONNECTION_LOST|ECONNRESET)$/)
    expect(Date.now() - started).toBeLessThan(3_000)
    await store.close()
  })

  /** A second raw session on the test database. */
  async function createTestDatabaseConnection() {
    const { createConnection } = await import('mysql2/promise')
    return createConnection({ uri: database.uri })
  }

  /** The thread id of a session whose insert into the batch table is running, other than `not`. */
  async function waitingInsert(not?: number): Promise<number> {
    let found: number | undefined
    await waitUntil(async () => {
      const [rows] = await database.raw.query<(RowDataPacket & { id: number })[]>(
        `select id as id from information_schema.processlist
          where db = ? and info like 'insert into \`batchgate_batch\`%' and id <> ?`,
        [database.name, not ?? 0],
      )
      found = rows[0]?.id
      return found !== undefined
    })
    return found ?? -1
  }
})
