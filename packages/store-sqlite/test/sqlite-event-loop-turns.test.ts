// The SQLite store runs its statements synchronously and answers with already-resolved promises, so a
// loop of awaited submits never leaves the microtask queue: timers (launch outcomes, cancel polling, the
// retention sweep, the host's own) would wait for the whole loop. The store lets the event loop turn
// when a burst of its calls has held it for a few milliseconds. These tests assert only the order of
// events — the timer ran before the loop ended — never how long anything took.
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createEngine, isDuplicatedSubmission, type Engine } from '@batchgate/core'
import { sampleRecord, sampleRequest, RecordingLauncher } from '@batchgate/testkit'
import { sqliteStore, type SqliteMetadataStore } from '@batchgate/store-sqlite'
import { tempDatabasePath } from './helpers/temp-database.js'

/**
 * Long enough to hold the loop for far more than the store's budget of a few milliseconds, on any
 * machine; a loop stops as soon as the timer has run, so a passing test is short.
 */
const MAX_CALLS = 1_000

/** A flag set by a `setTimeout(0)` armed now: true once the event loop has reached its timers. */
function timerArmedNow(): { fired: boolean } {
  const flag = { fired: false }
  setTimeout(() => {
    flag.fired = true
  }, 0)
  return flag
}

describe('the SQLite store lets the event loop turn during a long burst of calls', () => {
  const engines: Engine[] = []
  const stores: SqliteMetadataStore[] = []
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()))
    await Promise.all(stores.splice(0).map((store) => store.close()))
  })

  async function openEngine(): Promise<Engine> {
    const engine = await createEngine({
      store: sqliteStore({ filename: tempDatabasePath() }),
      instanceId: 'gw-1',
      launchers: { SPARK: new RecordingLauncher() },
    })
    engines.push(engine)
    return engine
  }

  it('a timer fires during a loop of awaited submits of new ids', async () => {
    const engine = await openEngine()
    const timer = timerArmedNow()
    let submitted = 0
    while (!timer.fired && submitted < MAX_CALLS) {
      await engine.batches.submit(sampleRequest(randomUUID()), { user: 'alice' })
      submitted++
    }
    expect(timer.fired, `the timer waited for all ${submitted} submits`).toBe(true)
  })

  it('a timer fires during a loop of awaited duplicate submits (the read-only fast path)', async () => {
    const engine = await openEngine()
    const id = randomUUID()
    await engine.batches.submit(sampleRequest(id), { user: 'alice' })
    await new Promise((resolve) => setImmediate(resolve))
    const timer = timerArmedNow()
    let submitted = 0
    while (!timer.fired && submitted < MAX_CALLS * 10) {
      const batch = await engine.batches.submit(sampleRequest(id), { user: 'alice' })
      expect(isDuplicatedSubmission(batch)).toBe(true)
      submitted++
    }
    expect(timer.fired, `the timer waited for all ${submitted} submits`).toBe(true)
  })

  it('a timer fires during a loop of awaited store calls (insert, read, state change)', async () => {
    const store = sqliteStore({ filename: tempDatabasePath() })
    stores.push(store)
    await store.open()
    const timer = timerArmedNow()
    let calls = 0
    while (!timer.fired && calls < MAX_CALLS) {
      const record = sampleRecord()
      await store.insertBatch(record)
      await store.getBatch(record.id)
      await store.updateBatchState(record.id, { from: 'PENDING', to: 'RUNNING', startTime: 1 })
      calls++
    }
    expect(timer.fired, `the timer waited for all ${calls} rounds of calls`).toBe(true)
  })
})
