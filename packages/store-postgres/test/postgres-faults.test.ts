import { randomUUID } from 'node:crypto'
import { createEngine, isDuplicatedSubmission, type Engine } from '@batchgate/core'
import { postgresErrorCode, postgresStore, type PostgresStoreOptions } from '@batchgate/store-postgres'
import { readRawPostgresBatches } from '@batchgate/store-postgres/testing'
import { RecordingLauncher, sampleRecord, sampleRequest, simulateRace } from '@batchgate/testkit'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { PostgresFaultProxy, type CutAction } from './helpers/postgres-fault-proxy.js'
import { describeWithPostgres, POSTGRES_URI } from './helpers/postgres-server.js'
import { createTestSchema, type TestSchema } from './helpers/test-schema.js'

describeWithPostgres('postgresStore under real faults', () => {
  let schema: TestSchema
  let proxy: PostgresFaultProxy
  const engines: Engine[] = []
  beforeEach(async () => {
    schema = await createTestSchema()
    const server = new URL(POSTGRES_URI)
    proxy = await PostgresFaultProxy.start(server.hostname, Number(server.port || 5432))
  })
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()))
    await proxy.close()
    await schema.drop()
  })

  /** A store on the test schema through the proxy. */
  const proxiedStore = (settings: Partial<PostgresStoreOptions> = {}) =>
    postgresStore({
      connectionString: proxy.uriFor(schema.uri),
      schema: schema.name,
      retryForMs: 10_000,
      ...settings,
    })

  /** The statements on the batch table, as the store sends them (quoted, schema-qualified). */
  const INSERT_BATCH = () => `insert into "${schema.name}"."batchgate_batch"`
  const UPDATE_BATCH = () => `update "${schema.name}"."batchgate_batch"`
  const DELETE_BATCH = () => `delete from "${schema.name}"."batchgate_batch"`

  const terminateBackend: CutAction = async (pid) => {
    await schema.raw.query('select pg_terminate_backend($1)', [pid])
  }

  it.each<[string, CutAction]>([
    ['the network drops (ECONNRESET)', 'reset'],
    ['the socket closes cleanly (pg gives no code)', 'close'],
    ['another session runs pg_terminate_backend', terminateBackend],
  ])(
    'an insert that committed but whose answer was lost (%s) ends as the caller’s own batch, launched once',
    async (_fault, action) => {
      const launcher = new RecordingLauncher()
      const engine = await createEngine({
        store: proxiedStore(),
        instanceId: 'gw-1',
        launchers: { SPARK: launcher },
        lookupBeforeInsert: false,
      })
      engines.push(engine)
      const fired = proxy.cutAfter(INSERT_BATCH(), action)
      const id = randomUUID()

      const batch = await engine.batches.submit(sampleRequest(id), { user: 'alice' })
      await fired
      await engine.launchesSettled()

      // The retry hit the primary key on the row its first attempt had committed.
      expect(proxy.executions(INSERT_BATCH())).toBe(2)
      expect(isDuplicatedSubmission(batch)).toBe(false)
      expect(launcher.launchesOf(id)).toBe(1)
      const rows = await schema.batchRows()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({ id, created_by: 'gw-1', state: 'FINISHED' })
      // A later submission of the same id is a duplicate as usual.
      const again = await engine.batches.submit(sampleRequest(id), { user: 'alice' })
      expect(isDuplicatedSubmission(again)).toBe(true)
      expect(launcher.launchesOf(id)).toBe(1)
    },
  )

  it('a state change that committed but whose answer was lost is reported as made, not as lost', async () => {
    const store = proxiedStore()
    const record = sampleRecord()
    await store.insertBatch(record)
    // Opening the store ran the migrations, whose backfill (0004) is an update of the batch table too.
    const before = proxy.executions(UPDATE_BATCH())
    const fired = proxy.cutAfter(UPDATE_BATCH(), 'reset')

    const changed = await store.updateBatchState(record.id, { from: 'PENDING', to: 'RUNNING', startTime: 7 })
    await fired
    expect(changed).toBe(true)
    expect(proxy.executions(UPDATE_BATCH()) - before).toBe(2)
    expect(await schema.batchRows()).toMatchObject([{ state: 'RUNNING', start_time: '7' }])
    // The compare-and-set still refuses a change from a state the batch has left.
    expect(await store.updateBatchState(record.id, { from: 'PENDING', to: 'CANCELED' })).toBe(false)
    await store.close()
  })

  it('a purge whose answer was lost is retried: the retry deletes the next bounded batch and reports that', async () => {
    const store = proxiedStore()
    for (const endTime of [1, 2, 3]) await store.insertBatch(sampleRecord({ state: 'FINISHED', endTime }))
    const fired = proxy.cutAfter(DELETE_BATCH(), 'reset')

    // The first attempt committed (ends 1 and 2); the answer is the retry's, which found one more.
    expect(await store.purgeBatches({ endedBefore: 10, limit: 2 })).toBe(1)
    await fired
    expect(proxy.executions(DELETE_BATCH())).toBe(2)
    expect(await schema.batchRows()).toEqual([])
    await store.close()
  })

  it(
    'pg_terminate_backend of the stores’ connections during a submit storm: 0 lost, 0 duplicated, each launched once',
    { timeout: 120_000 },
    async () => {
      const applicationName = `bg-storm-${schema.name}`
      const target = {
        newStore: () =>
          postgresStore({
            connectionString: schema.uri,
            schema: schema.name,
            applicationName,
            max: 3,
            retryForMs: 30_000,
          }),
        rawBatches: () => readRawPostgresBatches(schema.uri, schema.name),
        close: () => Promise.resolve(),
      }
      // Migrated first: the storm is about submissions, and a migration that is killed every few
      // milliseconds never finishes (each attempt rolls back).
      const first = postgresStore({ connectionString: schema.uri, schema: schema.name })
      await first.open()
      await first.close()
      const calm = new AbortController()
      let terminated = 0
      const storm = (async () => {
        while (!calm.signal.aborted) {
          const { rows } = await schema.raw.query<{ pid: number }>(
            `select pid from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()`,
            [applicationName],
          )
          for (const { pid } of rows) {
            const { rows: done } = await schema.raw.query<{ ok: boolean }>(
              'select pg_terminate_backend($1) as ok',
              [pid],
            )
            if (done[0]?.ok === true) terminated += 1
          }
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      })()
      let report
      try {
        report = await simulateRace({ fixture: target, instances: 6, ids: 40, submitsPerId: 3 })
      } finally {
        calm.abort()
        await storm
      }
      console.info(
        `[store-postgres storm] ${terminated} backends terminated; created ${report.created}, duplicated ` +
          `${report.duplicated}, errors ${report.errors}, launches per id ${JSON.stringify(report.launchesPerId)}`,
      )
      // The storm did hit the stores (otherwise this test proves nothing).
      expect(terminated).toBeGreaterThan(5)
      expect(report.violations).toEqual([])
      expect(report).toMatchObject({
        ok: true,
        submissions: 720,
        created: 40,
        duplicated: 680,
        errors: 0,
        answersNotMatchingStoredBatch: 0,
        rowsPerId: { '1': 40 },
        launchesPerId: { '1': 40 },
      })
    },
  )

  it('reports an unreachable server as METASTORE_UNAVAILABLE with the cause, within the retry budget', async () => {
    const started = Date.now()
    const store = postgresStore({
      connectionString: 'postgres://postgres:s3cret@127.0.0.1:1/test',
      retryForMs: 500,
      connectTimeoutMs: 500,
    })
    const error = await createEngine({ store }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect((error as Error).message).toContain('127.0.0.1:1/test')
    expect((error as Error).message).not.toContain('s3cret')
    expect(postgresErrorCode(error)).toBe('ECONNREFUSED')
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('reports a server that became unreachable after open as METASTORE_UNAVAILABLE', async () => {
    const store = proxiedStore({ retryForMs: 500 })
    await store.open()
    await proxy.close()
    const started = Date.now()
    const error = await store.getBatch(randomUUID()).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'METASTORE_UNAVAILABLE' })
    expect(postgresErrorCode(error)).toMatch(/^(ECONNREFUSED|PG_CONNECTION_LOST|ECONNRESET)$/)
    expect(Date.now() - started).toBeLessThan(5_000)
    await store.close()
  })
})
