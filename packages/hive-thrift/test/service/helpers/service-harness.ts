import { afterEach } from 'vitest'
import { createEngine, type Engine, type EngineOptions } from '@batchgate/core'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import {
  decodeReply,
  encodeCall,
  tcliService,
  TProtocolVersion,
  type Encodable,
  type HiveThriftEngine,
  type ServedMethod,
  type ServedMethods,
  type TCLIServiceOptions,
  type TCLIServiceProcessor,
  type ThriftPeer,
  type TOperationHandle,
  type TSessionHandle,
} from '@batchgate/hive-thrift'
import { thriftTestExecutor } from './thrift-test-executor.js'

/** A peer the test controls: `disconnect()` resolves its `closed`, as a transport does when its socket closes. */
export interface TestPeer extends ThriftPeer {
  disconnect(): void
}

let peerCount = 0

/**
 * A binary (TCP) peer, authenticated as `user` (or not, for NOSASL, when `user` is undefined).
 *
 * @example
 * ```ts
 * const peer = binaryPeer('alice')
 * peer.disconnect()
 * ```
 */
export function binaryPeer(user: string | undefined): TestPeer {
  return testPeer('binary', user)
}

/** An HTTP peer (one request's), authenticated as `user`. */
export function httpPeer(user: string | undefined): TestPeer {
  return testPeer('http', user)
}

function testPeer(transport: 'binary' | 'http', user: string | undefined): TestPeer {
  let disconnect = (): void => undefined
  const closed = new Promise<void>((resolve) => {
    disconnect = resolve
  })
  peerCount += 1
  return { id: `${transport}-${peerCount}`, transport, remoteAddress: '127.0.0.1', user, closed, disconnect }
}

/** A service over a real engine (SQLite store, the test executor), driven through `process`. */
export interface ServiceHarness {
  readonly engine: Engine
  readonly processor: TCLIServiceProcessor
  /** What the service's `onError` was told. */
  readonly reported: unknown[]
  /** Encodes the call, has the processor answer it and decodes the reply (an exception fails). */
  call<M extends ServedMethod>(
    method: M,
    request: Encodable<ServedMethods[M]['request']>,
    peer: ThriftPeer,
  ): Promise<ServedMethods[M]['response']>
  /** OpenSession at `protocol` (default V10) and the session handle (fails unless SUCCESS). */
  open(peer: ThriftPeer, protocol?: number, configuration?: Record<string, string>): Promise<TSessionHandle>
  /** ExecuteStatement (sync by default) and the operation handle (fails unless SUCCESS). */
  execute(
    session: TSessionHandle,
    statement: string,
    peer: ThriftPeer,
    runAsync?: boolean,
  ): Promise<TOperationHandle>
}

const open: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close()
})

/**
 * Starts an engine on a fresh SQLite file with the test executor and a `tcliService` over it (over
 * `wrapEngine(engine)`, for a fault injector around the real engine); both are closed (and the file
 * removed) after the test.
 *
 * @example
 * ```ts
 * const harness = await startService({ sessions: { maxPerUser: 1 } }, { maxFetchRows: 10 })
 * const session = await harness.open(binaryPeer('alice'))
 * ```
 */
export async function startService(
  engineOptions: Partial<EngineOptions> = {},
  serviceOptions: TCLIServiceOptions = {},
  wrapEngine: (engine: Engine) => HiveThriftEngine = (engine) => engine,
): Promise<ServiceHarness> {
  const fixture: SqliteFixture = sqliteFixture()
  const engine = await createEngine({
    retention: false,
    statementExecutor: thriftTestExecutor(),
    ...engineOptions,
    store: fixture.newStore(),
  })
  const reported: unknown[] = []
  const processor = tcliService(wrapEngine(engine), {
    onError: (error) => reported.push(error),
    ...serviceOptions,
  })
  open.push(async () => {
    await processor.close()
    await engine.close()
    await fixture.dispose()
  })
  let seqid = 0
  const call = async <M extends ServedMethod>(
    method: M,
    request: Encodable<ServedMethods[M]['request']>,
    peer: ThriftPeer,
  ): Promise<ServedMethods[M]['response']> => {
    seqid += 1
    const reply = await processor.process(encodeCall(method, seqid, request), peer)
    if (reply === undefined) throw new Error(`${method}: no reply`)
    const decoded = decodeReply(reply)
    if (decoded.kind !== 'reply') throw new Error(`${method}: exception ${decoded.type}: ${decoded.message}`)
    if (decoded.method !== method || decoded.seqid !== seqid) {
      throw new Error(`${method}: reply to ${decoded.method} #${decoded.seqid}, expected #${seqid}`)
    }
    return decoded.response
  }
  return {
    engine,
    processor,
    reported,
    call,
    async open(peer, protocol = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10, configuration = {}) {
      const response = await call(
        'OpenSession',
        { client_protocol: protocol as TProtocolVersion, configuration },
        peer,
      )
      if (response.status.statusCode !== 0 || response.sessionHandle === undefined) {
        throw new Error(`OpenSession failed: ${response.status.errorMessage ?? ''}`)
      }
      return response.sessionHandle
    },
    async execute(session, statement, peer, runAsync = false) {
      const response = await call('ExecuteStatement', { sessionHandle: session, statement, runAsync }, peer)
      if (response.status.statusCode !== 0 || response.operationHandle === undefined) {
        throw new Error(`ExecuteStatement failed: ${response.status.errorMessage ?? ''}`)
      }
      return response.operationHandle
    },
  }
}
