import { isDuplicateKeyError, type MetadataStore } from '@batchgate/core/store'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { seededRandom } from '../../faults/seeded-random.js'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { describeError, withStores } from './store-helpers.js'

type Case = ConformanceCase<StoreFixture>

const INSTANCES = 8
const IDS = 10
const PURGE_LIMIT = 2
/** Every batch finishes long before the cutoff, so a purge may take any finished one. */
const ENDED_AT = 50
const CUTOFF = 1_000

/** What one instance's calls achieved, per id, and what went wrong. */
interface Tally {
  inserted: Map<string, number>
  started: Map<string, number>
  finished: Map<string, number>
  purged: number
  failures: string[]
}

function bump(counts: Map<string, number>, id: string): void {
  counts.set(id, (counts.get(id) ?? 0) + 1)
}

/** A failed call as the failure report names it. */
function described(call: string, error: unknown): string {
  return `${call}: ${describeError(error)}`
}

/**
 * One instance's share of the storm: for every id (in an order of its own) insert it, start it,
 * finish it, purge a few expired batches, and insert it again — racing the 7 other instances on the same
 * rows. Inserts may only fail as duplicates; nothing else may fail (contention is the store's to retry).
 */
async function storm(
  store: MetadataStore,
  index: number,
  ids: readonly string[],
  tally: Tally,
): Promise<void> {
  const random = seededRandom(1_000 + index)
  const order = [...ids].sort(() => random() - 0.5)
  const insert = async (id: string) => {
    try {
      await store.insertBatch(sampleRecord({ id, createdBy: `instance-${index}` }))
      bump(tally.inserted, id)
    } catch (error) {
      if (!isDuplicateKeyError(error)) tally.failures.push(described(`insert ${id}`, error))
    }
  }
  const attempt = async (call: string, operation: () => Promise<void>) => {
    await operation().catch((error: unknown) => tally.failures.push(described(call, error)))
  }
  for (const id of order) {
    await insert(id)
    await attempt(`start ${id}`, async () => {
      const change = { from: 'PENDING', to: 'RUNNING', startTime: 10 + index } as const
      if (await store.updateBatchState(id, change)) bump(tally.started, id)
    })
    await attempt(`finish ${id}`, async () => {
      const change = { from: 'RUNNING', to: 'FINISHED', endTime: ENDED_AT } as const
      if (await store.updateBatchState(id, change)) bump(tally.finished, id)
    })
    await attempt('purge', async () => {
      const deleted = await store.purgeBatches({ endedBefore: CUTOFF, limit: PURGE_LIMIT })
      if (!Number.isInteger(deleted) || deleted < 0 || deleted > PURGE_LIMIT) {
        tally.failures.push(`purge answered ${deleted} for a limit of ${PURGE_LIMIT}`)
      }
      tally.purged += deleted
    })
    await insert(id)
  }
}

function sum(tallies: readonly Tally[], pick: (tally: Tally) => number): number {
  return tallies.reduce((total, tally) => total + pick(tally), 0)
}

function countOf(tallies: readonly Tally[], id: string, pick: (tally: Tally) => Map<string, number>): number {
  return sum(tallies, (tally) => pick(tally).get(id) ?? 0)
}

/** Every kind of write at once, on the same rows; the tallies of what succeeded must match the rows. */
const mixedStorm: Case = {
  group: 'contention',
  name: '8 instances interleave inserts, state changes and purges on the same rows: every call answers, the rows add up',
  run: async (fixture) => {
    const ids = Array.from({ length: IDS }, () => randomUUID())
    const tallies = await withStores(fixture, INSTANCES, (stores) =>
      Promise.all(
        stores.map(async (store, i) => {
          const tally: Tally = {
            inserted: new Map(),
            started: new Map(),
            finished: new Map(),
            purged: 0,
            failures: [],
          }
          await storm(store, i, ids, tally)
          return tally
        }),
      ),
    )
    expect(tallies.flatMap((tally) => tally.failures)).toEqual([])

    const rows = await fixture.rawBatches()
    const inserted = sum(tallies, (tally) => [...tally.inserted.values()].reduce((a, b) => a + b, 0))
    expect(rows.length, 'rows left = inserts that succeeded − batches the purges said they deleted').toBe(
      inserted - sum(tallies, (tally) => tally.purged),
    )
    for (const id of ids) {
      const times = countOf(tallies, id, (tally) => tally.inserted)
      const started = countOf(tallies, id, (tally) => tally.started)
      const finished = countOf(tallies, id, (tally) => tally.finished)
      const stored = rows.filter((row) => row.id === id)
      const story = `${id}: inserted ${times}, started ${started}, finished ${finished}, rows ${JSON.stringify(stored)}`
      // Each life of an id is one insert, at most one start and at most one finish; a new life only
      // begins once the last was finished and purged.
      expect(times, story).toBeGreaterThanOrEqual(1)
      expect(started, story).toBeLessThanOrEqual(times)
      expect(finished, story).toBeLessThanOrEqual(started)
      expect(times - finished, story).toBeLessThanOrEqual(1)
      expect(stored.length, story).toBeLessThanOrEqual(1)
      const [row] = stored
      if (times > finished) {
        expect(row?.state, story).toBe(started > finished ? 'RUNNING' : 'PENDING')
      } else if (row !== undefined) {
        expect(row, story).toMatchObject({ state: 'FINISHED', endTime: ENDED_AT })
      }
    }
  },
}

/** Purges racing for too few rows: a store that counts what it selected, not what it deleted, shows. */
const purgesAtOnce: Case = {
  group: 'contention',
  name: '8 instances purge the same few expired batches at once: each is deleted once and counted once',
  run: async (fixture) => {
    // Fewer expired batches than the 8 purges could take (8 × 2): most purges find little or nothing.
    const expired = Array.from({ length: 5 }, (_, i) =>
      sampleRecord({ state: 'FINISHED', endTime: ENDED_AT + i }),
    )
    const live = sampleRecord({ state: 'RUNNING', startTime: 1 })
    const failures: string[] = []
    const counts = await withStores(fixture, INSTANCES, async (stores) => {
      for (const record of [...expired, live]) await stores[0]?.insertBatch(record)
      return Promise.all(
        stores.map((store, i) =>
          store.purgeBatches({ endedBefore: CUTOFF, limit: PURGE_LIMIT }).catch((error: unknown) => {
            failures.push(described(`purge on instance ${i}`, error))
            return 0
          }),
        ),
      )
    })
    expect(failures).toEqual([])
    for (const count of counts) expect(count).toBeLessThanOrEqual(PURGE_LIMIT)
    const left = (await fixture.rawBatches()).map((row) => row.id)
    expect(left, 'the live batch stays').toContain(live.id)
    expect(
      counts.reduce((a, b) => a + b, 0),
      `answers ${JSON.stringify(counts)}`,
    ).toBe(expired.length - (left.length - 1))
  },
}

export const contentionCases: readonly Case[] = [mixedStorm, purgesAtOnce]
