import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Server as NetServer } from 'node:net'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import { kyuubiNoneAuth, kyuubiRestHandler } from '@batchgate/kyuubi-rest'
import { tcliService, thriftBinaryServer, thriftNoAuth, TProtocolVersion } from '@batchgate/hive-thrift'
import { RecordingLauncher } from '@batchgate/testkit'
import { instrumentBatchgate, METRIC_NAMES, type BatchgateInstrumentation } from '../src/index.js'
import { engineOnSqlite } from './helpers/engine-on-sqlite.js'
import { inMemoryTelemetry, sumOf, type InMemoryTelemetry } from './helpers/in-memory-telemetry.js'
import { rawThriftClient } from './helpers/raw-thrift-client.js'

async function listening(server: Server | NetServer): Promise<number> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => {
          resolve()
        })
      }),
  )
  return (server.address() as AddressInfo).port
}

describe('instrumentBatchgate on the wire fronts', () => {
  let telemetry: InMemoryTelemetry
  let instrumentation: BatchgateInstrumentation
  // The host's context manager, as its SDK registers one: its spans and ours share a trace.
  const contextManager = new AsyncLocalStorageContextManager()

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable())
  })
  afterAll(() => {
    context.disable()
  })
  beforeEach(() => {
    telemetry = inMemoryTelemetry()
    instrumentation = instrumentBatchgate({
      meterProvider: telemetry.meterProvider,
      tracerProvider: telemetry.tracerProvider,
    })
  })
  afterEach(async () => {
    instrumentation.disable()
    await telemetry.shutdown()
  })

  it('nests a REST submission: host request → POST /api/v1/batches → batchgate submit → insertBatch', async () => {
    const { engine } = await engineOnSqlite({ launchers: { SPARK: new RecordingLauncher() } })
    const handler = kyuubiRestHandler(engine, { authenticate: kyuubiNoneAuth() })
    onTestFinished(() => handler.close())
    // The host's own HTTP instrumentation: a SERVER span active while the handler serves the request.
    const host = telemetry.tracerProvider.getTracer('host-http')
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const span = host.startSpan('host request', { kind: SpanKind.SERVER })
      res.on('finish', () => {
        span.end()
      })
      context.with(trace.setSpan(context.active(), span), () => {
        handler(req, res)
      })
    })
    const port = await listening(server)

    const answer = await fetch(`http://127.0.0.1:${port}/api/v1/batches`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ batchType: 'SPARK', resource: 'hdfs:///app.jar', conf: {}, args: [] }),
    })
    expect(answer.status).toBe(200)
    await answer.text()
    const missing = await fetch(
      `http://127.0.0.1:${port}/api/v1/batches/00000000-0000-0000-0000-000000000000`,
    )
    expect(missing.status).toBe(404)
    await missing.text()

    const spans = telemetry.spans()
    const named = (name: string) => spans.find((span) => span.name === name)
    const hostSpan = named('host request')
    const request = named('POST /api/v1/batches')
    const submit = named('batchgate submit')
    const insert = named('insertBatch')
    expect(request).toMatchObject({
      kind: SpanKind.SERVER,
      status: { code: SpanStatusCode.UNSET },
      attributes: {
        'http.request.method': 'POST',
        'http.route': '/api/v1/batches',
        'http.response.status_code': 200,
      },
    })
    expect(request?.parentSpanContext?.spanId).toBe(hostSpan?.spanContext().spanId)
    expect(submit?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId)
    expect(insert?.parentSpanContext?.spanId).toBe(submit?.spanContext().spanId)
    expect(new Set([hostSpan, request, submit, insert].map((span) => span?.spanContext().traceId)).size).toBe(
      1,
    )
    // A 404 is the client's error: named, not an error of the server.
    expect(named('GET /api/v1/batches/:batchId')).toMatchObject({
      status: { code: SpanStatusCode.UNSET },
      attributes: { 'http.response.status_code': 404, 'batchgate.error.code': 'BATCH_NOT_FOUND' },
    })

    const durations = await telemetry.points(METRIC_NAMES.httpServerDuration)
    expect(durations.map((point) => [point.attributes, point.count])).toEqual(
      expect.arrayContaining([
        [
          {
            'http.request.method': 'POST',
            'http.route': '/api/v1/batches',
            'http.response.status_code': 200,
          },
          1,
        ],
        [
          {
            'http.request.method': 'GET',
            'http.route': '/api/v1/batches/:batchId',
            'http.response.status_code': 404,
          },
          1,
        ],
      ]),
    )
  })

  it('counts a Thrift call through the binary server in rpc.server.call.duration', async () => {
    const { engine } = await engineOnSqlite()
    const service = tcliService(engine)
    onTestFinished(() => service.close())
    const port = await listening(thriftBinaryServer(service, { authenticate: thriftNoAuth() }))
    const client = await rawThriftClient(port)
    onTestFinished(() => {
      client.close()
    })

    const opened = await client.call('OpenSession', {
      client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
      username: 'alice',
    })
    expect(opened).toMatchObject({ kind: 'reply', response: { status: { statusCode: 0 } } })
    const unknown = { sessionId: { guid: Buffer.alloc(16, 1), secret: Buffer.alloc(16, 2) } }
    const closed = await client.call('CloseSession', { sessionHandle: unknown })
    expect(closed).toMatchObject({ kind: 'reply', response: { status: { statusCode: 3 } } })

    const calls = await telemetry.points(METRIC_NAMES.rpcServerDuration)
    expect(
      sumOf(calls, { 'rpc.system.name': 'apache_thrift', 'rpc.method': 'TCLIService/OpenSession' }),
    ).toBe(1)
    const refused = calls.find((point) => point.attributes['rpc.method'] === 'TCLIService/CloseSession')
    expect(refused?.attributes['error.type']).toBe('SESSION_NOT_FOUND')
    const [openSpan, closeSpan] = telemetry.spans().filter((span) => span.kind === SpanKind.SERVER)
    expect(openSpan).toMatchObject({
      name: 'TCLIService/OpenSession',
      status: { code: SpanStatusCode.UNSET },
      attributes: { 'rpc.system.name': 'apache_thrift', 'batchgate.thrift.status': 'SUCCESS_STATUS' },
    })
    // An unknown handle is the client's mistake: an error type, not an error status.
    expect(closeSpan?.name).toBe('TCLIService/CloseSession')
    expect(closeSpan?.status.code).toBe(SpanStatusCode.UNSET)
    expect(closeSpan?.attributes['error.type']).toBe(refused?.attributes['error.type'])
  })
})
