import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { connect } from 'node:net'
import type { Engine } from '@batchgate/core'
import { requestChannel, type WireRequestMessage } from '@batchgate/core/diagnostics'
import { RecordingLogger, waitUntil } from '@batchgate/testkit'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import {
  TFetchOrientation,
  TOperationType,
  TProtocolVersion,
  TStatusCode,
  type HiveThriftEngine,
} from '@batchgate/hive-thrift'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { thriftTestClient, type ThriftTestClient } from '../client/thrift-call.js'
import {
  clientTestExecutor,
  PASSWORD,
  startThriftTestServer,
  USER,
  type ThriftTestServer,
} from '../client/thrift-test-server.js'
import { basic, httpCall } from '../transport/helpers/http-call.js'
import { binaryPeer, startService } from './helpers/service-harness.js'
import { rawCall } from './helpers/raw-call.js'

const CONF_SECRET = 'conf-value-never-logged'
const STATEMENT = 'rows 7'

/** tcliService on a real engine (SQLite file), served on real binary and HTTP listeners, ports 0. */
function serve(
  fixture: SqliteFixture,
  logger: RecordingLogger,
  wrapEngine?: (engine: Engine) => HiveThriftEngine,
): Promise<ThriftTestServer> {
  return startThriftTestServer(
    { store: fixture.newStore(), statementExecutor: clientTestExecutor(), retention: false },
    { logger, wrapEngine },
  )
}

// The HiveServer2 front on the batchgate:request channel and its logger, driven by the repository's own
// Thrift client transports (those of hiveThriftFetcher) over real sockets.
describe('hive-thrift on batchgate:request and its logger', () => {
  let fixture: SqliteFixture
  let served: ThriftTestServer | undefined
  let client: ThriftTestClient | undefined
  let started: WireRequestMessage[]
  let ended: WireRequestMessage[]
  const subscribers = {
    start: (message: WireRequestMessage) => started.push({ ...message }),
    end: () => undefined,
    asyncStart: () => undefined,
    asyncEnd: (message: WireRequestMessage) => ended.push({ ...message }),
    error: () => undefined,
  }

  beforeEach(() => {
    fixture = sqliteFixture()
    started = []
    ended = []
    requestChannel.subscribe(subscribers)
  })

  afterEach(async () => {
    requestChannel.unsubscribe(subscribers)
    client?.close()
    client = undefined
    await served?.close()
    served = undefined
    await fixture.dispose()
  })

  const clientOver = (transport: 'binary' | 'http'): ThriftTestClient => {
    const port = transport === 'binary' ? served?.binaryPort : served?.httpPort
    client = thriftTestClient({
      host: '127.0.0.1',
      port: port ?? 0,
      transport,
      auth: { user: USER, password: PASSWORD },
    })
    return client
  }

  it.each(['binary', 'http'] as const)(
    'traces OpenSession, ExecuteStatement, FetchResults, CloseSession and a failed call over %s',
    async (transport) => {
      const logger = new RecordingLogger()
      served = await serve(fixture, logger)
      const thrift = clientOver(transport)

      const opened = await thrift.call('OpenSession', {
        client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
        configuration: { 'spark.secret.token': CONF_SECRET },
      })
      const sessionHandle = opened.sessionHandle
      if (sessionHandle === undefined) throw new Error('no session handle')
      const executed = await thrift.call('ExecuteStatement', {
        sessionHandle,
        statement: STATEMENT,
        runAsync: false,
      })
      const operationHandle = executed.operationHandle
      if (operationHandle === undefined) throw new Error('no operation handle')
      const fetched = await thrift.call('FetchResults', {
        operationHandle,
        orientation: TFetchOrientation.FETCH_NEXT,
        maxRows: 100,
      })
      expect(fetched.status.statusCode).toBe(TStatusCode.SUCCESS_STATUS)
      await thrift.call('CloseSession', { sessionHandle })
      const unknown = await thrift.call('FetchResults', {
        operationHandle: {
          operationId: { guid: randomBytes(16), secret: randomBytes(16) },
          operationType: TOperationType.EXECUTE_STATEMENT,
          hasResultSet: true,
        },
        orientation: TFetchOrientation.FETCH_NEXT,
        maxRows: 100,
      })
      expect(unknown.status.statusCode).toBe(TStatusCode.ERROR_STATUS)

      const common = {
        protocol: 'hive-thrift',
        transport,
        route: undefined,
        user: USER,
        statusCode: undefined,
      }
      const success = { ...common, thriftStatus: 'SUCCESS_STATUS', errorCode: undefined }
      expect(ended).toEqual([
        expect.objectContaining({ ...success, method: 'OpenSession' }),
        expect.objectContaining({ ...success, method: 'ExecuteStatement' }),
        expect.objectContaining({ ...success, method: 'FetchResults' }),
        expect.objectContaining({ ...success, method: 'CloseSession' }),
        expect.objectContaining({
          ...common,
          method: 'FetchResults',
          thriftStatus: 'ERROR_STATUS',
          errorCode: 'OPERATION_NOT_FOUND',
        }),
      ])
      // Known from the start: the method, the transport and who calls.
      expect(started.map((message) => [message.method, message.user, message.thriftStatus])).toEqual([
        ['OpenSession', USER, undefined],
        ['ExecuteStatement', USER, undefined],
        ['FetchResults', USER, undefined],
        ['CloseSession', USER, undefined],
        ['FetchResults', USER, undefined],
      ])

      const calls = logger
        .at('debug')
        .filter((line) => line.message?.startsWith('hive-thrift: call') === true)
      expect(calls.map((line) => line.fields)).toEqual([
        expect.objectContaining({
          method: 'OpenSession',
          transport,
          thriftStatus: 'SUCCESS_STATUS',
          user: USER,
        }),
        expect.objectContaining({ method: 'ExecuteStatement', thriftStatus: 'SUCCESS_STATUS' }),
        expect.objectContaining({ method: 'FetchResults', thriftStatus: 'SUCCESS_STATUS' }),
        expect.objectContaining({ method: 'CloseSession', thriftStatus: 'SUCCESS_STATUS' }),
        expect.objectContaining({
          method: 'FetchResults',
          thriftStatus: 'ERROR_STATUS',
          errorCode: 'OPERATION_NOT_FOUND',
          user: USER,
        }),
      ])
      for (const line of calls) expect(line.fields.durationMs).toEqual(expect.any(Number))
      expect(logger.at('warn')).toEqual([])
      expect(logger.at('error')).toEqual([])
      const logged = logger.serialized()
      for (const secret of [
        PASSWORD,
        Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
        CONF_SECRET,
        STATEMENT,
      ]) {
        expect(logged).not.toContain(secret)
      }
    },
  )

  it('logs a bug as an error, traced as INTERNAL_ERROR', async () => {
    const logger = new RecordingLogger()
    const bug = new TypeError('the session table broke')
    // A fault injector around the real engine: opening a session throws what no core code names.
    served = await serve(fixture, logger, (engine) => ({
      instanceId: engine.instanceId,
      isAdmin: (user) => engine.isAdmin(user),
      sessions: new Proxy(engine.sessions, {
        get: (target, name) =>
          name === 'open'
            ? () => Promise.reject(bug)
            : (Reflect.get(target, name, target) as unknown as (...args: unknown[]) => unknown).bind(target),
      }),
      operations: engine.operations,
    }))
    const opened = await clientOver('binary').call('OpenSession', {
      client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
    })
    expect(opened.status.statusCode).toBe(TStatusCode.ERROR_STATUS)
    expect(ended).toEqual([
      expect.objectContaining({
        method: 'OpenSession',
        thriftStatus: 'ERROR_STATUS',
        errorCode: 'INTERNAL_ERROR',
      }),
    ])
    expect(logger.at('error')).toEqual([
      { level: 'error', fields: { front: 'hive-thrift', err: bug }, message: expect.any(String) as unknown },
    ])
  })

  it('does not trace a message that does not decode, and warns with the peer and its transport', async () => {
    const logger = new RecordingLogger()
    served = await serve(fixture, logger)
    const answer = await httpCall(served.httpPort, {
      headers: { Authorization: basic(USER, PASSWORD), 'Content-Type': 'application/x-thrift' },
      body: Buffer.from('this is not thrift'),
    })
    expect(answer.status).toBe(400)
    expect(started).toEqual([])
    expect(ended).toEqual([])
    expect(logger.at('warn')).toEqual([
      {
        level: 'warn',
        fields: { front: 'hive-thrift', remoteAddress: '127.0.0.1', transport: 'http' },
        message: expect.stringContaining('does not decode') as unknown,
      },
    ])

    // A framing error of the binary transport: the first byte is neither SASL's START nor a Thrift message.
    const socket = connect(served.binaryPort, '127.0.0.1')
    socket.on('error', () => undefined)
    socket.end(Buffer.from([0x42, 0x42]))
    await once(socket, 'close')
    await waitUntil(() => logger.at('warn').length === 2)
    expect(logger.at('warn')[1]?.fields).toEqual({
      front: 'hive-thrift',
      remoteAddress: '127.0.0.1',
      transport: 'binary',
      code: 'THRIFT_UNKNOWN_TRANSPORT',
    })
    expect(ended).toEqual([])
  })

  it('without authentication, names the user a call acts as: the username, then the session owner', async () => {
    const harness = await startService()
    const peer = binaryPeer(undefined)
    const session = await harness.call(
      'OpenSession',
      { client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10, username: 'dora' },
      peer,
    )
    if (session.sessionHandle === undefined) throw new Error('no session handle')
    await harness.call('CloseSession', { sessionHandle: session.sessionHandle }, binaryPeer(undefined))
    expect(ended.map((message) => [message.method, message.transport, message.user])).toEqual([
      ['OpenSession', 'binary', 'dora'],
      ['CloseSession', 'binary', 'dora'],
    ])
  })

  it('names a method TCLIService does not have UNKNOWN (one series, whatever a client sends)', async () => {
    const harness = await startService()
    await harness.processor.process(rawCall('DropEverything', 3), binaryPeer('alice'))
    await harness.processor.process(rawCall('Drop' + randomBytes(4).toString('hex'), 4), binaryPeer('alice'))
    expect(ended.map((message) => [message.method, message.errorCode])).toEqual([
      ['UNKNOWN', 'UNKNOWN_METHOD'],
      ['UNKNOWN', 'UNKNOWN_METHOD'],
    ])
  })
})
