import { afterEach, describe, expect, it } from 'vitest'
import {
  ThriftAuthenticationError,
  ThriftTransportErrorCode,
  thriftNoAuth,
  thriftPasswordAuth,
} from '../../src/index.js'
import { startBinary, type BinaryFixture } from './helpers/binary-fixture.js'
import { SASL, echoProcessor, framed, readHeader, sasl, thriftCall } from './helpers/echo-processor.js'
import { RawClient } from './helpers/raw-client.js'
import { closeServer } from './helpers/servers.js'

const PASSWORD = 's3cret-Pa55'
const passwordAuth = thriftPasswordAuth({
  verify: (user, password) => user === 'alice' && password === PASSWORD,
})

let fixture: BinaryFixture | undefined
afterEach(async () => {
  if (fixture !== undefined) await closeServer(fixture.server)
  fixture = undefined
})

describe('thriftBinaryServer, SASL PLAIN', () => {
  it('completes the exchange Python sends (empty authzid, OK), then serves framed messages as that user', async () => {
    const processor = echoProcessor()
    fixture = await startBinary(processor, { authenticate: passwordAuth })
    const client = await RawClient.connect(fixture.port)
    client.write(sasl(SASL.START, 'PLAIN'))
    client.write(sasl(SASL.OK, `\0alice\0${PASSWORD}`))
    expect(await client.readSasl()).toEqual({ status: SASL.COMPLETE, payload: '' })

    client.write(framed(thriftCall('OpenSession', 7, 'hello')))
    const reply = await client.readFrame()
    expect(readHeader(reply)).toEqual({ type: 2, method: 'OpenSession', seqid: 7 })
    expect(reply.subarray(4)).toEqual(thriftCall('OpenSession', 7, 'hello').subarray(4))
    expect(processor.seen[0]?.peer).toMatchObject({
      transport: 'binary',
      user: 'alice',
      remoteAddress: '127.0.0.1',
    })
    client.destroy()
    await processor.seen[0]?.peer.closed
  })

  it("accepts hive-driver's START and OK in one write with the user as authzid, and Java's COMPLETE response", async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: passwordAuth })
    const hiveDriver = await RawClient.connect(fixture.port)
    hiveDriver.write(Buffer.concat([sasl(SASL.START, 'PLAIN'), sasl(SASL.OK, `alice\0alice\0${PASSWORD}`)]))
    expect((await hiveDriver.readSasl()).status).toBe(SASL.COMPLETE)
    const java = await RawClient.connect(fixture.port)
    java.write(sasl(SASL.START, 'PLAIN'))
    java.write(sasl(SASL.COMPLETE, `\0alice\0${PASSWORD}`))
    expect((await java.readSasl()).status).toBe(SASL.COMPLETE)
    java.write(framed(thriftCall('GetInfo', 1)))
    expect(readHeader(await java.readFrame()).method).toBe('GetInfo')
    hiveDriver.destroy()
    java.destroy()
  })

  it('answers a wrong password with BAD and the reason, closes, and never shows the password', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: passwordAuth })
    const client = await RawClient.connect(fixture.port)
    client.write(sasl(SASL.START, 'PLAIN'))
    client.write(sasl(SASL.OK, '\0alice\0wrong-Pa55word'))
    expect(await client.readSasl()).toEqual({
      status: SASL.BAD,
      payload: 'wrong user name or password',
    })
    await client.closed
    const error = await fixture.errorWith(ThriftTransportErrorCode.AUTHENTICATION_FAILED)
    expect(error.message).toBe('wrong user name or password')
    expect(
      JSON.stringify(fixture.errors.map((entry) => [entry.error.message, String(entry.error.cause)])),
    ).not.toContain('wrong-Pa55word')
  })

  it('answers ERROR "authentication failed" when the host check itself throws, without its message', async () => {
    fixture = await startBinary(echoProcessor(), {
      authenticate: () => {
        throw new Error(`directory down while checking ${PASSWORD}`)
      },
    })
    const client = await RawClient.connect(fixture.port)
    client.write(Buffer.concat([sasl(SASL.START, 'PLAIN'), sasl(SASL.OK, `\0alice\0${PASSWORD}`)]))
    expect(await client.readSasl()).toEqual({ status: SASL.ERROR, payload: 'authentication failed' })
    await client.closed
  })

  it('passes a ThriftAuthenticationError message of the host to the client', async () => {
    fixture = await startBinary(echoProcessor(), {
      authenticate: () => {
        throw new ThriftAuthenticationError('alice is locked out')
      },
    })
    const client = await RawClient.connect(fixture.port)
    client.write(Buffer.concat([sasl(SASL.START, 'PLAIN'), sasl(SASL.OK, `\0alice\0${PASSWORD}`)]))
    expect(await client.readSasl()).toEqual({ status: SASL.BAD, payload: 'alice is locked out' })
    await client.closed
  })

  it('answers another mechanism with BAD naming PLAIN, and closes', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: thriftNoAuth() })
    const client = await RawClient.connect(fixture.port)
    client.write(sasl(SASL.START, 'GSSAPI'))
    const answer = await client.readSasl()
    expect(answer.status).toBe(SASL.BAD)
    expect(answer.payload).toBe('unsupported SASL mechanism "GSSAPI": this server supports PLAIN')
    await client.closed
    expect((await fixture.errorWith(ThriftTransportErrorCode.SASL_NEGOTIATION_FAILED)).message).toContain(
      'GSSAPI',
    )
  })

  it('answers a malformed PLAIN response, or another authorization identity, with BAD', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: thriftNoAuth() })
    const cases: [string, string][] = [
      ['alice-and-no-separators', 'the PLAIN response must be authzid NUL user NUL password'],
      ['\0\0pw', 'the PLAIN response names no user'],
      ['bob\0alice\0pw', 'the PLAIN authorization identity must be empty or the user itself'],
    ]
    for (const [payload, reason] of cases) {
      const client = await RawClient.connect(fixture.port)
      client.write(Buffer.concat([sasl(SASL.START, 'PLAIN'), sasl(SASL.OK, payload)]))
      expect(await client.readSasl()).toEqual({ status: SASL.BAD, payload: reason })
      await client.closed
    }
  })

  it('lets thriftNoAuth name the PLAIN user, whatever the password', async () => {
    const processor = echoProcessor()
    fixture = await startBinary(processor, { authenticate: thriftNoAuth() })
    const client = await RawClient.connect(fixture.port)
    client.write(Buffer.concat([sasl(SASL.START, 'plain'), sasl(SASL.OK, '\0bob\0anything')]))
    expect((await client.readSasl()).status).toBe(SASL.COMPLETE)
    client.write(framed(thriftCall('OpenSession', 1)))
    await client.readFrame()
    expect(processor.seen[0]?.peer.user).toBe('bob')
    client.destroy()
  })

  it('closes a connection whose SASL exchange does not complete in time', async () => {
    fixture = await startBinary(echoProcessor(), {
      authenticate: thriftNoAuth(),
      handshakeTimeoutMs: 150,
    })
    const silent = await RawClient.connect(fixture.port)
    const halfway = await RawClient.connect(fixture.port)
    halfway.write(sasl(SASL.START, 'PLAIN'))
    expect((await silent.readUntilClosed()).length).toBe(0)
    expect((await halfway.readUntilClosed()).length).toBe(0)
    expect(
      fixture.errors.filter((entry) => entry.error.code === ThriftTransportErrorCode.HANDSHAKE_TIMEOUT),
    ).toHaveLength(2)
  })

  it('closes a connection declaring a SASL payload above the limit at once', async () => {
    fixture = await startBinary(echoProcessor(), { authenticate: thriftNoAuth() })
    const client = await RawClient.connect(fixture.port)
    const header = Buffer.from([SASL.START, 0x7f, 0xff, 0xff, 0xff])
    client.write(header)
    await client.closed
    expect((await fixture.errorWith(ThriftTransportErrorCode.MESSAGE_TOO_LARGE)).message).toBe(
      'a SASL message declares 2147483647 bytes, more than the limit of 65536',
    )
  })
})
