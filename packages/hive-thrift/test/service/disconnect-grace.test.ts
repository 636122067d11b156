import { describe, expect, it } from 'vitest'
import { waitUntil } from '@batchgate/testkit'
import { TFetchOrientation, TStatusCode } from '@batchgate/hive-thrift'
import { binaryPeer, httpPeer, startService } from './helpers/service-harness.js'

/** Lets pending promise callbacks (the registry's `closed` handlers) run. */
const settle = () => new Promise((resolve) => setImmediate(resolve))

/** Waits `ms` on a real timer: here only to pass a grace period that must NOT close anything. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('sessions of a dropped binary connection', () => {
  it('are closed once the grace period after the connection closed has passed', async () => {
    const harness = await startService({}, { disconnectGraceMs: 50 })
    const peer = binaryPeer('alice')
    await harness.open(peer)
    await harness.open(peer)
    const other = binaryPeer('alice')
    await harness.open(other)
    peer.disconnect()
    await settle()
    // Still open right after the drop: the grace period runs.
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(3)
    await waitUntil(() => harness.engine.sessions.list({ user: 'alice' }).length === 1)
    // The session of the connection still open is kept.
    await sleep(100)
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(1)
  })

  it('are closed at once with disconnectGraceMs 0, as HiveServer2 does', async () => {
    const harness = await startService({}, { disconnectGraceMs: 0 })
    const peer = binaryPeer('alice')
    await harness.open(peer)
    peer.disconnect()
    await waitUntil(() => harness.engine.sessions.list({ user: 'alice' }).length === 0)
  })

  it('stay open when a new connection uses them within the grace period, and resume where they were', async () => {
    const harness = await startService({}, { disconnectGraceMs: 300 })
    const first = binaryPeer('alice')
    const session = await harness.open(first)
    const operationHandle = await harness.execute(session, 'range 10', first)
    await harness.call(
      'FetchResults',
      { operationHandle, orientation: TFetchOrientation.FETCH_NEXT, maxRows: 4 },
      first,
    )
    first.disconnect()
    await settle()
    const second = binaryPeer('alice')
    // The recovery of SPARK-29349: where was I? FETCH_PRIOR of the last block's size, then go on.
    const prior = await harness.call(
      'FetchResults',
      { operationHandle, orientation: TFetchOrientation.FETCH_PRIOR, maxRows: 4 },
      second,
    )
    expect(prior.results?.startRowOffset).toBe(0n)
    await sleep(450)
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(1)
    const next = await harness.call(
      'FetchResults',
      { operationHandle, orientation: TFetchOrientation.FETCH_NEXT, maxRows: 4 },
      second,
    )
    expect(next.results?.startRowOffset).toBe(4n)
    // Now bound to the second connection: its drop starts a new grace period.
    second.disconnect()
    await waitUntil(() => harness.engine.sessions.list({ user: 'alice' }).length === 0)
  })

  it('stay open when an HTTP request uses them within the grace period (then nothing hangs on a connection)', async () => {
    const harness = await startService({}, { disconnectGraceMs: 300 })
    const first = binaryPeer('alice')
    const session = await harness.open(first)
    first.disconnect()
    await settle()
    const info = await harness.call('GetInfo', { sessionHandle: session, infoType: 17 }, httpPeer('alice'))
    expect(info.status.statusCode).toBe(TStatusCode.SUCCESS_STATUS)
    await sleep(450)
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(1)
  })

  it("are not kept alive by another user's call on their handle", async () => {
    const harness = await startService({}, { disconnectGraceMs: 150 })
    const first = binaryPeer('alice')
    const session = await harness.open(first)
    first.disconnect()
    await settle()
    const byBob = await harness.call('GetInfo', { sessionHandle: session, infoType: 17 }, binaryPeer('bob'))
    expect(byBob.status.statusCode).toBe(TStatusCode.ERROR_STATUS)
    await waitUntil(() => harness.engine.sessions.list({ user: 'alice' }).length === 0)
  })

  it('over HTTP are never tied to a request: a finished request closes nothing', async () => {
    const harness = await startService({}, { disconnectGraceMs: 0 })
    const peer = httpPeer('alice')
    await harness.open(peer)
    peer.disconnect()
    await settle()
    await sleep(50)
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(1)
  })

  it('are left open when the service is closed first: close() cancels the pending closes', async () => {
    const harness = await startService({}, { disconnectGraceMs: 100 })
    const peer = binaryPeer('alice')
    await harness.open(peer)
    peer.disconnect()
    await settle()
    await harness.processor.close()
    await sleep(250)
    expect(harness.engine.sessions.list({ user: 'alice' })).toHaveLength(1)
    expect(harness.reported).toEqual([])
  })
})
