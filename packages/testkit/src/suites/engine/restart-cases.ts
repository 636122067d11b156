import { createEngine, isDuplicatedSubmission, type Batch } from '@batchgate/core'
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import { sampleRecord, sampleRequest } from '../../harness/fixtures.js'
import type { MetastoreHarness } from '../../harness/metastore-harness.js'
import { waitUntil } from '../../harness/wait-until.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withEngine } from './engine-helpers.js'

type Case = ConformanceCase<MetastoreHarness>
const DAY = 24 * 60 * 60 * 1000

/** Rows left by an earlier life of `instanceId`, written through a store directly. */
async function leftBehind(
  harness: MetastoreHarness,
  ...records: ReturnType<typeof sampleRecord>[]
): Promise<void> {
  const store = harness.newStore()
  await store.open()
  for (const record of records) await store.insertBatch(record)
  await store.close()
}

export const restartCases: readonly Case[] = [
  {
    group: 'retention',
    name: 'purges terminal batches past the retention on demand, in bounded statements; their ids can be submitted again',
    run: async (harness) => {
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
      await leftBehind(harness, ...olderStill)
      await withEngine(harness, options, async (engine) => {
        await engine.batches.submit(sampleRequest(expiredId), { user: 'alice' })
        await engine.launchesSettled()
        now += 3 * DAY
        await engine.batches.submit(sampleRequest(keptId), { user: 'alice' })
        await engine.launchesSettled()
        now += 1
        expect(await engine.purgeExpiredBatches()).toBe(5)
        expect((await harness.rawBatches()).map((r) => r.id)).toEqual([keptId])
        const again = await engine.batches.submit(sampleRequest(expiredId), { user: 'alice' })
        expect(isDuplicatedSubmission(again)).toBe(false)
        expect(again.createTime).toBe(now)
      })
    },
  },
  {
    group: 'retention',
    name: 'purges on its interval, in bounded statements, and never touches unfinished batches',
    run: async (harness) => {
      const ended = Array.from({ length: 7 }, () => sampleRecord({ state: 'FINISHED', endTime: 1 }))
      const running = sampleRecord({ state: 'RUNNING', startTime: 1, createdBy: 'someone-else' })
      await leftBehind(harness, ...ended, running)
      await withEngine(
        harness,
        { retention: { maxAgeMs: 1_000, intervalMs: 20, batchSize: 2 } },
        async () => {
          await waitUntil(async () => (await harness.rawBatches()).length === 1, 5_000, 'the scheduled purge')
        },
      )
      expect(await harness.rawBatches()).toMatchObject([{ id: running.id, state: 'RUNNING' }])
    },
  },
  {
    group: 'recovery',
    // Two live engines with one instanceId are a misconfiguration (each takes the other for its previous
    // life), but even then no batch is launched twice.
    name: 'a restarted instance launches its PENDING batches exactly once, even when started twice at once',
    run: async (harness) => {
      const mine = sampleRecord({ createdBy: 'gw-restarting', state: 'PENDING' })
      const others = sampleRecord({ createdBy: 'gw-other', state: 'PENDING' })
      await leftBehind(harness, mine, others)
      const launched: string[] = []
      const launchers = { SPARK: { launch: (batch: Batch) => Promise.resolve(void launched.push(batch.id)) } }
      const engines = await Promise.all(
        [1, 2].map(() => createEngine({ store: harness.newStore(), instanceId: 'gw-restarting', launchers })),
      )
      await Promise.all(engines.map((engine) => engine.launchesSettled()))
      await Promise.all(engines.map((engine) => engine.close()))
      expect(launched).toEqual([mine.id])
      const rows = await harness.rawBatches()
      expect(['FINISHED', 'ERROR']).toContain(rows.find((r) => r.id === mine.id)?.state)
      expect(rows.find((r) => r.id === others.id)?.state).toBe('PENDING')
    },
  },
  {
    group: 'recovery',
    name: "hands RUNNING batches to the launcher's recover, or ends them ERROR saying the instance restarted",
    run: async (harness) => {
      const recoverable = sampleRecord({
        createdBy: 'gw-r',
        state: 'RUNNING',
        startTime: 5,
        batchType: 'SPARK',
      })
      const orphan = sampleRecord({ createdBy: 'gw-r', state: 'RUNNING', startTime: 5, batchType: 'SHELL' })
      await leftBehind(harness, recoverable, orphan)
      const recovered: Batch[] = []
      const launchers = {
        SPARK: {
          launch: () => Promise.resolve(),
          recover: (batch: Batch) => Promise.resolve(void recovered.push(batch)),
        },
        SHELL: { launch: () => Promise.resolve() },
      }
      await withEngine(harness, { instanceId: 'gw-r', launchers }, async (engine) => {
        await engine.launchesSettled()
      })
      expect(recovered.map((batch) => [batch.id, batch.state])).toEqual([[recoverable.id, 'RUNNING']])
      const rows = await harness.rawBatches()
      expect(rows.find((r) => r.id === recoverable.id)?.state).toBe('FINISHED')
      const orphanRow = rows.find((r) => r.id === orphan.id)
      expect(orphanRow?.state).toBe('ERROR')
      expect(orphanRow?.diagnostic).toContain('gw-r restarted')
    },
  },
]
