import { describe, expect, it } from 'vitest'
import { decodeReply, TStatusCode } from '@batchgate/hive-thrift'
import { binaryPeer, startService } from './helpers/service-harness.js'
import { rawCall } from './helpers/raw-call.js'

/** Reads the status struct (field 1 of field 0) of a REPLY whose result holds only a status. */
function statusOfReply(reply: Buffer): { name: string; type: number; seqid: number; body: Buffer } {
  const version = reply.readUInt32BE(0)
  const nameLength = reply.readInt32BE(4)
  const name = reply.subarray(8, 8 + nameLength).toString('utf8')
  const seqid = reply.readInt32BE(8 + nameLength)
  return { name, type: version & 0xff, seqid, body: reply.subarray(12 + nameLength) }
}

describe('the processor', () => {
  it('answers a TCLIService method it does not serve with an ERROR status naming it', async () => {
    const harness = await startService()
    const reply = await harness.processor.process(rawCall('GetPrimaryKeys', 7), binaryPeer('alice'))
    if (reply === undefined) throw new Error('no reply')
    const { name, type, seqid, body } = statusOfReply(reply)
    expect([name, type, seqid]).toEqual(['GetPrimaryKeys', 2, 7])
    const text = body.toString('utf8')
    expect(text).toContain('GetPrimaryKeys is not served by this server')
    expect(text).toContain('HYC00')
    // field 0 (STRUCT) { field 1 (STRUCT) { field 1 (I32) = 3 (ERROR_STATUS) …
    expect([...body.subarray(0, 10)]).toEqual([12, 0, 0, 12, 0, 1, 8, 0, 1, 0])
    expect(body.readInt32BE(9)).toBe(TStatusCode.ERROR_STATUS)
  })

  it('answers a name that is no TCLIService method with TApplicationException UNKNOWN_METHOD', async () => {
    const harness = await startService()
    const reply = await harness.processor.process(rawCall('DropEverything', 3), binaryPeer('alice'))
    if (reply === undefined) throw new Error('no reply')
    const decoded = decodeReply(reply)
    expect(decoded).toMatchObject({ kind: 'exception', method: 'DropEverything', seqid: 3, type: 1 })
    if (decoded.kind === 'exception') expect(decoded.message).toContain('unknown method "DropEverything"')
  })

  it('answers GetQueryId (whose response has no status) with a TApplicationException saying it is not served', async () => {
    const harness = await startService()
    const reply = await harness.processor.process(rawCall('GetQueryId', 4), binaryPeer('alice'))
    if (reply === undefined) throw new Error('no reply')
    const decoded = decodeReply(reply)
    expect(decoded).toMatchObject({ kind: 'exception', method: 'GetQueryId', seqid: 4, type: 1 })
    if (decoded.kind === 'exception') expect(decoded.message).toContain('GetQueryId is not served')
  })

  it('rejects a message that does not decode, so the transport closes that connection', async () => {
    const harness = await startService()
    await expect(
      harness.processor.process(Buffer.from('GET / HTTP/1.1\r\n\r\n'), binaryPeer('alice')),
    ).rejects.toMatchObject({
      code: 'THRIFT_DECODE_ERROR',
    })
    const truncated = rawCall('OpenSession', 1).subarray(0, 12)
    await expect(harness.processor.process(truncated, binaryPeer('alice'))).rejects.toMatchObject({
      code: 'THRIFT_DECODE_ERROR',
    })
    // It keeps serving.
    await harness.open(binaryPeer('alice'))
  })

  it('answers a bug in the engine with HY000 and no detail, and tells onError', async () => {
    const broken = new Error('secret detail')
    // A fault injector around the real engine: its operations' status throws a plain Error (a bug).
    const harness = await startService({}, {}, (engine) => ({
      instanceId: engine.instanceId,
      isAdmin: (user) => engine.isAdmin(user),
      sessions: engine.sessions,
      operations: new Proxy(engine.operations, {
        get(target, property, receiver) {
          if (property === 'status') {
            return () => {
              throw broken
            }
          }
          const value: unknown = Reflect.get(target, property, receiver)
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
        },
      }),
    }))
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const operationHandle = await harness.execute(session, 'range 1', peer, true)
    const response = await harness.call('GetOperationStatus', { operationHandle }, peer)
    expect(response.status).toEqual({
      statusCode: TStatusCode.ERROR_STATUS,
      errorMessage: 'internal error: the server failed to answer this call',
      sqlState: 'HY000',
      errorCode: 0,
    })
    expect(harness.reported).toContain(broken)
  })
})
