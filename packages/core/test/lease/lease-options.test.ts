import { afterEach, describe, expect, it } from 'vitest'
import { createEngine, KYUUBI_BATCH_PRIORITY_KEY } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { DelegatingStore } from '@batchgate/testkit'
import { Engines, tempDatabase } from './lease-helpers.js'

const engines = new Engines()
afterEach(() => engines.closeAll())

/** A real SQLite store seen through the bare metastore port: no coordination methods. */
function storeWithoutCoordination(filename: string): DelegatingStore {
  return new DelegatingStore(sqliteStore({ filename }))
}

describe('lease, maxRunningBatches and queue options', () => {
  it.each([
    [{ lease: { durationMs: 300, renewIntervalMs: 150 } }, 'less than half'],
    [{ lease: { durationMs: 0 } }, 'lease.durationMs'],
    [{ lease: { durationMs: 1000, renewIntervalMs: 1.5 } }, 'lease.renewIntervalMs'],
    [{ lease: 'on' }, 'lease must be an object'],
    [{ maxRunningBatches: 0 }, 'maxRunningBatches'],
    [{ maxRunningBatches: 2.5 }, 'maxRunningBatches'],
    [{ queue: { pollIntervalMs: -1 } }, 'queue.pollIntervalMs'],
    [{ queue: { unlaunchedGraceMs: Number.NaN } }, 'queue.unlaunchedGraceMs'],
    [{ queue: { adoptionBatchSize: 0 } }, 'queue.adoptionBatchSize'],
  ])('refuses %j with INVALID_OPTIONS naming the option', async (options, named) => {
    const filename = tempDatabase('lease-options')
    const failure = createEngine({ store: sqliteStore({ filename }), ...(options as object) })
    await expect(failure).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining(named),
    })
  })

  it.each([
    [{ lease: {} }],
    [{ lease: { durationMs: 300, renewIntervalMs: 100 } }],
    [{ maxRunningBatches: 2 }],
  ])('refuses %j on a store without coordination, before opening it', async (options) => {
    const store = storeWithoutCoordination(tempDatabase('lease-options'))
    let opened = false
    store.open = () => {
      opened = true
      return Promise.resolve()
    }
    await expect(createEngine({ store, ...options })).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining('coordination'),
    })
    expect(opened).toBe(false)
  })

  it('runs without leases on a store without coordination by default, and with lease: false', async () => {
    for (const options of [{}, { lease: false as const }]) {
      const engine = await engines.open(
        tempDatabase('lease-options'),
        {
          ...options,
          admins: ['root'],
        },
        () => storeWithoutCoordination(tempDatabase('lease-options')),
      )
      await expect(engine.instances({ user: 'root' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' })
      await expect(engine.batches.reassign('gw-x', { user: 'root' })).rejects.toMatchObject({
        code: 'INVALID_OPTIONS',
      })
    }
  })

  it.each(['high', '1.5', '2147483648', '-2147483649', ' 3', '0x10', ''])(
    'refuses a kyuubi.batch.priority of %j with INVALID_REQUEST naming the key',
    async (priority) => {
      const engine = await engines.open(tempDatabase('priority'), {})
      const submitting = engine.batches.submit(
        { batchType: 'SPARK', resource: 'app.jar', conf: { [KYUUBI_BATCH_PRIORITY_KEY]: priority } },
        { user: 'alice' },
      )
      await expect(submitting).rejects.toMatchObject({
        code: 'INVALID_REQUEST',
        message: expect.stringContaining('kyuubi.batch.priority'),
      })
    },
  )

  it.each([
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
    ['+7', 7],
    ['007', 7],
  ])('stores a kyuubi.batch.priority of %j as %d', async (given, stored) => {
    const filename = tempDatabase('priority')
    const engine = await engines.open(filename, {})
    const batch = await engine.batches.submit(
      { batchType: 'SPARK', resource: 'app.jar', conf: { [KYUUBI_BATCH_PRIORITY_KEY]: given } },
      { user: 'alice' },
    )
    const store = sqliteStore({ filename })
    await store.open()
    try {
      expect((await store.getBatch(batch.id))?.priority).toBe(stored)
    } finally {
      await store.close()
    }
  })
})
