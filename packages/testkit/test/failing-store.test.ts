import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BatchState } from '@batchgate/core'
import { type MetadataStore } from '@batchgate/core/store'
import { DelegatingStore, failingStore, sampleRecord } from '@batchgate/testkit'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'

/** Every intercepted call of the port, each made once. */
const CALLS: readonly [string, (store: MetadataStore) => Promise<unknown>][] = [
  ['open', (store) => store.open()],
  ['insertBatch', (store) => store.insertBatch(sampleRecord())],
  ['getBatch', (store) => store.getBatch(sampleRecord().id)],
  [
    'updateBatchState',
    (store) =>
      store.updateBatchState(sampleRecord().id, { from: BatchState.PENDING, to: BatchState.RUNNING }),
  ],
  ['listBatches', (store) => store.listBatches({ limit: 10 })],
  ['purgeBatches', (store) => store.purgeBatches({ endedBefore: Date.now(), limit: 10 })],
]

/** A real store that counts how often it was reached. */
class CountingStore extends DelegatingStore {
  readonly reached: string[] = []
  override open(): Promise<void> {
    this.reached.push('open')
    return super.open()
  }
  override close(): Promise<void> {
    this.reached.push('close')
    return super.close()
  }
}

describe('failingStore', () => {
  let fixture: SqliteFixture
  beforeEach(() => {
    fixture = sqliteFixture()
  })
  afterEach(async () => {
    await fixture.dispose()
  })

  it.each(CALLS)('fails %s before it reaches the database', async (_, call) => {
    const real = fixture.newStore()
    await real.open()
    const store = failingStore(real, { failNext: 1, error: () => new Error('boom') })
    try {
      await expect(call(store)).rejects.toThrow('boom')
      expect(store.remainingFailures).toBe(0)
      // The fault is spent: the same call now reaches the real store.
      await call(store)
    } finally {
      await store.close()
    }
  })

  it('counts every intercepted call against failNext, and never fails close', async () => {
    const counting = new CountingStore(fixture.newStore())
    const store = failingStore(counting, { failNext: CALLS.length })
    for (const [name, call] of CALLS) {
      await expect(call(store), name).rejects.toThrow('injected metastore fault')
    }
    expect(counting.reached).toEqual([])
    await store.open()
    await store.insertBatch(sampleRecord({ id: '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69' }))
    await store.close()
    expect(counting.reached).toEqual(['open', 'close'])
    expect((await fixture.rawBatches()).map((row) => row.id)).toEqual([
      '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69',
    ])
  })

  it('close reaches the real store even while failures are pending', async () => {
    const counting = new CountingStore(fixture.newStore())
    const store = failingStore(counting, { failNext: 3 })
    await store.close()
    expect(counting.reached).toEqual(['close'])
    expect(store.remainingFailures).toBe(3)
  })

  it('delays every intercepted call by delayMs', async () => {
    const store = failingStore(fixture.newStore(), { delayMs: 30 })
    try {
      for (const [name, call] of CALLS) {
        const started = performance.now()
        await call(store)
        // Timers may fire a little early; 25 of 30 ms shows the delay was applied.
        expect(performance.now() - started, name).toBeGreaterThanOrEqual(25)
      }
    } finally {
      await store.close()
    }
  })
})
