import { randomUUID } from 'node:crypto'
import {
  BatchgateError,
  ErrorCode,
  KYUUBI_BATCH_ID_KEY,
  type BatchRequest,
  type Engine,
} from '@batchgate/core'
import { CHANNEL_NAMES, submitChannel, type SubmitMessage } from '@batchgate/core/diagnostics'
import { InterceptingStore, RecordingLauncher } from '@batchgate/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import { ChannelRecorder } from './channel-recorder.js'
import { engineOnFile } from './engine-on-file.js'

const INSTANCE = 'gw-submit-diag'
const alice = { user: 'alice' }

function requestWithId(id: string, resource = 'hdfs:///jobs/app.jar'): BatchRequest {
  return { batchType: 'SPARK', resource, conf: { [KYUUBI_BATCH_ID_KEY]: id } }
}

/** What every message of a validated submission of `id` by alice says. */
function validated(id: string, idGiven = true): Partial<SubmitMessage> {
  return { instanceId: INSTANCE, user: 'alice', batchType: 'SPARK', batchId: id, idGiven }
}

describe('the batchgate:submit channel', () => {
  let engine: Engine | undefined
  let submits: ChannelRecorder<SubmitMessage> | undefined

  afterEach(async () => {
    submits?.stop()
    await engine?.close()
  })

  it('reports created, duplicate and conflict, with who submitted what under which id', async () => {
    engine = await engineOnFile({ instanceId: INSTANCE, launchers: { SPARK: new RecordingLauncher() } })
    submits = new ChannelRecorder<SubmitMessage>(CHANNEL_NAMES.submit)
    const id = randomUUID()

    // Given in upper case: the message names the canonical (stored) id.
    const created = await engine.batches.submit(requestWithId(id.toUpperCase()), alice)
    await engine.batches.submit(requestWithId(id), alice)
    const conflict = engine.batches.submit(requestWithId(id, 'hdfs:///jobs/other.jar'), alice)
    await expect(conflict).rejects.toMatchObject({ code: ErrorCode.BATCH_ID_CONFLICT })

    expect(created.id).toBe(id)
    expect(submits.ended).toEqual([
      expect.objectContaining({ ...validated(id), outcome: 'created', queued: false, errorCode: undefined }),
      expect.objectContaining({
        ...validated(id),
        outcome: 'duplicate',
        queued: undefined,
        errorCode: undefined,
      }),
      expect.objectContaining({
        ...validated(id),
        outcome: 'conflict',
        errorCode: ErrorCode.BATCH_ID_CONFLICT,
      }),
    ])
    expect(submits.ended[0]?.result).toEqual(created)
    // Node's `error` event, once, for the conflict only, with the outcome already set.
    expect(submits.failed).toEqual([
      expect.objectContaining({ outcome: 'conflict', error: expect.any(BatchgateError) }),
    ])
    // Nothing is known at `start` but the instance.
    expect(submits.started[0]).toMatchObject({ instanceId: INSTANCE, batchId: undefined, outcome: undefined })
  })

  it('reports a generated id, and a batch that went to the launch queue as queued', async () => {
    const held = new RecordingLauncher('hold')
    engine = await engineOnFile({ instanceId: INSTANCE, launchers: { SPARK: held }, maxRunningBatches: 1 })
    submits = new ChannelRecorder<SubmitMessage>(CHANNEL_NAMES.submit)

    const first = await engine.batches.submit({ batchType: 'SPARK', resource: 'a.jar' }, alice)
    const second = await engine.batches.submit({ batchType: 'SPARK', resource: 'b.jar' }, alice)

    expect(submits.ended).toEqual([
      expect.objectContaining({ ...validated(first.id, false), outcome: 'created', queued: false }),
      expect.objectContaining({ ...validated(second.id, false), outcome: 'created', queued: true }),
    ])
  })

  it.each<[string, BatchRequest, string]>([
    ['a request without a resource', { batchType: 'SPARK' } as BatchRequest, ErrorCode.INVALID_REQUEST],
    ['an id that is not one', requestWithId('not an id!'), ErrorCode.INVALID_BATCH_ID],
  ])('reports %s as invalid, with its code and nothing of the request', async (_case, request, code) => {
    engine = await engineOnFile({ instanceId: INSTANCE })
    submits = new ChannelRecorder<SubmitMessage>(CHANNEL_NAMES.submit)

    // Refused synchronously inside the service: still a rejection, still published.
    await expect(engine.batches.submit(request, alice)).rejects.toMatchObject({ code })

    expect(submits.ended).toEqual([
      expect.objectContaining({
        instanceId: INSTANCE,
        user: undefined,
        batchId: undefined,
        outcome: 'invalid',
        errorCode: code,
      }),
    ])
  })

  it("reports a launcher's refusal as invalid, after validation", async () => {
    const refusing = {
      launch: () => Promise.resolve(),
      validate: () => {
        throw new Error('no such queue')
      },
    }
    engine = await engineOnFile({ instanceId: INSTANCE, launchers: { SPARK: refusing } })
    submits = new ChannelRecorder<SubmitMessage>(CHANNEL_NAMES.submit)
    const id = randomUUID()

    await expect(engine.batches.submit(requestWithId(id), alice)).rejects.toMatchObject({
      code: ErrorCode.INVALID_REQUEST,
    })

    expect(submits.ended).toEqual([
      expect.objectContaining({ ...validated(id), outcome: 'invalid', errorCode: ErrorCode.INVALID_REQUEST }),
    ])
  })

  it('reports a metastore that fails as failed, and a closed engine too', async () => {
    let failing = false
    engine = await engineOnFile(
      { instanceId: INSTANCE, launchers: { SPARK: new RecordingLauncher() } },
      (store) =>
        new InterceptingStore(store, {
          beforeInsert: () => {
            if (failing)
              throw new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'injected: the database is gone')
          },
        }),
    )
    submits = new ChannelRecorder<SubmitMessage>(CHANNEL_NAMES.submit)
    const id = randomUUID()

    failing = true
    await expect(engine.batches.submit(requestWithId(id), alice)).rejects.toMatchObject({
      code: ErrorCode.METASTORE_UNAVAILABLE,
    })
    await engine.close()
    await expect(engine.batches.submit(requestWithId(id), alice)).rejects.toMatchObject({
      code: ErrorCode.CLOSED,
    })

    expect(submits.ended).toEqual([
      expect.objectContaining({
        ...validated(id),
        outcome: 'failed',
        errorCode: ErrorCode.METASTORE_UNAVAILABLE,
      }),
      expect.objectContaining({
        instanceId: INSTANCE,
        batchId: undefined,
        outcome: 'failed',
        errorCode: ErrorCode.CLOSED,
      }),
    ])
  })

  it('publishes nothing once unsubscribed', async () => {
    engine = await engineOnFile({ instanceId: INSTANCE, launchers: { SPARK: new RecordingLauncher() } })
    submits = new ChannelRecorder<SubmitMessage>(CHANNEL_NAMES.submit)
    await engine.batches.submit(requestWithId(randomUUID()), alice)
    submits.stop()

    expect(submitChannel.hasSubscribers).toBe(false)
    await engine.batches.submit(requestWithId(randomUUID()), alice)
    expect(submits.started).toHaveLength(1)
    expect(submits.ended).toHaveLength(1)
  })
})
