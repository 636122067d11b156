import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MetadataStore } from '@batchgate/core/store'
import { DelegatingStore, failingStore } from '@batchgate/testkit'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import { raceInstances } from '../src/simulator/race-instances.js'
import { withEngines } from '../src/suites/engine/engine-helpers.js'

/** A real store that records whether it was opened and closed. */
class RecordingStore extends DelegatingStore {
  opened = false
  closed = false
  override async open(): Promise<void> {
    await super.open()
    this.opened = true
  }
  override async close(): Promise<void> {
    this.closed = true
    await super.close()
  }
}

describe('a failed open closes the engines that did open', () => {
  let fixture: SqliteFixture
  beforeEach(() => {
    fixture = sqliteFixture()
  })
  afterEach(async () => {
    await fixture.dispose()
  })

  /** Four recording stores; the one at `failing` fails its open. */
  function stores(failing: number): { recording: RecordingStore[]; wrap: (i: number) => MetadataStore } {
    const recording = Array.from({ length: 4 }, () => new RecordingStore(fixture.newStore()))
    const wrap = (i: number): MetadataStore => {
      const store = recording[i]
      if (store === undefined) throw new Error(`no store ${i}`)
      return i === failing
        ? failingStore(store, { failNext: 1, error: () => new Error('open refused') })
        : store
    }
    return { recording, wrap }
  }

  it('raceInstances: the open error surfaces and every other store is closed', async () => {
    const { recording, wrap } = stores(2)
    let started = false
    const race = raceInstances(
      recording.map((_, i) => ({ instanceId: `sim-${i}`, store: wrap(i) })),
      {
        ids: ['6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'],
        submitsPerId: 1,
        start: () => {
          started = true
          return Promise.resolve()
        },
      },
    )
    await expect(race).rejects.toThrow('open refused')
    expect(started).toBe(false)
    expect(recording.map((store) => store.opened)).toEqual([true, true, false, true])
    expect(recording.map((store) => store.closed)).toEqual([true, true, true, true])
  })

  it('withEngines (the engine suites): the open error surfaces and every other store is closed', async () => {
    const { recording, wrap } = stores(0)
    let used = false
    const run = withEngines(
      fixture,
      4,
      () => ({}),
      () => {
        used = true
        return Promise.resolve()
      },
      (_, i) => wrap(i),
    )
    await expect(run).rejects.toThrow('open refused')
    expect(used).toBe(false)
    expect(recording.map((store) => store.opened)).toEqual([false, true, true, true])
    expect(recording.map((store) => store.closed)).toEqual([true, true, true, true])
  })

  it('withEngines: a store that cannot even be built counts as a failed open', async () => {
    const { recording, wrap } = stores(-1)
    const run = withEngines(
      fixture,
      4,
      () => ({}),
      () => Promise.resolve(),
      (store, i) => {
        if (i === 3) {
          void store.close()
          throw new Error('no store for you')
        }
        return wrap(i)
      },
    )
    await expect(run).rejects.toThrow('no store for you')
    expect(recording.slice(0, 3).map((store) => store.closed)).toEqual([true, true, true])
  })
})
