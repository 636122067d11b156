import { createEngine, type Batch } from '@batchgate/core'
import { expect } from 'vitest'
import { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withEngine } from './engine-helpers.js'
import { leftBehind } from './left-behind.js'

type Case = ConformanceCase<StoreFixture>

/** Recovery: a restarted instance takes over the unfinished batches of its earlier life. */
export const recoveryCases: readonly Case[] = [
  {
    group: 'recovery',
    // Two live engines with one instanceId are a misconfiguration (each takes the other for its previous
    // life), but even then no batch is launched twice.
    name: 'a restarted instance launches its PENDING batches exactly once, even when started twice at once',
    run: async (fixture) => {
      const mine = sampleRecord({ createdBy: 'gw-restarting', state: 'PENDING' })
      const others = sampleRecord({ createdBy: 'gw-other', state: 'PENDING' })
      await leftBehind(fixture, mine, others)
      const launched: string[] = []
      const launchers = { SPARK: { launch: (batch: Batch) => Promise.resolve(void launched.push(batch.id)) } }
      const engines = await Promise.all(
        [1, 2].map(() => createEngine({ store: fixture.newStore(), instanceId: 'gw-restarting', launchers })),
      )
      await Promise.all(engines.map((engine) => engine.launchesSettled()))
      await Promise.all(engines.map((engine) => engine.close()))
      expect(launched).toEqual([mine.id])
      const rows = await fixture.rawBatches()
      expect(['FINISHED', 'ERROR']).toContain(rows.find((r) => r.id === mine.id)?.state)
      expect(rows.find((r) => r.id === others.id)?.state).toBe('PENDING')
    },
  },
  {
    group: 'recovery',
    name: "hands RUNNING batches to the launcher's recover, or ends them ERROR saying the instance restarted",
    run: async (fixture) => {
      const recoverable = sampleRecord({
        createdBy: 'gw-r',
        state: 'RUNNING',
        startTime: 5,
        batchType: 'SPARK',
      })
      const orphan = sampleRecord({ createdBy: 'gw-r', state: 'RUNNING', startTime: 5, batchType: 'SHELL' })
      await leftBehind(fixture, recoverable, orphan)
      const recovered: Batch[] = []
      const launchers = {
        SPARK: {
          launch: () => Promise.resolve(),
          recover: (batch: Batch) => Promise.resolve(void recovered.push(batch)),
        },
        SHELL: { launch: () => Promise.resolve() },
      }
      await withEngine(fixture, { instanceId: 'gw-r', launchers }, async (engine) => {
        await engine.launchesSettled()
      })
      expect(recovered.map((batch) => [batch.id, batch.state])).toEqual([[recoverable.id, 'RUNNING']])
      const rows = await fixture.rawBatches()
      expect(rows.find((r) => r.id === recoverable.id)?.state).toBe('FINISHED')
      const orphanRow = rows.find((r) => r.id === orphan.id)
      expect(orphanRow?.state).toBe('ERROR')
      expect(orphanRow?.diagnostic).toContain('gw-r restarted')
    },
  },
]
