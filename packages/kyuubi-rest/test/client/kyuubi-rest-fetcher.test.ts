import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  resumableReader,
  type ResultRow,
  type ResumableReadEvent,
  type ResumableReaderOptions,
} from '@batchgate/core'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import {
  basicAuth,
  kyuubiRestFetcher,
  KyuubiRestRequestError,
  KyuubiRestTransportError,
} from '@batchgate/kyuubi-rest'
import { call } from '../helpers/http-call.js'
import { startRestServer, type RestServer } from '../helpers/rest-server.js'
import { clientTestExecutor, TYPES_ROW } from './client-executor.js'
import { startFaultProxy, type Fault, type FaultProxy } from '@batchgate/testkit'

const API = '/api/v1'
const PASSWORD = 'pa55-w0rd'
const auth = { user: 'alice', password: PASSWORD }

// kyuubiRestFetcher against the real listener (kyuubiRestHandler over an engine on a SQLite file),
// reached through a real TCP proxy that loses requests and answers on cue.
describe('kyuubiRestFetcher', () => {
  let fixture: SqliteFixture
  let rest: RestServer
  let proxy: FaultProxy | undefined
  const extraServers: Server[] = []

  beforeEach(async () => {
    fixture = sqliteFixture()
    rest = await startRestServer(
      { store: fixture.newStore(), statementExecutor: clientTestExecutor(), retention: false },
      { authenticate: basicAuth({ verify: (user, password) => user === 'alice' && password === PASSWORD }) },
    )
  })

  afterEach(async () => {
    await proxy?.close()
    proxy = undefined
    for (const server of extraServers.splice(0)) {
      server.closeAllConnections()
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      })
    }
    await (rest as RestServer | undefined)?.close()
    await (fixture as SqliteFixture | undefined)?.dispose()
  })

  /** Opens a session and runs `statement` synchronously: the handle of a FINISHED operation. */
  async function runStatement(statement: string): Promise<string> {
    const session = await call(rest.baseUrl, { method: 'POST', path: `${API}/sessions`, body: {}, ...basic })
    expect(session.status, session.text).toBe(200)
    const { identifier } = session.json as { identifier: string }
    const op = await call(rest.baseUrl, {
      method: 'POST',
      path: `${API}/sessions/${identifier}/operations/statement`,
      body: { statement, runAsync: false },
      ...basic,
    })
    expect(op.status, op.text).toBe(200)
    return (op.json as { identifier: string }).identifier
  }
  const basic = { user: 'alice', password: PASSWORD }

  async function proxied(faultFor: Parameters<typeof startFaultProxy>[1]): Promise<string> {
    const port = Number(new URL(rest.baseUrl).port)
    proxy = await startFaultProxy(port, faultFor)
    return proxy.url(API)
  }

  async function readAll(
    baseUrl: string,
    handle: string,
    options: Partial<ResumableReaderOptions> = {},
    password = PASSWORD,
  ): Promise<{ rows: ResultRow[]; events: ResumableReadEvent[] }> {
    const events: ResumableReadEvent[] = []
    const rows: ResultRow[] = []
    const fetcher = kyuubiRestFetcher(baseUrl, handle, { auth: { user: 'alice', password } })
    for await (const row of resumableReader(fetcher, {
      maxRows: 100,
      retryDelayMs: 5,
      fetchTimeoutMs: 5000,
      ...options,
      onEvent: (event) => events.push(event),
    })) {
      rows.push(row)
    }
    return { rows, events }
  }

  const range = (count: number): ResultRow[] => Array.from({ length: count }, (_, index) => [BigInt(index)])
  const orientations = (): (string | undefined)[] => (proxy?.requests ?? []).map((r) => r.orientation)
  const count = (orientation: string): number => orientations().filter((o) => o === orientation).length

  it('reads 1,000 rows in 10 FETCH_NEXT requests when nothing is lost', async () => {
    const handle = await runStatement('range 1000')
    const { rows } = await readAll(await proxied(() => undefined), handle)
    expect(rows).toEqual(range(1000))
    expect(orientations()).toEqual(Array(10).fill(FetchOrientation.FETCH_NEXT))
  })

  it('reads every row exactly once and in order when every third answer is lost mid-way, recovering with FETCH_PRIOR', async () => {
    const handle = await runStatement('range 1000')
    // Lost after 0 bytes (the server moved, nothing came back), in the headers, and in the body.
    const cuts = [0, 60, 400]
    const faults: Fault[] = []
    const baseUrl = await proxied(({ index }) => {
      if (index % 3 !== 2) return undefined
      const fault: Fault = { kind: 'drop-answer', afterBytes: cuts[faults.length % cuts.length] ?? 0 }
      faults.push(fault)
      return fault
    })
    const { rows, events } = await readAll(baseUrl, handle)
    expect(rows).toEqual(range(1000))
    const failures = events.filter((event) => event.type === 'transport-error')
    expect(faults.length).toBeGreaterThanOrEqual(5)
    expect(failures).toHaveLength(faults.length)
    for (const failure of failures) expect(KyuubiRestTransportError.is(failure.error)).toBe(true)
    // Every lost answer was followed by a FETCH_PRIOR(1) request, the re-synchronisation.
    const requests = proxy?.requests ?? []
    for (const request of requests.filter((r) => r.fault.kind === 'drop-answer')) {
      const next = requests[request.index + 1]
      expect(next?.orientation).toBe(FetchOrientation.FETCH_PRIOR)
      expect(next?.path).toContain('maxrows=1&')
    }
    expect(count(FetchOrientation.FETCH_PRIOR)).toBe(faults.length)
    // The server did move for the lost answers: some recovered blocks were partly read already.
    expect(events.some((event) => event.type === 'answer' && event.skippedRows > 0)).toBe(true)
  })

  it('recovers from requests lost before the server and from 503 answers of a proxy', async () => {
    const handle = await runStatement('range 1000')
    const baseUrl = await proxied(({ index }) =>
      index === 1 ? { kind: 'drop-request' } : index === 4 ? { kind: 'answer-503' } : undefined,
    )
    const { rows, events } = await readAll(baseUrl, handle)
    expect(rows).toEqual(range(1000))
    const errors = events.flatMap((event) => (event.type === 'transport-error' ? [event.error] : []))
    expect(errors).toHaveLength(2)
    expect(errors[1]).toMatchObject({ name: 'KyuubiRestTransportError', status: 503 })
    expect((errors[1] as Error).message).toContain('upstream restarting')
    expect(count(FetchOrientation.FETCH_PRIOR)).toBe(2)
  })

  it('cancels a request whose answer never comes when the reader abandons it, and reads on', async () => {
    const handle = await runStatement('range 300')
    const baseUrl = await proxied(({ index }) => (index === 1 ? { kind: 'stall' } : undefined))
    const { rows, events } = await readAll(baseUrl, handle, { fetchTimeoutMs: 300 })
    expect(rows).toEqual(range(300))
    const failure = events.find((event) => event.type === 'transport-error')
    expect(BatchgateError.is(failure?.error, ErrorCode.FETCH_TIMEOUT)).toBe(true)
    // The abandoned request's connection was closed by the client, not left open.
    await expect.poll(() => proxy?.cancelledStalls).toBe(1)
  })

  it('fails a request after requestTimeoutMs as a transport error', async () => {
    const handle = await runStatement('range 10')
    const baseUrl = await proxied(() => ({ kind: 'stall' }))
    const fetcher = kyuubiRestFetcher(baseUrl, handle, { auth, requestTimeoutMs: 200 })
    const error: unknown = await fetcher(FetchOrientation.FETCH_NEXT, 5).catch((err: unknown) => err)
    expect(KyuubiRestTransportError.is(error)).toBe(true)
    expect((error as Error).message).toBe('FETCH_NEXT(5) got no complete answer within 200 ms')
  })

  it('does not retry a 4xx: an unknown handle is OPERATION_NOT_FOUND after one request', async () => {
    const baseUrl = await proxied(() => undefined)
    const error: unknown = await readAll(baseUrl, randomUUID()).catch((err: unknown) => err)
    expect(KyuubiRestRequestError.is(error, ErrorCode.OPERATION_NOT_FOUND)).toBe(true)
    expect(error).toMatchObject({ status: 404, serverCode: 'OPERATION_NOT_FOUND' })
    expect(proxy?.requests).toHaveLength(1)
  })

  it('passes UNSUPPORTED_FETCH_ORIENTATION through when a lost answer meets a server that refuses FETCH_PRIOR', async () => {
    const handle = await runStatement('forward 500')
    const baseUrl = await proxied(({ index }) =>
      index === 1 ? { kind: 'drop-answer', afterBytes: 0 } : undefined,
    )
    const error: unknown = await readAll(baseUrl, handle).catch((err: unknown) => err)
    expect(BatchgateError.is(error, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)).toBe(true)
    expect((error as Error).message).toContain('cannot resume the read after row 100')
    expect(KyuubiRestRequestError.is((error as Error).cause, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)).toBe(
      true,
    )
    expect(orientations()).toEqual([
      FetchOrientation.FETCH_NEXT,
      FetchOrientation.FETCH_NEXT,
      FetchOrientation.FETCH_PRIOR,
    ])
  })

  it('fails clearly, after one request, on a server whose row set has no startRowOffset (Apache Kyuubi)', async () => {
    const handle = await runStatement('range 50')
    // Apache Kyuubi's answer: the same row set without the two fields its ResultRowSet DTO lacks.
    const kyuubi = createServer((req, res) => {
      void fetch(`${rest.baseUrl}${req.url ?? ''}`, {
        headers: { authorization: req.headers.authorization ?? '' },
      })
        .then(async (answer) => {
          const json = (await answer.json()) as Record<string, unknown>
          delete json.startRowOffset
          delete json.hasMoreRows
          res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(json))
        })
        .catch(() => res.writeHead(502).end())
    })
    extraServers.push(kyuubi)
    kyuubi.listen(0, '127.0.0.1')
    await once(kyuubi, 'listening')
    const { port } = kyuubi.address() as AddressInfo
    const error: unknown = await readAll(`http://127.0.0.1:${port}${API}`, handle).catch(
      (err: unknown) => err,
    )
    expect(BatchgateError.is(error, ErrorCode.FETCH_OFFSET_MISMATCH)).toBe(true)
    expect((error as Error).message).toContain(
      'without startRowOffset and hasMoreRows (an Apache Kyuubi server',
    )
  })

  it('gives a typed 401 error, never showing the password, and does not retry it', async () => {
    const handle = await runStatement('range 10')
    const baseUrl = await proxied(() => undefined)
    const error: unknown = await readAll(baseUrl, handle, {}, 'wrong-secret').catch((err: unknown) => err)
    expect(KyuubiRestRequestError.is(error, ErrorCode.PERMISSION_DENIED)).toBe(true)
    expect(error).toMatchObject({ status: 401, serverCode: 'UNAUTHENTICATED' })
    const text = `${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`
    expect(text).toContain(
      'the server refused the credentials of user "alice" for FETCH_NEXT(100) (HTTP 401)',
    )
    expect(text).not.toContain('wrong-secret')
    expect(text).not.toContain(Buffer.from('alice:wrong-secret').toString('base64'))
    expect(proxy?.requests).toHaveLength(1)
  })

  it('decodes every kind of value back to its JS type', async () => {
    const handle = await runStatement('types')
    const { rows } = await readAll(rest.baseUrl + API, handle)
    expect(rows).toEqual([TYPES_ROW])
    expect(rows[0]?.[7]).toBeInstanceOf(Uint8Array)
  })

  it('bounds the answer: one over maxResponseBytes is INVALID_OPTIONS, not retried', async () => {
    const handle = await runStatement('range 1000')
    const baseUrl = await proxied(() => undefined)
    const fetcher = kyuubiRestFetcher(baseUrl, handle, { auth, maxResponseBytes: 2000 })
    const error: unknown = await (async () => {
      for await (const row of resumableReader(fetcher, { maxRows: 500 })) expect(row).toBeDefined()
    })().catch((err: unknown) => err)
    expect(BatchgateError.is(error, ErrorCode.INVALID_OPTIONS)).toBe(true)
    expect((error as Error).message).toContain('larger than maxResponseBytes (2000')
    expect(proxy?.requests).toHaveLength(1)
  })

  it("uses the host's fetch and headers, with auth's Authorization over a given one", async () => {
    const handle = await runStatement('range 3')
    const seen: Headers[] = []
    const fetcher = kyuubiRestFetcher(`${rest.baseUrl}${API}/`, handle, {
      auth,
      headers: { 'X-Trace-Id': 'trace-1', authorization: 'Basic bm9ib2R5Og==' },
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers))
        return fetch(input, init)
      },
    })
    const block = await fetcher(FetchOrientation.FETCH_NEXT, 2)
    expect(block).toEqual({ startRowOffset: 0, rows: range(2), hasMoreRows: true })
    const last = await fetcher(FetchOrientation.FETCH_ABSOLUTE, 5, 2)
    expect(last).toEqual({ startRowOffset: 2, rows: [[2n]], hasMoreRows: false })
    expect(seen).toHaveLength(2)
    expect(seen[0]?.get('x-trace-id')).toBe('trace-1')
    expect(seen[0]?.get('authorization')).toBe(`Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`)
  })

  it('refuses bad arguments at once, never quoting credentials', () => {
    const attempts = [
      () => kyuubiRestFetcher('http://alice:hunter2@127.0.0.1:1/api/v1', 'h', { auth }),
      () => kyuubiRestFetcher('ftp://127.0.0.1/api/v1', 'h', { auth }),
      () => kyuubiRestFetcher('not a url hunter2', 'h', { auth }),
      () => kyuubiRestFetcher('http://127.0.0.1:1/api/v1', '', { auth }),
      () => kyuubiRestFetcher('http://127.0.0.1:1/api/v1', 'h', { auth: { user: '', password: 'hunter2' } }),
      () => kyuubiRestFetcher('http://127.0.0.1:1/api/v1', 'h', { auth, requestTimeoutMs: 0 }),
    ]
    for (const attempt of attempts) {
      let error: unknown
      try {
        attempt()
      } catch (err) {
        error = err
      }
      expect(BatchgateError.is(error, ErrorCode.INVALID_OPTIONS)).toBe(true)
      expect((error as Error).message).not.toContain('hunter2')
      expect((error as Error).cause).toBeUndefined()
    }
  })
})
