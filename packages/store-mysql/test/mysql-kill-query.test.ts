import { randomUUID } from 'node:crypto'
import { BatchState, createEngine, isDuplicatedSubmission, type Engine } from '@batchgate/core'
import { mysqlStore, type MysqlMetadataStore } from '@batchgate/store-mysql'
import { RecordingLauncher, sampleRecord, sampleRequest, waitUntil } from '@batchgate/testkit'
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { MysqlFaultProxy } from './helpers/mysql-fault-proxy.js'
import { describeWithMysql, MYSQL_URI } from './helpers/mysql-server.js'
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js'

const INSERT_BATCH = 'insert into `batchgate_batch`'
const UPDATE_BATCH = 'update `batchgate_batch`'

/**
 * `KILL QUERY` (errno 1317, ER_QUERY_INTERRUPTED) from another session — an operator or a watchdog
 * stopping a statement that waits too long — interrupts the store's statement but keeps its session.
 * The store retries it like a lost connection. Each statement here is made to wait for a row lock held
 * by another session, so it is still in flight when it is killed; the store runs through a fault proxy
 * that only records the statements, to see the retry reach the server.
 */
describeWithMysql('mysqlStore when another session runs KILL QUERY', () => {
  let database: TestDatabase
  let proxy: MysqlFaultProxy
  let blocker: Connection
  const engines: Engine[] = []
  const stores: MysqlMetadataStore[] = []
  beforeEach(async () => {
    database = await createTestDatabase()
    const server = new URL(MYSQL_URI)
    proxy = await MysqlFaultProxy.start(server.hostname, Number(server.port || 3306))
    blocker = await createConnection({ uri: database.uri })
  })
  afterEach(async () => {
    await blocker.end()
    await Promise.all(engines.splice(0).map((engine) => engine.close()))
    await Promise.all(stores.splice(0).map((store) => store.close()))
    await proxy.close()
    await database.drop()
  })

  it('a state change killed while it waits for a row lock is retried and made', async () => {
    const store = mysqlStore({ uri: proxy.uriFor(database.uri), retryForMs: 10_000 })
    stores.push(store)
    const record = sampleRecord()
    await store.insertBatch(record)
    await blocker.query('begin')
    await blocker.query('select * from batchgate_batch where id = ? for update', [record.id])

    const change = store.updateBatchState(record.id, { from: 'PENDING', to: 'RUNNING', startTime: 7 })
    const settled = settledFlag(change)
    await killWaitingStatement('update `batchgate_batch`%')
    // Release the lock only once the killed statement has either been retried or given up, so that
    // the kill cannot be outrun by the lock's release.
    await waitUntil(() => settled.value || executions(UPDATE_BATCH) >= 2)
    await blocker.query('commit')

    expect(await change).toBe(true)
    expect(executions(UPDATE_BATCH)).toBe(2)
    expect(await database.batchRows()).toMatchObject([{ state: 'RUNNING', start_time: 7 }])
  })

  it('an insert killed while it waits for a row lock is retried: the submission creates the batch once', async () => {
    const launcher = new RecordingLauncher()
    const engine = await createEngine({
      store: mysqlStore({ uri: proxy.uriFor(database.uri), retryForMs: 10_000 }),
      instanceId: 'gw-1',
      launchers: { SPARK: launcher },
      lookupBeforeInsert: false,
    })
    engines.push(engine)
    const id = randomUUID()
    // Another session inserts the same id and keeps its transaction open: our insert must wait.
    await blocker.query('begin')
    await blocker.query(
      `insert into batchgate_batch (id, owner, batch_type, resource, conf, args, fingerprint, state,
        create_time, created_by, insert_token, queued_at) values (?, 'alice', 'SPARK', 'x', '{}', '[]', 'f', 'PENDING', 1, 'blocker', 't', 1)`,
      [id],
    )

    const submission = engine.batches.submit(sampleRequest(id), { user: 'alice' })
    const settled = settledFlag(submission)
    await killWaitingStatement('insert into `batchgate_batch`%')
    await waitUntil(() => settled.value || executions(INSERT_BATCH) >= 2)
    await blocker.query('rollback')

    const batch = await submission
    await engine.launchesSettled()
    expect(executions(INSERT_BATCH)).toBe(2)
    expect(isDuplicatedSubmission(batch)).toBe(false)
    expect(launcher.launchesOf(id)).toBe(1)
    expect(await database.batchRows()).toMatchObject([{ id, created_by: 'gw-1', state: BatchState.FINISHED }])
  })

  /** How many times a statement starting with `prefix` reached the server through the proxy. */
  function executions(prefix: string): number {
    return proxy.queries.filter((query) => query.startsWith(prefix)).length
  }

  /** Waits for a session of the test database to run a statement `like` the pattern, and kills it. */
  async function killWaitingStatement(like: string): Promise<void> {
    let thread: number | undefined
    await waitUntil(async () => {
      const [rows] = await database.raw.query<(RowDataPacket & { id: number })[]>(
        'select id as id from information_schema.processlist where db = ? and info like ?',
        [database.name, like],
      )
      thread = rows[0]?.id
      return thread !== undefined
    })
    await database.raw.query('kill query ?', [thread])
  }
})

/** A flag that turns true once `promise` settles either way (its rejection stays the caller's). */
function settledFlag(promise: Promise<unknown>): { value: boolean } {
  const flag = { value: false }
  promise.then(
    () => (flag.value = true),
    () => (flag.value = true),
  )
  return flag
}
