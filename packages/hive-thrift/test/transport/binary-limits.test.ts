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

/** A client past the SASL PLAIN exchange (thriftNoAuth lets anyone in). */
async function saslClient(port: number, user = 'alice'): Promise<RawClient> {
  const client = await RawClient.connect(port)
  client.write(Buffer.concat([sasl(SASL.START, 'PLAIN'), sasl(SASL.OK, `\0${user}\0pw`)]))
  const answer = await client.readSasl()
  if (answer.status !== SASL.COMPLETE) throw new Error(`SASL status ${answer.status}`)
  return client
}

async function roundTrip(client: RawClient, method: string, seqid: number): Promise<void> {
  client.write(framed(thriftCall(method, seqid)))
  expect(readHeader(await client.readFrame())).toEqual({ type: 2, method, seqid })
}

describe('thriftBinaryServer limits', () => {
  it('closes a connection declaring a frame above maxMessageBytes at once, before its bytes arrive', async () => {
    const processor = echoProcessor()
    fixture = await startBinary(processor, { authenticate: thriftNoAuth(), maxMessageBytes: 1024 })
    const client = await saslClient(fixture.port)
    // Only the 4-byte header of a 2 GiB frame: the server must not wait for (or allocate) the rest.
    client.write(Buffer.from([0x7f, 0xff, 0xff, 0xff]))
    await client.closed
    expect((await fixture.errorWith(ThriftTransportErrorCode.MESSAGE_TOO_LARGE)).message).toBe(
      'a frame declares 2147483647 bytes, more than the limit of 1024',
    )
    expect(processor.seen).toHaveLength(0)
    // A frame of exactly the limit is served.
    const other = await saslClient(fixture.port)
    const name = 'x'.repeat(1024 - thriftCall('', 1).length)
    await roundTrip(other, name, 1)
    other.destroy()
  })

  it('reports a frame truncated by the client closing, and keeps serving others', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: thriftNoAuth() })
    const client = await saslClient(fixture.port)
    const frame = framed(thriftCall('ExecuteStatement', 1, 'select 1'))
    client.socket.end(frame.subarray(0, frame.length - 3))
    await client.closed
    expect((await fixture.errorWith(ThriftTransportErrorCode.TRUNCATED)).message).toBe(
      `the connection ended inside a message (${frame.length - 3} bytes of it arrived)`,
    )
    const other = await saslClient(fixture.port)
    await roundTrip(other, 'GetInfo', 2)
    other.destroy()
  })

  it('closes a slow client whose message does not arrive whole within messageTimeoutMs', async () => {
    fixture = await startBinary(echoProcessor(), {
      authenticate: thriftNoAuth(),
      messageTimeoutMs: 200,
    })
    const client = await saslClient(fixture.port)
    await roundTrip(client, 'OpenSession', 1)
    const frame = framed(thriftCall('ExecuteStatement', 2, 'x'.repeat(100)))
    client.write(frame.subarray(0, 6))
    // Trickling bytes does not restart the clock: the whole message is what must arrive in time.
    let sent = 6
    const trickle = setInterval(() => {
      if (!client.socket.destroyed && sent < frame.length - 1) client.write(frame.subarray(sent, ++sent))
    }, 30)
    const started = Date.now()
    await client.closed
    clearInterval(trickle)
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    expect((await fixture.errorWith(ThriftTransportErrorCode.MESSAGE_TIMEOUT)).message).toMatch(
      /^a message did not arrive whole within 200 ms \(\d+ bytes of it did\)$/,
    )
    expect(sent).toBeGreaterThan(8)
  })

  it('closes a connection idle for longer than idleTimeoutMs', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: thriftNoAuth(), idleTimeoutMs: 200 })
    const client = await saslClient(fixture.port)
    await roundTrip(client, 'OpenSession', 1)
    await client.closed
    await fixture.errorWith(ThriftTransportErrorCode.IDLE_TIMEOUT)
  })

  it('counts idleTimeoutMs from the last reply: a client calling more often, or waiting on a slow call, stays open', async () => {
    fixture = await startBinary(echoProcessor({ delays: { ExecuteStatement: 450 } }), {
      authenticate: thriftNoAuth(),
      idleTimeoutMs: 300,
    })
    const client = await saslClient(fixture.port)
    // Five calls 150 ms apart (750 ms in all, over two idle periods), then one call slower than the period.
    for (let seqid = 1; seqid <= 5; seqid++) {
      await roundTrip(client, 'GetInfo', seqid)
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    await roundTrip(client, 'ExecuteStatement', 6)
    await roundTrip(client, 'GetInfo', 7)
    expect(client.socket.destroyed).toBe(false)
    const idleFrom = Date.now()
    await client.closed
    expect(Date.now() - idleFrom).toBeGreaterThanOrEqual(250)
    await fixture.errorWith(ThriftTransportErrorCode.IDLE_TIMEOUT)
  })

  it('refuses connections above maxConnections at once, and accepts again once one closed', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: thriftNoAuth(), maxConnections: 2 })
    const first = await saslClient(fixture.port)
    const second = await saslClient(fixture.port)
    const third = await RawClient.connect(fixture.port)
    expect((await third.readUntilClosed()).length).toBe(0)
    await fixture.errorWith(ThriftTransportErrorCode.TOO_MANY_CONNECTIONS)
    await roundTrip(second, 'GetInfo', 1)
    first.destroy()
    await first.closed
    // The server sees the close a moment after the client does.
    let fourth: RawClient | undefined
    for (let attempt = 0; fourth === undefined && attempt < 50; attempt++) {
      try {
        fourth = await saslClient(fixture.port)
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    if (fourth === undefined) throw new Error('no connection accepted after one closed')
    await roundTrip(fourth, 'GetInfo', 2)
    second.destroy()
    fourth.destroy()
  })

  it('stops reading from a client that does not read its replies, and closes it after writeTimeoutMs', async () => {
    const processor = echoProcessor({ bigReply: { method: 'FetchResults', bytes: 8 * 1024 * 1024 } })
    fixture = await startBinary(processor, {
      authenticate: thriftNoAuth(),
      maxPendingWriteBytes: 64 * 1024,
      writeTimeoutMs: 300,
    })
    const client = await saslClient(fixture.port)
    client.socket.pause()
    client.write(framed(thriftCall('FetchResults', 1)))
    client.write(framed(thriftCall('FetchResults', 2)))
    await fixture.errorWith(ThriftTransportErrorCode.WRITE_TIMEOUT)
    // A paused socket sees the close only once it reads again.
    client.socket.resume()
    await client.closed
    // The second call was never read: the server waited for the client to take the first reply.
    expect(processor.seen.map((entry) => entry.seqid)).toEqual([1])
  })
})
