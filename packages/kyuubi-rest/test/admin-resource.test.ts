import { describe, expect, it } from 'vitest'
import {
  createEngine,
  type Batch,
  type BatchLauncher,
  type BatchRequest,
  type Engine,
  type LaunchContext,
  type LeaseConfig,
} from '@batchgate/core'
import { waitUntil } from '@batchgate/testkit'
import {
  kyuubiNoneAuth,
  type BatchDto,
  type InstanceDto,
  type ReassignBatchResponseDto,
} from '@batchgate/kyuubi-rest'
import { call } from './helpers/http-call.js'
import { newBatchId, newSparkBatchRequest } from './helpers/kyuubi-requests.js'
import { useSqliteRest } from './helpers/sqlite-rest.js'

const INSTANCES = '/api/v1/admin/instances'
const REASSIGN = '/api/v1/batches/reassign'
const BATCHES = '/api/v1/batches'

/**
 * Leases long enough that no heartbeat (and so no automatic adoption) happens during a test: what these
 * tests see is the answer of the calls themselves.
 */
const QUIET_LEASE: LeaseConfig = { durationMs: 60_000, renewIntervalMs: 20_000 }

/** A launcher whose launches and recoveries hold until the test ends them; it records both. */
class HoldingLauncher implements BatchLauncher {
  readonly launched: string[] = []
  readonly recovered: string[] = []

  launch(batch: Batch, context: LaunchContext): Promise<void> {
    this.launched.push(batch.id)
    return held(context)
  }

  recover(batch: Batch, context: LaunchContext): Promise<void> {
    this.recovered.push(batch.id)
    return held(context)
  }
}

/** Settles when the launch is aborted (a cancel): the batch then ends CANCELED. */
function held(context: LaunchContext): Promise<void> {
  return new Promise((resolve) => {
    context.signal.addEventListener(
      'abort',
      () => {
        resolve()
      },
      { once: true },
    )
  })
}

// The admin endpoints over real HTTP against real engines sharing one SQLite file: gw-1 is served, gw-2
// is a second engine on the same file (another instance of the deployment).
describe('admin endpoints over HTTP on one SQLite file shared by two engines', () => {
  const harness = useSqliteRest()

  async function twoInstances(): Promise<{
    baseUrl: string
    gw1: HoldingLauncher
    gw2: HoldingLauncher
    other: Engine
  }> {
    const gw1 = new HoldingLauncher()
    const gw2 = new HoldingLauncher()
    const { baseUrl } = await harness.serve(
      { instanceId: 'gw-1', admins: ['admin'], launchers: { SPARK: gw1 }, lease: QUIET_LEASE },
      { authenticate: kyuubiNoneAuth() },
    )
    const other = await createEngine({
      store: harness.fixture.newStore(),
      instanceId: 'gw-2',
      admins: ['admin'],
      launchers: { SPARK: gw2 },
      lease: QUIET_LEASE,
      retention: false,
    })
    return { baseUrl, gw1, gw2, other }
  }

  const instances = async (baseUrl: string): Promise<InstanceDto[]> => {
    const answer = await call(baseUrl, { path: INSTANCES, user: 'admin' })
    expect(answer.status, answer.text).toBe(200)
    return answer.json as InstanceDto[]
  }
  const reassign = (baseUrl: string, kyuubiInstance: string) =>
    call(baseUrl, { method: 'POST', path: REASSIGN, body: { kyuubiInstance }, user: 'admin' })

  it('GET /admin/instances lists every lease with its expiry, liveness and running count', async () => {
    const { baseUrl, gw1, other } = await twoInstances()
    try {
      const before = Date.now()
      const listed = await instances(baseUrl)
      expect(listed.sort((a, b) => a.kyuubiInstance.localeCompare(b.kyuubiInstance))).toEqual([
        {
          kyuubiInstance: 'gw-1',
          leaseExpireTime: expect.any(Number),
          live: true,
          runningBatches: 0,
          self: true,
        },
        {
          kyuubiInstance: 'gw-2',
          leaseExpireTime: expect.any(Number),
          live: true,
          runningBatches: 0,
          self: false,
        },
      ])
      // The database's clock is this machine's: the leases end about QUIET_LEASE.durationMs from now.
      for (const instance of listed) expect(instance.leaseExpireTime).toBeGreaterThan(before)

      const submitted = await call(baseUrl, {
        method: 'POST',
        path: BATCHES,
        body: newSparkBatchRequest(),
        user: 'alice',
      })
      const { id } = submitted.json as BatchDto
      await waitUntil(() => gw1.launched.includes(id))
      await waitUntil(async () => (await engineBatch(baseUrl, id)).state === 'RUNNING')
      const self = (await instances(baseUrl)).find((instance) => instance.self)
      expect(self).toMatchObject({ kyuubiInstance: 'gw-1', runningBatches: 1 })
    } finally {
      await other.close()
    }
  })

  it('POST /batches/reassign of a live instance, or of the answering one, is 409 INSTANCE_ALIVE', async () => {
    const { baseUrl, other } = await twoInstances()
    try {
      for (const instance of ['gw-2', 'gw-1']) {
        const answer = await reassign(baseUrl, instance)
        expect(answer.status, answer.text).toBe(409)
        expect(answer.json).toEqual({ code: 'INSTANCE_ALIVE', message: expect.stringContaining(instance) })
      }
      expect(harness.reported).toEqual([])
    } finally {
      await other.close()
    }
  })

  it("POST /batches/reassign moves a closed instance's RUNNING batch here, which then shows as its kyuubiInstance", async () => {
    const { baseUrl, gw1, gw2, other } = await twoInstances()
    let otherClosed = false
    try {
      const id = newBatchId()
      const request = newSparkBatchRequest({ 'kyuubi.batch.id': id }) as unknown as BatchRequest
      await other.batches.submit(request, { user: 'alice' })
      await waitUntil(() => gw2.launched.includes(id))
      await waitUntil(async () => (await engineBatch(baseUrl, id)).state === 'RUNNING')
      expect(await engineBatch(baseUrl, id)).toMatchObject({ kyuubiInstance: 'gw-2' })

      // gw-2 closes: it hands its lease back at once, and nobody watches its batch any more.
      await other.close()
      otherClosed = true
      const lost = (await instances(baseUrl)).find((instance) => instance.kyuubiInstance === 'gw-2')
      expect(lost).toMatchObject({ live: false, runningBatches: 1, self: false })

      const answer = await reassign(baseUrl, 'gw-2')
      expect(answer.status, answer.text).toBe(200)
      expect(answer.json).toEqual({
        batchIds: [id],
        originalKyuubiInstance: 'gw-2',
        newKyuubiInstance: 'gw-1',
      } satisfies ReassignBatchResponseDto)
      await waitUntil(() => gw1.recovered.includes(id))
      expect(gw1.launched).toEqual([])
      expect(await engineBatch(baseUrl, id)).toMatchObject({ state: 'RUNNING', kyuubiInstance: 'gw-1' })

      // Nothing is left to move: a second call moves nothing.
      const again = await reassign(baseUrl, 'gw-2')
      expect(again.status, again.text).toBe(200)
      expect(again.json).toMatchObject({ batchIds: [] })
      expect(harness.reported).toEqual([])
    } finally {
      if (!otherClosed) await other.close()
    }
  })
})

async function engineBatch(baseUrl: string, id: string): Promise<BatchDto> {
  const answer = await call(baseUrl, { path: `${BATCHES}/${id}`, user: 'admin' })
  expect(answer.status, answer.text).toBe(200)
  return answer.json as BatchDto
}
