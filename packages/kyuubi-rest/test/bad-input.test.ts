import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connect } from 'node:net'
import { randomUUID } from 'node:crypto'
import { KYUUBI_BATCH_ID_KEY } from '@batchgate/core'
import { RecordingLauncher } from '@batchgate/testkit'
import { kyuubiNoneAuth } from '@batchgate/kyuubi-rest'
import { call, type Answer } from './helpers/http-call.js'
import { newSparkBatchRequest } from './helpers/kyuubi-requests.js'
import { startRestServer, type RestServer } from './helpers/rest-server.js'
import { STORE_KINDS, type TestStore } from './helpers/stores.js'

const BATCHES = '/api/v1/batches'
const MAX_BODY = 64 * 1024

// Bad input over HTTP: each answer has its documented status and code, nothing is stored, and the server
// goes on serving. Kyuubi answers most of these 500 (see the README's table).
describe.each(STORE_KINDS)('bad input over HTTP on $name', (kind) => {
  let store: TestStore
  let rest: RestServer
  let reported: unknown[]

  beforeEach(async (context) => {
    if (kind.skipReason !== undefined) context.skip(kind.skipReason)
    store = await kind.open()
    reported = []
    rest = await startRestServer(
      { store: store.newStore(), launchers: { SPARK: new RecordingLauncher() }, retention: false },
      { authenticate: kyuubiNoneAuth(), maxBodyBytes: MAX_BODY, onError: (error) => reported.push(error) },
    )
  })

  afterEach(async () => {
    // Every bad request was answered on purpose: no bug was reported, and the server still serves.
    if ((rest as RestServer | undefined) === undefined) return
    try {
      expect(reported).toEqual([])
      expect((await call(rest.baseUrl, { path: '/api/v1/ping' })).text).toBe('pong')
    } finally {
      await rest.close()
      await store.dispose()
    }
  })

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    call(rest.baseUrl, { method: 'POST', path: BATCHES, body, headers, user: 'alice' })

  function expectError(answer: Answer, status: number, code: string, message?: string): void {
    expect(answer.status, answer.text).toBe(status)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.json).toEqual({
      code,
      message: message === undefined ? expect.any(String) : expect.stringContaining(message),
    })
  }

  it('malformed JSON is 400 INVALID_REQUEST', async () => {
    const json = { 'Content-Type': 'application/json' }
    for (const text of ['{"batchType": "SPARK",', '{batchType: SPARK}', "{'a': 1}", 'nul', '{"a":1}}']) {
      expectError(await post(text, json), 400, 'INVALID_REQUEST', 'not valid JSON')
    }
    expectError(await post('', json), 400, 'INVALID_REQUEST', 'empty')
    expectError(await post('   \n', json), 400, 'INVALID_REQUEST', 'empty')
    expect(await store.rawBatchIds()).toEqual([])
  })

  it('a body of the wrong shape or with mistyped fields is 400 INVALID_REQUEST naming the field', async () => {
    const valid = newSparkBatchRequest({ [KYUUBI_BATCH_ID_KEY]: randomUUID() })
    const cases: [unknown, string][] = [
      [[], 'JSON object'],
      ['"a string"', 'JSON object'],
      [null, 'JSON object'],
      [42, 'JSON object'],
      [{ ...valid, resource: 5 }, 'resource'],
      [{ ...valid, batchType: ['SPARK'] }, 'batchType'],
      [{ ...valid, className: {} }, 'className'],
      [{ ...valid, conf: [] }, 'conf'],
      [{ ...valid, conf: { 'spark.executor.instances': 2 } }, 'conf'],
      [{ ...valid, args: 'a b' }, 'args'],
      [{ ...valid, args: [1, 2] }, 'args[0]'],
      [{ ...valid, conf: { [KYUUBI_BATCH_ID_KEY]: 'not-a-uuid' } }, 'kyuubi.batch.id=not-a-uuid'],
    ]
    for (const [body, field] of cases) {
      const text = typeof body === 'string' ? body : JSON.stringify(body)
      const answer = await post(text, { 'Content-Type': 'application/json' })
      const code = field.startsWith('kyuubi.batch.id') ? 'INVALID_BATCH_ID' : 'INVALID_REQUEST'
      expectError(answer, 400, code, field)
    }
    expect(await store.rawBatchIds()).toEqual([])
  })

  it('a body over maxBodyBytes is 413, by Content-Length or while streaming, and the connection is closed', async () => {
    const huge = JSON.stringify({ ...newSparkBatchRequest(), args: ['x'.repeat(MAX_BODY)] })
    let answer = await post(huge, { 'Content-Type': 'application/json' })
    expectError(answer, 413, 'PAYLOAD_TOO_LARGE', `${MAX_BODY} bytes`)
    // On a keep-alive connection (HTTP/1.1's default) the server closes it rather than read the rest.
    answer = await rawRequest(
      rest.baseUrl,
      `POST ${BATCHES} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(huge)}\r\n\r\n${huge}`,
    )
    expect(answer.status).toBe(413)
    expect(answer.headers.connection).toBe('close')

    // Chunked, with no Content-Length: refused once the stream passes the limit.
    answer = await rawRequest(
      rest.baseUrl,
      [
        `POST ${BATCHES} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
        ...Array.from({ length: 8 }, () => chunk('y'.repeat(16 * 1024))),
        '0\r\n\r\n',
      ].join(''),
    )
    expect(answer.status).toBe(413)
    expect(answer.json).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    expect(await store.rawBatchIds()).toEqual([])
  })

  it('a multipart upload or a non-JSON body is 415 with a clear message', async () => {
    const boundary = 'XyZ'
    const multipart = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="batchRequest"',
      'Content-Type: application/json',
      '',
      JSON.stringify(newSparkBatchRequest()),
      `--${boundary}--`,
      '',
    ].join('\r\n')
    expectError(
      await post(multipart, { 'Content-Type': `multipart/form-data; boundary=${boundary}` }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'multipart upload of a resource file is not supported',
    )
    const json = JSON.stringify(newSparkBatchRequest())
    expectError(
      await post(json, { 'Content-Type': 'text/plain' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'application/json',
    )
    expectError(
      await post(json, { 'Content-Type': 'application/x-www-form-urlencoded' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    )
    expectError(
      await post(json, { 'Content-Type': 'application/json; charset=latin1' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'UTF-8',
    )
    expectError(await post(json, { 'Content-Type': '/;;' }), 415, 'UNSUPPORTED_MEDIA_TYPE')
    expect(await store.rawBatchIds()).toEqual([])
    // A JSON body without any Content-Type is read (as a bare client may send it).
    expect((await post(json, {})).status).toBe(200)
  })

  it('unknown routes are 404 and known paths with another method 405 with Allow', async () => {
    const { baseUrl } = rest
    expectError(await call(baseUrl, { path: '/api/v1/nope' }), 404, 'NOT_FOUND', '/api/v1/nope')
    expectError(await call(baseUrl, { path: '/api/v2/batches' }), 404, 'NOT_FOUND')
    expectError(await call(baseUrl, { path: '/' }), 404, 'NOT_FOUND')
    expectError(await call(baseUrl, { path: `${BATCHES}/${randomUUID()}/nope` }), 404, 'NOT_FOUND')
    let answer = await call(baseUrl, { method: 'PATCH', path: BATCHES })
    expectError(answer, 405, 'METHOD_NOT_ALLOWED')
    expect(answer.headers.allow).toBe('GET, POST')
    answer = await call(baseUrl, { method: 'PUT', path: `${BATCHES}/${randomUUID()}`, body: {} })
    expectError(answer, 405, 'METHOD_NOT_ALLOWED')
    expect(answer.headers.allow).toBe('GET, DELETE')
    answer = await call(baseUrl, { method: 'GET', path: `/api/v1/operations/${randomUUID()}` })
    expect(answer.headers.allow).toBe('PUT')
    answer = await call(baseUrl, { method: 'DELETE', path: '/api/v1/ping' })
    expect(answer.headers.allow).toBe('GET')
    // A trailing slash names the same route.
    expect((await call(baseUrl, { path: '/api/v1/ping/' })).text).toBe('pong')
  })

  it('bad batch ids in paths are 404 BATCH_NOT_FOUND', async () => {
    for (const id of ['nope', '%00', 'x'.repeat(150), `${randomUUID()}x`, '..%2F..%2Fetc']) {
      for (const path of [`${BATCHES}/${id}`, `${BATCHES}/${id}/localLog`]) {
        expectError(await call(rest.baseUrl, { path, user: 'alice' }), 404, 'BATCH_NOT_FOUND')
      }
      expectError(
        await call(rest.baseUrl, { method: 'DELETE', path: `${BATCHES}/${id}` }),
        404,
        'BATCH_NOT_FOUND',
      )
    }
  })

  it('a body that does not arrive within requestTimeoutMs is 408, and the connection is closed', async () => {
    await rest.close()
    rest = await startRestServer(
      { store: store.newStore(), retention: false },
      { authenticate: kyuubiNoneAuth(), requestTimeoutMs: 300, onError: (error) => reported.push(error) },
    )
    const started = Date.now()
    const answer = await rawRequest(
      rest.baseUrl,
      `POST ${BATCHES} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"batch`,
    )
    expect(answer.status).toBe(408)
    expect(answer.json).toMatchObject({ code: 'REQUEST_TIMEOUT' })
    expect(answer.headers.connection).toBe('close')
    expect(Date.now() - started).toBeLessThan(5000)
    expect(await store.rawBatchIds()).toEqual([])
  })
})

/** One chunk of a chunked body. */
function chunk(text: string): string {
  return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`
}

/**
 * Writes `raw` bytes on a new TCP connection and reads the answer until the server closes it or a full
 * answer (by Content-Length) has arrived.
 */
function rawRequest(baseUrl: string, raw: string): Promise<Answer> {
  const { port } = new URL(baseUrl)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1')
    let received = ''
    const finish = (): void => {
      const [head = '', body = ''] = received.split('\r\n\r\n', 2)
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers: Record<string, string> = {}
      for (const line of lines) {
        const colon = line.indexOf(':')
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
      }
      let json: unknown
      try {
        json = JSON.parse(body)
      } catch {
        json = undefined
      }
      socket.destroy()
      resolve({ status: Number(statusLine.split(' ')[1]), headers, text: body, json })
    }
    socket.on('data', (data: Buffer) => {
      received += data.toString('utf8')
      const [head, body] = received.split('\r\n\r\n', 2)
      const length = /content-length: *(\d+)/i.exec(head ?? '')?.[1]
      if (body !== undefined && length !== undefined && Buffer.byteLength(body) >= Number(length)) finish()
    })
    socket.on('end', finish)
    // The server may close while the client still writes a refused body: that is an answer, not a failure.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (received !== '') finish()
      else reject(error)
    })
    socket.write(raw)
  })
}
