import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  resumableReader,
  type ResultRow,
  type ResumableReadEvent,
  type ResumableReaderOptions,
} from '@batchgate/core'
import { seededRandom, startFaultProxy, type Fault, type FaultProxy } from '@batchgate/testkit'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import {
  hiveThriftFetcher,
  HiveThriftRequestError,
  HiveThriftTransportError,
  type HiveThriftFetcher,
  type HiveThriftFetcherOptions,
} from '@batchgate/hive-thrift'
import { decodeCall, encodeReply } from '../../src/protocol/index.js'
import {
  TFetchOrientation,
  TProtocolVersion,
  TStatusCode,
  type TOperationHandle,
} from '../../src/protocol/tcliservice-types.js'
import { runStatement, thriftTestClient } from './thrift-call.js'
import { thriftBinaryFraming, thriftHttpFraming } from './thrift-request-framing.js'
import {
  clientTestExecutor,
  PASSWORD,
  rowOf,
  startThriftTestServer,
  USER,
  type ThriftTestServer,
  type ThriftTestServerOptions,
} from './thrift-test-server.js'

const TRANSPORTS = ['binary', 'http'] as const
type Transport = (typeof TRANSPORTS)[number]
const auth = { user: USER, password: PASSWORD }

const range = (count: number): ResultRow[] => Array.from({ length: count }, (_, index) => rowOf(index))

// hiveThriftFetcher against the real service (tcliService over an engine on a SQLite file) on its real
// binary and HTTP listeners, reached through a real TCP proxy that cuts connections on cue.
describe('hiveThriftFetcher', () => {
  let fixture: SqliteFixture
  let server: ThriftTestServer | undefined
  let proxy: FaultProxy | undefined
  const fetchers: HiveThriftFetcher[] = []

  beforeEach(() => {
    fixture = sqliteFixture()
  })

  afterEach(async () => {
    for (const fetcher of fetchers.splice(0)) await fetcher.close()
    await proxy?.close()
    proxy = undefined
    await server?.close()
    server = undefined
    await (fixture as SqliteFixture | undefined)?.dispose()
  })

  async function start(options: ThriftTestServerOptions = {}): Promise<ThriftTestServer> {
    server = await startThriftTestServer(
      { store: fixture.newStore(), statementExecutor: clientTestExecutor(), retention: false },
      options,
    )
    return server
  }

  function portOf(transport: Transport): number {
    if (server === undefined) throw new Error('no server')
    return transport === 'binary' ? server.binaryPort : server.httpPort
  }

  /**
   * Runs `statement` over a direct connection (no proxy) and closes that connection, as a client whose
   * connection broke: the session lives on for the service's disconnect grace period, and the fetcher
   * reaches its operation from connections of its own.
   */
  async function execute(
    transport: Transport,
    statement: string,
    authOption: HiveThriftFetcherOptions['auth'] = auth,
    protocol?: TProtocolVersion,
  ): Promise<TOperationHandle> {
    const client = thriftTestClient({
      host: '127.0.0.1',
      port: portOf(transport),
      transport,
      auth: authOption,
    })
    try {
      return (await runStatement(client, statement, protocol)).operationHandle
    } finally {
      client.close()
    }
  }

  async function proxied(
    transport: Transport,
    faultFor: Parameters<typeof startFaultProxy>[1],
  ): Promise<number> {
    const framing = transport === 'binary' ? thriftBinaryFraming() : thriftHttpFraming()
    proxy = await startFaultProxy(portOf(transport), faultFor, { framing })
    return proxy.port
  }

  function fetcherFor(
    transport: Transport,
    port: number,
    handle: TOperationHandle,
    options: Partial<HiveThriftFetcherOptions> = {},
  ): HiveThriftFetcher {
    const fetcher = hiveThriftFetcher({ host: '127.0.0.1', port, transport, auth, ...options }, handle)
    fetchers.push(fetcher)
    return fetcher
  }

  async function readAll(
    fetcher: HiveThriftFetcher,
    options: Partial<ResumableReaderOptions> = {},
  ): Promise<{ rows: ResultRow[]; events: ResumableReadEvent[] }> {
    const events: ResumableReadEvent[] = []
    const rows: ResultRow[] = []
    for await (const row of resumableReader(fetcher, {
      maxRows: 1000,
      retryDelayMs: 1,
      fetchTimeoutMs: 10_000,
      maxRetries: 8,
      ...options,
      onEvent: (event) => events.push(event),
    })) {
      rows.push(row)
    }
    return { rows, events }
  }

  const fetches = (): (string | undefined)[] =>
    (proxy?.requests ?? []).filter((r) => r.orientation !== undefined).map((r) => r.orientation)

  for (const transport of TRANSPORTS) {
    it(`${transport}: reads 100,000 rows exactly once and in order while connections are cut at random points`, async () => {
      await start()
      const handle = await execute(transport, 'rows 100000')
      const random = seededRandom(transport === 'binary' ? 15 : 51)
      const faults: Fault[] = []
      let handshakeFaults = 0
      const port = await proxied(transport, (request) => {
        const draw = random()
        if (request.path === 'sasl:OK') {
          // Now and then the SASL handshake of a reconnect is cut too: the credentials never arrive, or
          // the server's COMPLETE (5 bytes) does not. The fetch of that attempt never reaches the server.
          if (draw >= 0.2) return undefined
          handshakeFaults++
          return draw < 0.1
            ? { kind: 'drop-request' }
            : { kind: 'drop-answer', afterBytes: Math.floor(random() * 5) }
        }
        if (request.orientation === undefined) return undefined
        const fault: Fault | undefined =
          draw < 0.07
            ? { kind: 'drop-request' }
            : draw < 0.12
              ? { kind: 'cut-request', afterBytes: Math.floor(random() * 120) }
              : draw < 0.25
                ? // Lost after 0 bytes (the server moved, nothing came back) or somewhere in the answer
                  // (an answer shorter than the cut point passes whole).
                  { kind: 'drop-answer', afterBytes: Math.floor(random() * 25_000 * random()) }
                : undefined
        if (fault !== undefined) faults.push(fault)
        return fault
      })
      const { rows, events } = await readAll(fetcherFor(transport, port, handle))
      expect(rows.length).toBe(100_000)
      expect(rows).toEqual(range(100_000))
      const failures = events.filter((event) => event.type === 'transport-error')
      for (const failure of failures) expect(HiveThriftTransportError.is(failure.error)).toBe(true)
      // Enough faults of each kind really happened.
      expect(faults.filter((fault) => fault.kind === 'drop-answer').length).toBeGreaterThanOrEqual(5)
      expect(faults.filter((fault) => fault.kind === 'drop-request').length).toBeGreaterThanOrEqual(3)
      expect(faults.filter((fault) => fault.kind === 'cut-request').length).toBeGreaterThanOrEqual(2)
      expect(failures.length).toBeGreaterThanOrEqual(8)
      // Every failure was followed by a FETCH_PRIOR, which reached the server unless its own handshake was cut.
      const priors = fetches().filter((o) => o === FetchOrientation.FETCH_PRIOR).length
      expect(priors + handshakeFaults).toBe(failures.length)
      if (transport === 'binary') expect(handshakeFaults).toBeGreaterThan(0)
      // Some lost answers had moved the server: their rows came again and were skipped, not repeated.
      expect(events.some((event) => event.type === 'answer' && event.skippedRows > 0)).toBe(true)
      if (transport === 'binary') expect(proxy?.connections).toBeGreaterThan(5)
    })
  }

  for (const transport of TRANSPORTS) {
    it(`${transport}: a server that refuses FETCH_PRIOR fails the read clearly after a lost answer`, async () => {
      // The real service, with FETCH_PRIOR answered as Hive answers it (a fault injector around it).
      await start({
        wrap: (service) => ({
          process(message, peer) {
            const call = decodeCall(message)
            if (
              call.served &&
              call.method === 'FetchResults' &&
              call.args.orientation === TFetchOrientation.FETCH_PRIOR
            ) {
              return Promise.resolve(
                encodeReply('FetchResults', call.seqid, {
                  status: {
                    statusCode: TStatusCode.ERROR_STATUS,
                    sqlState: 'HY106',
                    errorCode: 0,
                    errorMessage: 'The fetch type FETCH_PRIOR is not supported for this resultset',
                  },
                }),
              )
            }
            return service.process(message, peer)
          },
        }),
      })
      const handle = await execute(transport, 'rows 5000')
      const port = await proxied(transport, (request) =>
        request.orientation !== undefined && request.index === (transport === 'binary' ? 3 : 1)
          ? { kind: 'drop-answer', afterBytes: 0 }
          : undefined,
      )
      const read = readAll(fetcherFor(transport, port, handle))
      const error: unknown = await read.catch((err: unknown) => err)
      expect(BatchgateError.is(error, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)).toBe(true)
      expect((error as BatchgateError).sqlState).toBe('HY106')
      expect((error as Error).message).toContain('cannot resume the read after row 1000')
      expect((error as Error).message).toContain('does not support FETCH_PRIOR')
      const cause = (error as Error).cause
      expect(HiveThriftRequestError.is(cause, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)).toBe(true)
      expect(cause).toMatchObject({
        serverMessage: 'The fetch type FETCH_PRIOR is not supported for this resultset',
        sqlState: 'HY106',
      })
      // One FETCH_PRIOR, refused, and no further request: nothing skipped, nothing repeated.
      expect(fetches()).toEqual([
        FetchOrientation.FETCH_NEXT,
        FetchOrientation.FETCH_NEXT,
        FetchOrientation.FETCH_PRIOR,
      ])
    })
  }

  it('reads row-based row sets (a protocol V5 session) the same, through lost answers', async () => {
    await start()
    const handle = await execute('binary', 'rows 3000', auth, TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V5)
    const port = await proxied('binary', (request) =>
      request.index === 4 ? { kind: 'drop-answer', afterBytes: 700 } : undefined,
    )
    const { rows, events } = await readAll(fetcherFor('binary', port, handle))
    expect(rows).toEqual(range(3000))
    expect(events.filter((event) => event.type === 'transport-error')).toHaveLength(1)
  })

  it('reads over NOSASL (unframed) with a password-less auth', async () => {
    await start({ auth: 'none' })
    const handle = await execute('binary', 'rows 2500', { nosasl: true })
    const port = await proxied('binary', () => undefined)
    const { rows } = await readAll(fetcherFor('binary', port, handle, { auth: { nosasl: true } }))
    expect(rows).toEqual(range(2500))
    expect(fetches()).toEqual(Array(3).fill(FetchOrientation.FETCH_NEXT))
    // One connection for the whole read: kept between calls.
    expect(proxy?.connections).toBe(1)
  })

  for (const transport of TRANSPORTS) {
    it(`${transport}: refused credentials are PERMISSION_DENIED, not retried, never showing the password`, async () => {
      await start()
      const handle = await execute(transport, 'rows 10')
      const port = await proxied(transport, () => undefined)
      const fetcher = fetcherFor(transport, port, handle, { auth: { user: USER, password: 'wrong-secret' } })
      const error: unknown = await readAll(fetcher).catch((err: unknown) => err)
      expect(HiveThriftRequestError.is(error, ErrorCode.PERMISSION_DENIED)).toBe(true)
      const text = `${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack ?? ''}`
      expect(text).toContain(`the server refused`)
      expect(text).toContain('"alice"')
      expect(text).not.toContain('wrong-secret')
      expect(text).not.toContain(Buffer.from('alice:wrong-secret').toString('base64'))
      expect(proxy?.connections).toBe(1)
    })
  }

  for (const transport of TRANSPORTS) {
    it(`${transport}: an unknown operation handle is OPERATION_NOT_FOUND after one request`, async () => {
      await start()
      const handle = await execute(transport, 'rows 10')
      const unknown: TOperationHandle = {
        ...handle,
        operationId: { guid: Buffer.alloc(16, 7), secret: Buffer.alloc(16, 9) },
      }
      const port = await proxied(transport, () => undefined)
      const error: unknown = await readAll(fetcherFor(transport, port, unknown)).catch((err: unknown) => err)
      expect(HiveThriftRequestError.is(error, ErrorCode.OPERATION_NOT_FOUND)).toBe(true)
      expect(fetches()).toHaveLength(1)
    })
  }

  it('cancels a call whose answer never comes when the reader abandons it, and reads on over a new connection', async () => {
    await start()
    const handle = await execute('binary', 'rows 3000')
    const port = await proxied('binary', (request) =>
      request.orientation !== undefined && request.index === 3 ? { kind: 'stall' } : undefined,
    )
    const { rows, events } = await readAll(fetcherFor('binary', port, handle), { fetchTimeoutMs: 300 })
    expect(rows).toEqual(range(3000))
    const failure = events.find((event) => event.type === 'transport-error')
    expect(BatchgateError.is(failure?.error, ErrorCode.FETCH_TIMEOUT)).toBe(true)
    await expect.poll(() => proxy?.cancelledStalls).toBe(1)
    expect(proxy?.connections).toBe(2)
  })

  for (const transport of TRANSPORTS) {
    it(`${transport}: fails a call after requestTimeoutMs as a transport error`, async () => {
      await start()
      const handle = await execute(transport, 'rows 10')
      const port = await proxied(transport, (request) =>
        request.orientation !== undefined ? { kind: 'stall' } : undefined,
      )
      const fetcher = fetcherFor(transport, port, handle, { requestTimeoutMs: 200 })
      const error: unknown = await fetcher(FetchOrientation.FETCH_NEXT, 5).catch((err: unknown) => err)
      expect(HiveThriftTransportError.is(error)).toBe(true)
      expect((error as Error).message).toBe(
        `FETCH_NEXT(5) got no complete answer from ${transport === 'binary' ? 'tcp' : 'http'}://127.0.0.1:${port} within 200 ms`,
      )
    })
  }

  for (const transport of TRANSPORTS) {
    it(`${transport}: bounds the answer: one over maxResponseBytes is INVALID_OPTIONS, not retried`, async () => {
      await start()
      const handle = await execute(transport, 'rows 1000')
      const port = await proxied(transport, () => undefined)
      const fetcher = fetcherFor(transport, port, handle, { maxResponseBytes: 2000 })
      const error: unknown = await readAll(fetcher, { maxRows: 500 }).catch((err: unknown) => err)
      expect(BatchgateError.is(error, ErrorCode.INVALID_OPTIONS)).toBe(true)
      expect((error as Error).message).toContain('larger than maxResponseBytes (2000')
      expect(fetches()).toHaveLength(1)
    })
  }

  it('serves FETCH_FIRST and FETCH_PRIOR blocks with their offsets, refuses FETCH_ABSOLUTE without a call, and closes', async () => {
    await start()
    const handle = await execute('binary', 'rows 10')
    const port = await proxied('binary', () => undefined)
    const fetcher = fetcherFor('binary', port, handle)
    expect(await fetcher(FetchOrientation.FETCH_NEXT, 4)).toEqual({
      startRowOffset: 0,
      rows: range(4),
      hasMoreRows: true,
    })
    expect(await fetcher(FetchOrientation.FETCH_NEXT, 4)).toEqual({
      startRowOffset: 4,
      rows: range(8).slice(4),
      hasMoreRows: true,
    })
    expect(await fetcher(FetchOrientation.FETCH_PRIOR, 2)).toEqual({
      startRowOffset: 2,
      rows: range(4).slice(2),
      hasMoreRows: true,
    })
    expect(await fetcher(FetchOrientation.FETCH_FIRST, 3)).toEqual({
      startRowOffset: 0,
      rows: range(3),
      hasMoreRows: true,
    })
    const absolute: unknown = await fetcher(FetchOrientation.FETCH_ABSOLUTE, 3, 5).catch(
      (err: unknown) => err,
    )
    expect(BatchgateError.is(absolute, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)).toBe(true)
    expect(fetches()).toHaveLength(4)
    expect(proxy?.openConnections).toBe(1)
    await fetcher.close()
    await expect.poll(() => proxy?.openConnections).toBe(0)
    const closed: unknown = await fetcher(FetchOrientation.FETCH_NEXT, 1).catch((err: unknown) => err)
    expect(BatchgateError.is(closed, ErrorCode.CLOSED)).toBe(true)
  })

  it('refuses bad options at once, never quoting the password', () => {
    const handle = {} as TOperationHandle
    const base = { host: '127.0.0.1', port: 10009, transport: 'binary' as const, auth }
    const attempts: (() => unknown)[] = [
      () => hiveThriftFetcher({ ...base, host: '' }, handle),
      () => hiveThriftFetcher({ ...base, port: 0 }, handle),
      () => hiveThriftFetcher({ ...base, transport: 'grpc' as 'http' }, handle),
      () => hiveThriftFetcher({ ...base, auth: { user: '', password: 'hunter2' } }, handle),
      () => hiveThriftFetcher({ ...base, auth: { user: 'a\0b', password: 'hunter2' } }, handle),
      () =>
        hiveThriftFetcher({ ...base, transport: 'http', auth: { user: 'a:b', password: 'hunter2' } }, handle),
      () => hiveThriftFetcher({ ...base, path: 'cliservice' }, handle),
      () => hiveThriftFetcher({ ...base, requestTimeoutMs: 0 }, handle),
      () => hiveThriftFetcher({ ...base, maxResponseBytes: -1 }, handle),
      () => hiveThriftFetcher(base, undefined as unknown as TOperationHandle),
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
    }
  })
})
