import { afterEach, describe, expect, it } from 'vitest'
import { ThriftTransportErrorCode, thriftNoAuth } from '../../src/index.js'
import { startBinary, type BinaryFixture } from './helpers/binary-fixture.js'
import { SASL, echoProcessor, framed, readHeader, sasl, thriftCall } from './helpers/echo-processor.js'
import { RawClient } from './helpers/raw-client.js'
import { closeServer } from './helpers/servers.js'

let fixture: BinaryFixture | undefined
afterEach(async () => {
  if (fixture !== undefined) await closeServer(fixture.server)
  fixture = undefined
})

async function saslClient(port: number): Promise<RawClient> {
  const client = await RawClient.connect(port)
  client.write(Buffer.concat([sasl(SASL.START, 'PLAIN'), sasl(SASL.OK, '\0alice\0pw')]))
  expect((await client.readSasl()).status).toBe(SASL.COMPLETE)
  return client
}

describe('thriftBinaryServer serving', () => {
  it('processes pipelined messages one at a time and replies in order', async () => {
    const processor = echoProcessor({ delays: { Slow: 120, Medium: 40 } })
    let active = 0
    let most = 0
    fixture = await startBinary(
      {
        process: async (message, peer) => {
          active += 1
          most = Math.max(most, active)
          try {
            return await processor.process(message, peer)
          } finally {
            active -= 1
          }
        },
      },
      { authenticate: thriftNoAuth() },
    )
    const client = await saslClient(fixture.port)
    client.write(
      Buffer.concat([
        framed(thriftCall('Slow', 1)),
        framed(thriftCall('Medium', 2)),
        framed(thriftCall('Fast', 3)),
      ]),
    )
    const replies = [await client.readFrame(), await client.readFrame(), await client.readFrame()]
    expect(replies.map((reply) => readHeader(reply).seqid)).toEqual([1, 2, 3])
    expect(most).toBe(1)
    client.destroy()
  })

  it('closes only the connection whose message the processor rejected', async () => {
    const processor = echoProcessor({ rejectMethod: 'Explode' })
    fixture = await startBinary(processor, { authenticate: thriftNoAuth() })
    const victim = await saslClient(fixture.port)
    const bystander = await saslClient(fixture.port)
    victim.write(framed(thriftCall('Explode', 1)))
    expect((await victim.readUntilClosed()).length).toBe(0)
    const error = await fixture.errorWith(ThriftTransportErrorCode.PROCESSOR_FAILED)
    expect((error.cause as Error).message).toBe('the processor refuses Explode')
    bystander.write(framed(thriftCall('GetInfo', 2)))
    expect(readHeader(await bystander.readFrame()).seqid).toBe(2)
    bystander.destroy()
  })

  it('gives each connection its own peer, whose closed resolves when the socket closes', async () => {
    const processor = echoProcessor()
    fixture = await startBinary(processor, { authenticate: thriftNoAuth() })
    const one = await saslClient(fixture.port)
    const two = await saslClient(fixture.port)
    one.write(framed(thriftCall('A', 1)))
    await one.readFrame()
    two.write(framed(thriftCall('B', 1)))
    await two.readFrame()
    const [peerOne, peerTwo] = processor.seen.map((entry) => entry.peer)
    expect(peerOne?.id).not.toBe(peerTwo?.id)
    let oneClosed = false
    void peerOne?.closed.then(() => (oneClosed = true))
    one.destroy()
    await peerOne?.closed
    expect(oneClosed).toBe(true)
    two.write(framed(thriftCall('B', 2)))
    expect(readHeader(await two.readFrame()).seqid).toBe(2)
    two.destroy()
    await peerTwo?.closed
  })

  it('ends open connections when the host closes the server', async () => {
    const processor = echoProcessor({ delays: { Slow: 60_000 } })
    const started = await startBinary(processor, { authenticate: thriftNoAuth() })
    const idle = await saslClient(started.port)
    const busy = await saslClient(started.port)
    busy.write(framed(thriftCall('Slow', 1)))
    while (processor.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const serverClosed = new Promise<void>((resolve) =>
      started.server.close(() => {
        resolve()
      }),
    )
    await Promise.all([idle.closed, busy.closed, serverClosed, processor.seen[0]?.peer.closed])
    expect(started.server.listening).toBe(false)
  })
})
