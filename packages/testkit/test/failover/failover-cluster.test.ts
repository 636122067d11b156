import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFailoverCluster, type FailoverCluster } from '../../src/failover/failover-cluster.js'
import { isProcessRunning } from '../../src/failover/process-alive.js'
import { waitUntil } from '../../src/harness/wait-until.js'

// The cluster's own mechanics (processes, IPC, signals, clean-up) on a SQLite file; the failover
// scenarios themselves run in each store's tests.
describe('a failover cluster', () => {
  let fixture: SqliteFixture
  let cluster: FailoverCluster | undefined
  beforeEach(() => {
    fixture = sqliteFixture()
  })
  afterEach(async () => {
    await cluster?.close()
    cluster = undefined
    await fixture.dispose()
  })

  it(
    'runs engine processes that launch real work writing the external log',
    { timeout: 30_000 },
    async () => {
      const started = await startFailoverCluster({ fixture, instances: 2, workMs: 300 })
      cluster = started
      expect(started.workers.map((worker) => worker.instanceId)).toEqual(['fo-0', 'fo-1'])
      const first = started.worker('fo-0')
      const a = await first.submit()
      const b = await started.worker('fo-1').submit({ workMs: 100, name: 'short' })
      expect(b.name).toBe('short')
      await waitUntil(() => started.workLog().filter((entry) => entry.event === 'end').length === 2, 10_000)
      const log = started.workLog()
      expect(
        log
          .filter((entry) => entry.event === 'launch')
          .map((entry) => [entry.batchId, entry.instanceId])
          .sort(),
      ).toEqual(
        [
          [a.id, 'fo-0'],
          [b.id, 'fo-1'],
        ].sort(),
      )
      expect(first.events.map((event) => [event.kind, event.batchId])).toEqual([['launched', a.id]])
      await waitUntil(
        async () => (await fixture.rawBatches()).every((row) => row.state === 'FINISHED'),
        10_000,
      )
    },
  )

  it("passes on the engine's refusal with its code", { timeout: 30_000 }, async () => {
    cluster = await startFailoverCluster({ fixture, instances: 1 })
    await expect(cluster.worker('fo-0').submit({ batchType: 'OTHER', resource: 'x' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    })
  })

  it(
    'stops, resumes and kills a worker; a killed worker fails its calls; close kills the orphaned work',
    { timeout: 30_000 },
    async () => {
      const started = await startFailoverCluster({ fixture, instances: 2, workMs: 60_000 })
      cluster = started
      const victim = started.worker('fo-0')
      await victim.submit()
      await waitUntil(() => started.workLog().length === 1, 10_000, 'the launch line')
      const work = started.workLog()[0]?.pid ?? -1
      victim.stop()
      expect(victim.stopped).toBe(true)
      // A call to a stopped engine waits; it is answered once the engine runs again.
      let answered = false
      const submitting = victim.submit({ workMs: 60_000 }).then((batch) => {
        answered = true
        return batch
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(answered).toBe(false)
      victim.resume()
      await submitting
      await victim.holdClaims()
      await victim.kill()
      expect(victim.running).toBe(false)
      expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' })
      await expect(victim.submit()).rejects.toThrow(/fo-0 has exited/)
      const replacement = await started.addWorker()
      expect(replacement.instanceId).toBe('fo-2')
      expect((await replacement.submit({ workMs: 10 })).createdBy).toBe('fo-2')
      // Its work outlives it, as a real job outlives a dead host; the cluster's close kills it.
      expect(isProcessRunning(work)).toBe(true)
      expect(started.worker('fo-1').running).toBe(true)
      await started.close()
      expect(isProcessRunning(work)).toBe(false)
      expect(started.worker('fo-1').running).toBe(false)
    },
  )

  it(
    'rejects at start with the reason when a worker cannot open its store',
    { timeout: 30_000 },
    async () => {
      const broken = { ...fixture, reopen: { module: '@batchgate/no-such-store/testing', spec: 'nowhere:' } }
      await expect(startFailoverCluster({ fixture: broken, instances: 2 })).rejects.toThrow(
        /could not start: .*no-such-store/,
      )
    },
  )
})
