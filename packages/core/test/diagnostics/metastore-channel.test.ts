import { randomUUID } from 'node:crypto'
import { ErrorCode, KYUUBI_BATCH_ID_KEY, type Engine } from '@batchgate/core'
import { CHANNEL_NAMES, metastoreChannel, type MetastoreCallMessage } from '@batchgate/core/diagnostics'
import { RecordingLauncher, waitUntil } from '@batchgate/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import { ChannelRecorder } from './channel-recorder.js'
import { engineOnFile } from './engine-on-file.js'

const INSTANCE = 'gw-metastore-diag'
const alice = { user: 'alice' }

describe('the batchgate:metastore channel', () => {
  let engine: Engine | undefined
  let calls: ChannelRecorder<MetastoreCallMessage> | undefined

  afterEach(async () => {
    calls?.stop()
    await engine?.close()
  })

  /** The calls about `id` (the engine's background work calls its store too: leases, the queue). */
  const callsAbout = (id: string): MetastoreCallMessage[] =>
    (calls?.ended ?? []).filter((call) => call.batchId === id)

  it("reports the submission's insertBatch and getBatch on SQLite, with the batch id, one attempt each", async () => {
    // Insert first: the duplicate is found by its key, not by a lookup.
    const launcher = new RecordingLauncher('hold')
    engine = await engineOnFile({
      instanceId: INSTANCE,
      launchers: { SPARK: launcher },
      lookupBeforeInsert: false,
    })
    calls = new ChannelRecorder<MetastoreCallMessage>(CHANNEL_NAMES.metastore)
    const id = randomUUID()
    const request = { batchType: 'SPARK', resource: 'app.jar', conf: { [KYUUBI_BATCH_ID_KEY]: id } }

    await engine.batches.submit(request, alice)
    // Launched (so claimed) before the rest: the launch's own calls come in no fixed order with them.
    await waitUntil(() => launcher.launched.length === 1)
    // The duplicate's insert hits the key (DUPLICATE_KEY, the expected answer), then reads the stored batch.
    await engine.batches.submit(request, alice)
    await engine.batches.get(id, alice)

    const call = { instanceId: INSTANCE, dbSystem: 'sqlite', batchId: id, attempts: 1 }
    expect(callsAbout(id).filter((c) => c.operation === 'insertBatch' || c.operation === 'getBatch')).toEqual(
      [
        expect.objectContaining({ ...call, operation: 'insertBatch', errorCode: undefined }),
        expect.objectContaining({ ...call, operation: 'insertBatch', errorCode: ErrorCode.DUPLICATE_KEY }),
        expect.objectContaining({ ...call, operation: 'getBatch', errorCode: undefined }),
        expect.objectContaining({ ...call, operation: 'getBatch', errorCode: undefined }),
      ],
    )
    expect(calls.failed).toContainEqual(
      expect.objectContaining({ operation: 'insertBatch', batchId: id, errorCode: ErrorCode.DUPLICATE_KEY }),
    )
    // The coordinated store's calls are traced too (the launch's claim of the batch it inserted).
    expect(callsAbout(id).map((c) => c.operation)).toContain('claimBatch')
  })

  it('reports calls about no batch with batchId undefined, and publishes nothing once unsubscribed', async () => {
    engine = await engineOnFile({ instanceId: INSTANCE })
    calls = new ChannelRecorder<MetastoreCallMessage>(CHANNEL_NAMES.metastore)

    await engine.batches.list(undefined, alice)
    expect(calls.ended).toContainEqual(
      expect.objectContaining({
        operation: 'listBatches',
        dbSystem: 'sqlite',
        batchId: undefined,
        attempts: 1,
      }),
    )

    calls.stop()
    expect(metastoreChannel.hasSubscribers).toBe(false)
    const before = calls.started.length
    await engine.batches.list(undefined, alice)
    expect(calls.started).toHaveLength(before)
  })
})
