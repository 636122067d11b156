import { expect } from 'vitest'
import { BinaryClientConnection } from '../../src/client/binary-client-connection.js'
import {
  clientSettings,
  type HiveThriftFetcherOptions,
} from '../../src/client/hive-thrift-fetcher-options.js'
import { HttpClientConnection } from '../../src/client/http-client-connection.js'
import type { ThriftClientConnection } from '../../src/client/thrift-client-connection.js'
import { decodeReply, encodeCall } from '../../src/protocol/index.js'
import {
  TProtocolVersion,
  TStatusCode,
  type ServedMethods,
  type TOperationHandle,
  type TSessionHandle,
} from '../../src/protocol/tcliservice-types.js'

/** A Thrift connection of the client's own transports, for the calls a test makes around a fetcher. */
export interface ThriftTestClient {
  call<M extends keyof ServedMethods>(
    method: M,
    request: Parameters<typeof encodeCall<M>>[2],
  ): Promise<ServedMethods[M]['response']>
  close(): void
}

/**
 * Opens a connection like `hiveThriftFetcher`'s (same transports, same options) for OpenSession,
 * ExecuteStatement and friends.
 *
 * @example
 * ```ts
 * const client = thriftTestClient({ host: '127.0.0.1', port, transport: 'binary', auth })
 * const { operationHandle } = await client.call('ExecuteStatement', { sessionHandle, statement: 'rows 10' })
 * ```
 */
export function thriftTestClient(options: HiveThriftFetcherOptions): ThriftTestClient {
  const settings = clientSettings(options)
  const connection: ThriftClientConnection =
    settings.transport === 'binary'
      ? new BinaryClientConnection(settings)
      : new HttpClientConnection(settings)
  let seqid = 0
  return {
    async call(method, request) {
      const reply = decodeReply(
        await connection.call(encodeCall(method, ++seqid, request), AbortSignal.timeout(10_000)),
      )
      if (reply.kind !== 'reply' || reply.method !== method) {
        throw new Error(`${method} answered ${JSON.stringify(reply)}`)
      }
      return reply.response
    },
    close() {
      connection.close()
    },
  }
}

/**
 * OpenSession (protocol V10: columnar row sets) and ExecuteStatement (synchronous): the handle of a
 * FINISHED operation and its session's.
 *
 * @example
 * ```ts
 * const { operationHandle } = await runStatement(client, 'rows 100000')
 * ```
 */
export async function runStatement(
  client: ThriftTestClient,
  statement: string,
  protocol: TProtocolVersion = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
): Promise<{ sessionHandle: TSessionHandle; operationHandle: TOperationHandle }> {
  const session = await client.call('OpenSession', { client_protocol: protocol })
  expect(session.status.statusCode, session.status.errorMessage).toBe(TStatusCode.SUCCESS_STATUS)
  const { sessionHandle } = session
  if (sessionHandle === undefined) throw new Error('OpenSession answered no session handle')
  const executed = await client.call('ExecuteStatement', { sessionHandle, statement, runAsync: false })
  expect(executed.status.statusCode, executed.status.errorMessage).toBe(TStatusCode.SUCCESS_STATUS)
  const { operationHandle } = executed
  if (operationHandle === undefined) throw new Error('ExecuteStatement answered no operation handle')
  return { sessionHandle, operationHandle }
}
