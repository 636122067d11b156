import { Agent, type Server } from 'node:http'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  ThriftTransportErrorCode,
  thriftHttpHandler,
  thriftNoAuth,
  thriftPasswordAuth,
  type ThriftHttpHandlerOptions,
  type ThriftMessageProcessor,
  type ThriftPeer,
  type ThriftTransportError,
} from '../../src/index.js'
import { echoProcessor, readHeader, thriftCall } from './helpers/echo-processor.js'
import { basic, httpCall } from './helpers/http-call.js'
import { closeServer, httpServer } from './helpers/servers.js'

const PASSWORD = 'http-Pa55'
const passwordAuth = thriftPasswordAuth({
  verify: (user, password) => user === 'alice' && password === PASSWORD,
})

let server: Server | undefined
afterEach(async () => {
  if (server !== undefined) await closeServer(server)
  server = undefined
})

async function start(
  processor: ThriftMessageProcessor,
  options: Omit<ThriftHttpHandlerOptions, 'onError'>,
): Promise<{ port: number; errors: ThriftTransportError[]; handler: ReturnType<typeof thriftHttpHandler> }> {
  const errors: ThriftTransportError[] = []
  const handler = thriftHttpHandler(processor, { ...options, onError: (error) => errors.push(error) })
  const started = await httpServer(handler)
  server = started.server
  return { port: started.port, errors, handler }
}

const thriftType = { 'Content-Type': 'application/x-thrift' }

describe('thriftHttpHandler', () => {
  it('answers a POST of one message with the reply as application/x-thrift, as the Basic user', async () => {
    const processor = echoProcessor()
    const { port } = await start(processor, { authenticate: passwordAuth })
    const answer = await httpCall(port, {
      headers: { ...thriftType, Authorization: basic('alice', PASSWORD) },
      body: thriftCall('OpenSession', 5, 'hi'),
    })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe('application/x-thrift')
    expect(readHeader(answer.body)).toEqual({ type: 2, method: 'OpenSession', seqid: 5 })
    const peer = processor.seen[0]?.peer
    expect(peer).toMatchObject({ transport: 'http', user: 'alice', remoteAddress: '127.0.0.1' })
    await peer?.closed
  })

  it('keeps the connection alive across requests, each request its own peer', async () => {
    const processor = echoProcessor()
    const { port } = await start(processor, { authenticate: thriftNoAuth() })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const first = await httpCall(port, { agent, headers: thriftType, body: thriftCall('A', 1) })
      const second = await httpCall(port, { agent, headers: thriftType, body: thriftCall('B', 2) })
      expect([first.status, second.status]).toEqual([200, 200])
      expect(first.localPort).toBe(second.localPort)
      expect(readHeader(second.body).seqid).toBe(2)
      const [peerA, peerB] = processor.seen.map((entry) => entry.peer)
      expect(peerA?.id).not.toBe(peerB?.id)
      expect(peerA?.user).toBeUndefined()
      await peerA?.closed
    } finally {
      agent.destroy()
    }
  })

  it('answers 401 with a Basic challenge without credentials, with a wrong password, or another scheme', async () => {
    const processor = echoProcessor()
    const { port, errors } = await start(processor, { authenticate: passwordAuth, realm: 'hive' })
    const cases: [Record<string, string>, string][] = [
      [{}, 'this server needs a user name and password (SASL PLAIN, or HTTP Basic)'],
      [{ Authorization: basic('alice', 'wrong-Pa55') }, 'wrong user name or password'],
      [{ Authorization: 'Bearer abc' }, 'the Authorization header must use the Basic scheme'],
    ]
    for (const [headers, message] of cases) {
      const answer = await httpCall(port, {
        headers: { ...thriftType, ...headers },
        body: thriftCall('A', 1),
      })
      expect(answer.status).toBe(401)
      expect(answer.headers['www-authenticate']).toBe('Basic realm="hive", charset="UTF-8"')
      expect(answer.body.toString()).toBe(`${message}\n`)
    }
    expect(processor.seen).toHaveLength(0)
    expect(errors.map((error) => error.code)).toEqual(
      Array(3).fill(ThriftTransportErrorCode.AUTHENTICATION_FAILED),
    )
    expect(JSON.stringify(errors.map((error) => [error.message, String(error.cause)]))).not.toContain(
      'wrong-Pa55',
    )
  })

  it('closes the connection after a 401 rather than read the body an unauthenticated client sends', async () => {
    const { port } = await start(echoProcessor(), { authenticate: passwordAuth })
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    const closed = new Promise<void>((resolve) =>
      socket.once('close', () => {
        resolve()
      }),
    )
    // Announces 1 GiB and sends a little of it: the server answers and closes instead of reading on.
    socket.write(
      `POST /cliservice HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${2 ** 30}\r\n\r\n${'x'.repeat(1000)}`,
    )
    await closed
    const text = Buffer.concat(received).toString()
    expect(text).toMatch(/^HTTP\/1\.1 401 /)
    expect(text.toLowerCase()).toContain('connection: close')
  })

  it('answers 404 off the path and 405 with Allow: POST for another method', async () => {
    const { port } = await start(echoProcessor(), { authenticate: thriftNoAuth(), path: '/thrift' })
    const elsewhere = await httpCall(port, { path: '/cliservice', body: thriftCall('A', 1) })
    expect(elsewhere.status).toBe(404)
    expect(elsewhere.body.toString()).toBe('no Thrift service at /cliservice: POST to /thrift\n')
    const get = await httpCall(port, { method: 'GET', path: '/thrift?x=1' })
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
    const post = await httpCall(port, { path: '/thrift?x=1', body: thriftCall('A', 1) })
    expect(post.status).toBe(200)
  })

  it('answers 413 to a body above maxMessageBytes, by Content-Length or by streaming', async () => {
    const processor = echoProcessor()
    const { port, errors } = await start(processor, { authenticate: thriftNoAuth(), maxMessageBytes: 1000 })
    const declared = await httpCall(port, { headers: thriftType, body: Buffer.alloc(1001) })
    expect(declared.status).toBe(413)
    expect(declared.body.toString()).toBe('the request body is larger than 1000 bytes\n')
    const chunked = await httpCall(port, {
      headers: { ...thriftType, 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(5000),
    })
    expect(chunked.status).toBe(413)
    expect(processor.seen).toHaveLength(0)
    expect(errors.map((error) => error.code)).toEqual([
      ThriftTransportErrorCode.MESSAGE_TOO_LARGE,
      ThriftTransportErrorCode.MESSAGE_TOO_LARGE,
    ])
    const exact = await httpCall(port, {
      headers: thriftType,
      body: thriftCall('x'.repeat(1000 - thriftCall('', 1).length), 1),
    })
    expect(exact.status).toBe(200)
  })

  it('answers 408 and closes when the body does not arrive within bodyTimeoutMs', async () => {
    const processor = echoProcessor()
    const { port, errors } = await start(processor, { authenticate: thriftNoAuth(), bodyTimeoutMs: 150 })
    const socket = connect(port, '127.0.0.1')
    const received: Buffer[] = []
    socket.on('data', (chunk: Buffer) => received.push(chunk))
    const closed = new Promise<void>((resolve) =>
      socket.once('close', () => {
        resolve()
      }),
    )
    socket.write(
      'POST /cliservice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-thrift\r\nContent-Length: 100\r\n\r\n0123456789',
    )
    await closed
    const text = Buffer.concat(received).toString()
    expect(text).toMatch(/^HTTP\/1\.1 408 /)
    expect(text).toContain('the request body did not arrive within 150 ms')
    expect(errors.map((error) => error.code)).toEqual([ThriftTransportErrorCode.MESSAGE_TIMEOUT])
    expect(processor.seen).toHaveLength(0)
  })

  it('answers 400 to an empty body and 500 when the processor rejects, then serves the next request', async () => {
    const processor = echoProcessor({ rejectMethod: 'Explode' })
    const { port, errors } = await start(processor, { authenticate: thriftNoAuth() })
    expect((await httpCall(port, { headers: thriftType })).status).toBe(400)
    const failed = await httpCall(port, { headers: thriftType, body: thriftCall('Explode', 1) })
    expect(failed.status).toBe(500)
    expect(failed.body.toString()).toBe('the Thrift service failed to process the message\n')
    expect(errors.map((error) => error.code)).toEqual([
      ThriftTransportErrorCode.MALFORMED_MESSAGE,
      ThriftTransportErrorCode.PROCESSOR_FAILED,
    ])
    expect((await httpCall(port, { headers: thriftType, body: thriftCall('Fine', 2) })).status).toBe(200)
  })

  it('close() waits for requests in flight and answers later ones 503', async () => {
    let release: (() => void) | undefined
    const seen: ThriftPeer[] = []
    const { port, handler } = await start(
      {
        process: async (message, peer) => {
          seen.push(peer)
          await new Promise<void>((resolve) => (release = resolve))
          return message
        },
      },
      { authenticate: thriftNoAuth() },
    )
    const inFlight = httpCall(port, { headers: thriftType, body: thriftCall('Slow', 1) })
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    let closed = false
    const closing = handler.close().then(() => (closed = true))
    expect((await httpCall(port, { headers: thriftType, body: thriftCall('Late', 2) })).status).toBe(503)
    expect(closed).toBe(false)
    release?.()
    expect((await inFlight).status).toBe(200)
    await closing
    expect(closed).toBe(true)
  })
})
