import { afterEach, describe, expect, it } from 'vitest'
import { ThriftTransportErrorCode, thriftNoAuth, thriftPasswordAuth } from '../../src/index.js'
import { startBinary, type BinaryFixture } from './helpers/binary-fixture.js'
import { echoProcessor, readHeader, thriftCall } from './helpers/echo-processor.js'
import { RawClient } from './helpers/raw-client.js'
import { closeServer } from './helpers/servers.js'

let fixture: BinaryFixture | undefined
afterEach(async () => {
  if (fixture !== undefined) await closeServer(fixture.server)
  fixture = undefined
})

describe('thriftBinaryServer, NOSASL', () => {
  it('serves unframed messages back to back, also when one arrives byte by byte', async () => {
    const processor = echoProcessor()
    fixture = await startBinary(processor, { authenticate: thriftNoAuth() })
    const client = await RawClient.connect(fixture.port)
    const first = thriftCall('OpenSession', 1, 'x'.repeat(300))
    client.write(first)
    expect(await client.read(first.length)).toEqual(
      Buffer.concat([first.subarray(0, 3), Buffer.from([2]), first.subarray(4)]),
    )
    const second = thriftCall('GetInfo', 2, 'é')
    for (const byte of second) {
      client.write(Buffer.from([byte]))
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(readHeader(await client.read(second.length))).toEqual({ type: 2, method: 'GetInfo', seqid: 2 })
    expect(processor.seen.map((entry) => entry.peer.user)).toEqual([undefined, undefined])
    expect(new Set(processor.seen.map((entry) => entry.peer.id)).size).toBe(1)
    client.destroy()
  })

  it('closes a NOSASL connection without a reply when the authentication needs a password', async () => {
    const processor = echoProcessor()
    fixture = await startBinary(processor, {
      authenticate: thriftPasswordAuth({ verify: () => true }),
    })
    const client = await RawClient.connect(fixture.port)
    client.write(thriftCall('OpenSession', 1))
    expect((await client.readUntilClosed()).length).toBe(0)
    expect(processor.seen).toHaveLength(0)
    expect((await fixture.errorWith(ThriftTransportErrorCode.AUTHENTICATION_FAILED)).message).toBe(
      'a NOSASL connection was refused: this server needs a user name and password (SASL PLAIN, or HTTP Basic)',
    )
  })

  it('closes a connection whose bytes cannot be a Thrift message', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: thriftNoAuth() })
    const client = await RawClient.connect(fixture.port)
    // The version word 0x8001 with a field type 0x7f that no Thrift type has.
    const message = thriftCall('OpenSession', 1)
    message[message.length - 8] = 0x7f
    client.write(message)
    expect((await client.readUntilClosed()).length).toBe(0)
    await fixture.errorWith(ThriftTransportErrorCode.MALFORMED_MESSAGE)
  })

  it('closes an unframed message growing past maxMessageBytes before it is whole', async () => {
    fixture = await startBinary(echoProcessor(), {
      authenticate: thriftNoAuth(),
      maxMessageBytes: 1024,
    })
    const client = await RawClient.connect(fixture.port)
    // Declares a 1 GiB string and sends 2 KiB of it.
    const message = thriftCall('OpenSession', 1)
    const header = Buffer.from(message.subarray(0, message.length - 1))
    header.writeInt32BE(1024 * 1024 * 1024, header.length - 4)
    client.write(Buffer.concat([header, Buffer.alloc(2048)]))
    await client.closed
    await fixture.errorWith(ThriftTransportErrorCode.MESSAGE_TOO_LARGE)
  })
})

describe('thriftBinaryServer, an unframed header declaring too much', () => {
  it('closes the connection on the header alone, without waiting for the message timeout', async () => {
    fixture = await startBinary(echoProcessor(), {
      authenticate: thriftNoAuth(),
      maxMessageBytes: 1024,
      messageTimeoutMs: 600_000,
    })
    const client = await RawClient.connect(fixture.port)
    // Only the header and a 1 GiB string's size: nothing of the string follows.
    const message = thriftCall('OpenSession', 1)
    const header = Buffer.from(message.subarray(0, message.length - 1))
    header.writeInt32BE(1024 * 1024 * 1024, header.length - 4)
    client.write(header)
    await client.closed
    const error = await fixture.errorWith(ThriftTransportErrorCode.MESSAGE_TOO_LARGE)
    expect(error.message).toBe('an unframed message is larger than the limit of 1024 bytes')
    const good = await RawClient.connect(fixture.port)
    good.write(thriftCall('GetInfo', 3))
    expect(readHeader(await good.read(thriftCall('GetInfo', 3).length)).seqid).toBe(3)
    good.destroy()
  })
})

describe('thriftBinaryServer, the first byte', () => {
  it('closes a connection starting with neither SASL START nor a strict binary message, and keeps serving', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: thriftNoAuth() })
    const garbage = await RawClient.connect(fixture.port)
    garbage.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'))
    expect((await garbage.readUntilClosed()).length).toBe(0)
    expect((await fixture.errorWith(ThriftTransportErrorCode.UNKNOWN_TRANSPORT)).message).toBe(
      'the first byte 0x47 is neither SASL START (0x01) nor a strict binary Thrift message (0x80)',
    )
    const good = await RawClient.connect(fixture.port)
    good.write(thriftCall('GetInfo', 3))
    expect(readHeader(await good.read(thriftCall('GetInfo', 3).length)).seqid).toBe(3)
    good.destroy()
  })
})
