/// <reference types="node" />
// @batchgate/hive-thrift's README example ("Embedding it") as a real program, run by
// scripts/check-packages.mjs in a scratch npm project that installed the packed tarballs: a TCLIService
// over an engine on the binary (SASL PLAIN) and HTTP transports; a session and a statement opened with
// the package's own codec over HTTP, its 2,500 rows read back over the binary port by hiveThriftFetcher
// and core's resumableReader, and a wrong password refused.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEngine, resumableReader } from '@batchgate/core'
import { sqliteStatementExecutor } from '@batchgate/gateway'
import {
  decodeReply,
  encodeCall,
  hiveThriftFetcher,
  tcliService,
  thriftBinaryServer,
  thriftHttpHandler,
  thriftPasswordAuth,
  TProtocolVersion,
  TStatusCode,
  type ServedMethod,
  type ServedMethods,
} from '@batchgate/hive-thrift'
import { sqliteStore } from '@batchgate/store-sqlite'

const ROWS = 2500
const engine = await createEngine({
  store: sqliteStore({ filename: './thrift-host.db' }),
  statementExecutor: sqliteStatementExecutor({ dataFile: null, statementTimeoutMs: 30_000 }),
})
const authenticate = thriftPasswordAuth({
  verify: (user, password) => user === 'alice' && password === 'secret',
})
const service = tcliService(engine, { disconnectGraceMs: 60_000 })
const binary = thriftBinaryServer(service, { authenticate }).listen(0, '127.0.0.1')
const httpHandler = thriftHttpHandler(service, { authenticate })
const http = createServer(httpHandler).listen(0, '127.0.0.1')
await Promise.all([once(binary, 'listening'), once(http, 'listening')])
const binaryPort = (binary.address() as AddressInfo).port
const httpPort = (http.address() as AddressInfo).port

/** One TCLIService call over the HTTP transport, encoded and decoded with the package's codec. */
async function call<M extends ServedMethod>(
  method: M,
  request: Parameters<typeof encodeCall<M>>[2],
  password = 'secret',
): Promise<ServedMethods[M]['response'] | number> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/cliservice`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-thrift',
      Authorization: `Basic ${Buffer.from(`alice:${password}`).toString('base64')}`,
    },
    body: encodeCall(method, 1, request),
  })
  if (response.status !== 200) return response.status
  const reply = decodeReply(Buffer.from(await response.arrayBuffer()))
  if (reply.kind !== 'reply' || reply.method !== method)
    throw new Error(`${method}: ${JSON.stringify(reply)}`)
  return reply.response as ServedMethods[M]['response']
}

try {
  const refused = await call(
    'OpenSession',
    { client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10 },
    'wrong',
  )
  check(refused === 401, `a wrong password is answered 401, got ${JSON.stringify(refused)}`)

  const opened = await call('OpenSession', {
    client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
  })
  if (typeof opened === 'number' || opened.sessionHandle === undefined) throw new Error('OpenSession failed')
  check(opened.status.statusCode === TStatusCode.SUCCESS_STATUS, 'OpenSession succeeds')
  const executed = await call('ExecuteStatement', {
    sessionHandle: opened.sessionHandle,
    statement: `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${ROWS}) select i from n`,
  })
  if (typeof executed === 'number' || executed.operationHandle === undefined)
    throw new Error('ExecuteStatement failed')

  const fetcher = hiveThriftFetcher(
    { host: '127.0.0.1', port: binaryPort, transport: 'binary', auth: { user: 'alice', password: 'secret' } },
    executed.operationHandle,
  )
  let expected = 1n
  try {
    for await (const row of resumableReader(fetcher, { maxRows: 1000 })) {
      check(row[0] === expected, `row ${expected} comes in order, got ${String(row[0])}`)
      expected++
    }
  } finally {
    await fetcher.close()
  }
  check(expected === BigInt(ROWS) + 1n, `all ${ROWS} rows were read, got ${expected - 1n}`)
  const closed = await call('CloseSession', { sessionHandle: opened.sessionHandle })
  check(
    typeof closed !== 'number' && closed.status.statusCode === TStatusCode.SUCCESS_STATUS,
    'CloseSession succeeds',
  )
} finally {
  binary.close()
  http.close()
  await httpHandler.close()
  await service.close()
  await engine.close()
}
console.log(
  `thrift-host: ${ROWS} rows over the binary transport, a session over HTTP, a wrong password refused`,
)

function check(holds: boolean, what: string): void {
  if (!holds) throw new Error(`thrift-host: expected that ${what}`)
}
