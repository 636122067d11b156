import { isDuplicatedSubmission } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRecord, sampleRequest } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { waitUntil } from '../../harness/wait-until.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withEngine } from './engine-helpers.js'
import { leftBehind } from './left-behind.js'

type Case = ConformanceCase<StoreFixture>
const DAY = 24 * 60 * 60 * 1000

/** Retention: terminal batches past `retention.maxAgeMs` are purged, in bounded statements; their ids are free again. */
export const retentionCases: readonly Case[] = [
  {
    group: 'retention',
    name: 'purges terminal batches past the retention on demand, in bounded statements; their ids can be submitted again',
    run: async (fixture) => {
      let now = 1_000_000
      const expiredId = randomUUID()
      const keptId = randomUUID()
      const options = {
        clock: { now: () => now },
        launchers: { SPARK: { launch: () => Promise.resolve() } },
        // Small statements, so one purge takes several of them.
        retention: { batchSize: 2 },
      }
      const olderStill = Array.from({ length: 4 }, () => sampleRecord({ state: 'ERROR', endTime: now - 1 }))
      await leftBehind(fixture, ...olderStill)
      await withEngine(fixture, options, async (engine) => {
        await engine.batches.submit(sampleRequest(expiredId), { user: 'alice' })
        await engine.launchesSettled()
        now += 3 * DAY
        await engine.batches.submit(sampleRequest(keptId), { user: 'alice' })
        await engine.launchesSettled()
        now += 1
        expect(await engine.purgeExpiredBatches()).toBe(5)
        expect((await fixture.rawBatches()).map((r) => r.id)).toEqual([keptId])
        const again = await engine.batches.submit(sampleRequest(expiredId), { user: 'alice' })
        expect(isDuplicatedSubmission(again)).toBe(false)
        expect(again.createTime).toBe(now)
      })
    },
  },
  {
    group: 'retention',
    name: 'purges on its interval, in bounded statements, and never touches unfinished batches',
    run: async (fixture) => {
      const ended = Array.from({ length: 7 }, () => sampleRecord({ state: 'FINISHED', endTime: 1 }))
      const running = sampleRecord({ state: 'RUNNING', startTime: 1, createdBy: 'someone-else' })
      await leftBehind(fixture, ...ended, running)
      await withEngine(
        fixture,
        { retention: { maxAgeMs: 1_000, intervalMs: 20, batchSize: 2 } },
        async () => {
          await waitUntil(async () => (await fixture.rawBatches()).length === 1, 5_000, 'the scheduled purge')
        },
      )
      expect(await fixture.rawBatches()).toMatchObject([{ id: running.id, state: 'RUNNING' }])
    },
  },
]
