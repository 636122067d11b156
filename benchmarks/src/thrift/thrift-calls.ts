import {
  decodeReply,
  encodeCall,
  TFetchOrientation,
  TProtocolVersion,
  TStatusCode,
  type Encodable,
  type ServedMethods,
  type TFetchResultsResp,
  type TOperationHandle,
  type TStatus,
} from '@batchgate/hive-thrift'
import { BENCH_USER, type ThriftBenchConnection } from './thrift-connection.js'

/**
 * The calls the benchmarks make, over a {@link ThriftBenchConnection}: each encodes its request with the
 * codec's `encodeCall` and decodes the reply with `decodeReply`, as any client must.
 */
export class ThriftBenchClient {
  readonly connection: ThriftBenchConnection
  #seqid = 0

  constructor(connection: ThriftBenchConnection) {
    this.connection = connection
  }

  /** OpenSession (protocol V10: columnar row sets) then a synchronous ExecuteStatement: the operation. */
  async openOperation(statement: string): Promise<TOperationHandle> {
    const session = await this.#call('OpenSession', {
      client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
      username: BENCH_USER,
    })
    if (session.sessionHandle === undefined) throw new Error('OpenSession answered no session handle')
    const executed = await this.#call('ExecuteStatement', {
      sessionHandle: session.sessionHandle,
      statement,
      runAsync: false,
    })
    if (executed.operationHandle === undefined) throw new Error('ExecuteStatement answered no operation')
    return executed.operationHandle
  }

  /**
   * FetchResults, without decoding the answer: the timed loops read whole replies and decode only the
   * ones they check (see `thrift-fetch-pair.ts`).
   */
  fetchRaw(handle: TOperationHandle, orientation: TFetchOrientation, maxRows: number): Promise<Buffer> {
    return this.connection.call(
      encodeCall('FetchResults', ++this.#seqid, { operationHandle: handle, orientation, maxRows }),
    )
  }

  /** FetchResults, decoded and checked for a SUCCESS status. */
  async fetch(
    handle: TOperationHandle,
    orientation: TFetchOrientation,
    maxRows: number,
  ): Promise<TFetchResultsResp> {
    return decodeFetchReply(await this.fetchRaw(handle, orientation, maxRows))
  }

  async #call<M extends 'OpenSession' | 'ExecuteStatement'>(
    method: M,
    request: Encodable<ServedMethods[M]['request']>,
  ): Promise<ServedMethods[M]['response']> {
    const reply = decodeReply(await this.connection.call(encodeCall(method, ++this.#seqid, request)))
    if (reply.kind !== 'reply' || reply.method !== method) {
      throw new Error(`${method} failed: ${JSON.stringify(reply, bigintReplacer)}`)
    }
    const response = reply.response as ServedMethods[M]['response']
    checkStatus(method, response.status)
    return response
  }
}

/** Decodes a FetchResults reply and checks its status. */
export function decodeFetchReply(message: Buffer): TFetchResultsResp {
  const reply = decodeReply(message)
  if (reply.kind !== 'reply' || reply.method !== 'FetchResults') {
    throw new Error(`FetchResults failed: ${JSON.stringify(reply, bigintReplacer)}`)
  }
  checkStatus('FetchResults', reply.response.status)
  return reply.response
}

/** The rows and first row of a decoded FetchResults block (columnar, as protocol V10 gets). */
export function blockOf(response: TFetchResultsResp): { startRowOffset: number; rows: number } {
  const results = response.results
  if (results === undefined) throw new Error('FetchResults answered no row set')
  const first = results.columns?.[0]
  const rows = first?.i64Val?.values.length ?? results.rows.length
  return { startRowOffset: Number(results.startRowOffset), rows }
}

function checkStatus(method: string, status: TStatus): void {
  if (
    status.statusCode !== TStatusCode.SUCCESS_STATUS &&
    status.statusCode !== TStatusCode.SUCCESS_WITH_INFO_STATUS
  ) {
    throw new Error(`${method} answered ${JSON.stringify(status, bigintReplacer)}`)
  }
}

/** For error messages: JSON cannot print a bigint. */
export function bigintReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}

export { TFetchOrientation }
