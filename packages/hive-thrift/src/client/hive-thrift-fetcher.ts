import {
  BatchgateError,
  ErrorCode,
  FetchOrientation,
  type FetchCallOptions,
  type FetchFunction,
  type ResultRow,
  type RowSet,
} from '@batchgate/core'
import { decodeReply, encodeCall } from '../protocol/index.js'
import { TFetchOrientation, type TOperationHandle } from '../protocol/tcliservice-types.js'
import { BinaryClientConnection } from './binary-client-connection.js'
import { decodeRowSet } from './decode-row-set.js'
import {
  clientSettings,
  type ClientSettings,
  type HiveThriftFetcherOptions,
} from './hive-thrift-fetcher-options.js'
import { HiveThriftRequestError } from './hive-thrift-request-error.js'
import { HiveThriftTransportError } from './hive-thrift-transport-error.js'
import { HttpClientConnection } from './http-client-connection.js'
import { statusRefusal } from './status-refusal.js'
import type { ThriftClientConnection } from './thrift-client-connection.js'

/**
 * A `FetchFunction` over Thrift with the connection it keeps: `close()` closes that connection, after
 * which every call rejects with `CLOSED`.
 */
export interface HiveThriftFetcher extends FetchFunction<ResultRow> {
  /** Closes the connection (binary) and refuses further calls; idempotent. */
  close(): Promise<void>
}

const WIRE_ORIENTATION: Readonly<Record<FetchOrientation, TFetchOrientation>> = {
  FETCH_NEXT: TFetchOrientation.FETCH_NEXT,
  FETCH_PRIOR: TFetchOrientation.FETCH_PRIOR,
  FETCH_RELATIVE: TFetchOrientation.FETCH_RELATIVE,
  FETCH_ABSOLUTE: TFetchOrientation.FETCH_ABSOLUTE,
  FETCH_FIRST: TFetchOrientation.FETCH_FIRST,
  FETCH_LAST: TFetchOrientation.FETCH_LAST,
}

/**
 * The client side of SPARK-29349 over HiveServer2's Thrift wire: a core `FetchFunction` that fetches one
 * block of an operation's result with `FetchResults(operationHandle, orientation, maxRows)`, for
 * `resumableReader`, which then reads every row exactly once and in order although connections break
 * and answers are lost on the way (it re-synchronises with `FETCH_PRIOR` and the answer's
 * `startRowOffset`). `operationHandle` is the `TOperationHandle` that `ExecuteStatement` answered, used as
 * is: the operation must stay open on the server (a batchgate server keeps a dropped connection's
 * operations for its disconnect grace period).
 *
 * Transports: `binary` keeps one TCP connection — SASL PLAIN and 4-byte frames with `{ user, password }`,
 * unframed NOSASL with `{ nosasl: true }` — and opens a new one (with a new handshake) on the call after
 * one broke; `http` sends each call as a `POST` to `path`. Each call is bounded by `requestTimeoutMs`
 * and `maxResponseBytes` and cancelled when its `signal` aborts (its connection is then closed, so a late
 * reply never reaches a later call).
 *
 * It resolves with the block, values in their JS types (see `decodeRowSet`: BIGINT as `bigint`, BINARY
 * as `Uint8Array`). It rejects with a {@link HiveThriftTransportError} (retried by the reader) when no
 * usable answer came; with a {@link HiveThriftRequestError} (a `BatchgateError`, not retried) when the
 * server refused — `UNSUPPORTED_FETCH_ORIENTATION` for an orientation it does not serve, which for
 * `FETCH_PRIOR` makes the reader fail clearly (Spark's "old server" rule), `OPERATION_NOT_FOUND`,
 * `PERMISSION_DENIED` —; with `SOURCE_FAILED` for an answer that is no FetchResults reply; with
 * `INVALID_OPTIONS` for one over `maxResponseBytes`. `FETCH_ABSOLUTE` and `FETCH_RELATIVE` are refused
 * without a call (`UNSUPPORTED_FETCH_ORIENTATION`): `TFetchResultsReq` has no offset to send. The
 * password is never part of an error.
 *
 * @example
 * ```ts
 * const fetcher = hiveThriftFetcher(
 *   { host: '127.0.0.1', port: 10009, transport: 'binary', auth: { user: 'alice', password } },
 *   executeResponse.operationHandle,
 * )
 * try {
 *   for await (const row of resumableReader(fetcher, { maxRows: 1000, fetchTimeoutMs: 30_000 })) console.log(row)
 * } finally {
 *   await fetcher.close()
 * }
 * ```
 */
export function hiveThriftFetcher(
  options: HiveThriftFetcherOptions,
  operationHandle: TOperationHandle,
): HiveThriftFetcher {
  const settings = clientSettings(options)
  if (typeof operationHandle !== 'object' || (operationHandle as unknown) === null) {
    throw new BatchgateError(
      ErrorCode.INVALID_OPTIONS,
      'operationHandle must be the TOperationHandle that ExecuteStatement answered',
    )
  }
  const connection: ThriftClientConnection =
    settings.transport === 'binary'
      ? new BinaryClientConnection(settings)
      : new HttpClientConnection(settings)
  let seqid = 0
  let closed = false
  const fetcher = (
    orientation: FetchOrientation,
    maxRows: number,
    _offset?: number,
    callOptions?: FetchCallOptions,
  ): Promise<RowSet<ResultRow>> => {
    if (closed)
      return Promise.reject(new BatchgateError(ErrorCode.CLOSED, 'this hiveThriftFetcher is closed'))
    seqid = seqid >= 0x7fffffff ? 1 : seqid + 1
    return fetchBlock(settings, connection, operationHandle, seqid, orientation, maxRows, callOptions)
  }
  return Object.assign(fetcher, {
    close: (): Promise<void> => {
      closed = true
      connection.close()
      return Promise.resolve()
    },
  })
}

async function fetchBlock(
  settings: ClientSettings,
  connection: ThriftClientConnection,
  operationHandle: TOperationHandle,
  seqid: number,
  orientation: FetchOrientation,
  maxRows: number,
  callOptions: FetchCallOptions | undefined,
): Promise<RowSet<ResultRow>> {
  const what = `${orientation}(${maxRows})`
  if (orientation === FetchOrientation.FETCH_ABSOLUTE || orientation === FetchOrientation.FETCH_RELATIVE) {
    throw new BatchgateError(
      ErrorCode.UNSUPPORTED_FETCH_ORIENTATION,
      `${orientation} needs an offset, which HiveServer2's TFetchResultsReq cannot carry`,
      { sqlState: 'HY106' },
    )
  }
  if (!Number.isSafeInteger(maxRows) || maxRows < 1) {
    throw new BatchgateError(
      ErrorCode.INVALID_FETCH_REQUEST,
      `maxRows must be a positive integer, got ${maxRows}`,
    )
  }
  const request = encodeCall('FetchResults', seqid, {
    operationHandle,
    orientation: WIRE_ORIENTATION[orientation],
    maxRows: BigInt(maxRows),
    fetchType: 0,
  })
  // A timer of our own, cleared when the answer is read: AbortSignal.timeout's would outlive every call.
  const expiry = new AbortController()
  const timer = setTimeout(() => {
    expiry.abort(new Error(`no complete answer within ${settings.requestTimeoutMs} ms`))
  }, settings.requestTimeoutMs)
  const signal =
    callOptions?.signal === undefined ? expiry.signal : AbortSignal.any([callOptions.signal, expiry.signal])
  let replyBytes: Buffer
  try {
    replyBytes = await connection.call(request, signal)
  } catch (error) {
    if (!signal.aborted && BatchgateError.is(error)) throw error
    throw lostAnswer(what, error, signal, expiry.signal, settings)
  } finally {
    clearTimeout(timer)
  }
  return readReply(replyBytes, seqid, orientation, what, settings)
}

function readReply(
  replyBytes: Buffer,
  seqid: number,
  orientation: FetchOrientation,
  what: string,
  settings: ClientSettings,
): RowSet<ResultRow> {
  let reply: ReturnType<typeof decodeReply>
  try {
    reply = decodeReply(replyBytes)
  } catch (error) {
    throw new BatchgateError(ErrorCode.SOURCE_FAILED, `the server's answer to ${what} is no Thrift reply`, {
      cause: error,
    })
  }
  if (reply.method !== 'FetchResults' || reply.seqid !== seqid) {
    throw new BatchgateError(
      ErrorCode.SOURCE_FAILED,
      `the server answered ${what} (FetchResults #${seqid}) with a reply to ${reply.method} #${reply.seqid}`,
    )
  }
  if (reply.kind === 'exception') {
    throw new HiveThriftRequestError(
      ErrorCode.INVALID_REQUEST,
      `the server refused ${what} with a Thrift application exception (type ${reply.type}): ${reply.message}`,
      { serverMessage: reply.message },
    )
  }
  const { status, results, hasMoreRows } = reply.response
  const refusal = statusRefusal(status, orientation, what, settings.credentials?.password)
  if (refusal !== undefined) throw refusal
  if (results === undefined) {
    throw new BatchgateError(
      ErrorCode.SOURCE_FAILED,
      `the server answered ${what} with a success but no row set`,
    )
  }
  // hasMoreRows is optional in the IDL: Spark never sets it true, Hive leaves it out when false.
  return decodeRowSet(results, hasMoreRows ?? false)
}

function lostAnswer(
  what: string,
  error: unknown,
  signal: AbortSignal,
  timeout: AbortSignal,
  settings: ClientSettings,
): HiveThriftTransportError {
  if (HiveThriftTransportError.is(error)) return error
  const where = `${settings.transport === 'binary' ? 'tcp' : 'http'}://${settings.host}:${settings.port}`
  if (timeout.aborted) {
    return new HiveThriftTransportError(
      `${what} got no complete answer from ${where} within ${settings.requestTimeoutMs} ms`,
      { cause: error },
    )
  }
  if (signal.aborted) {
    return new HiveThriftTransportError(`${what} was abandoned by its caller`, { cause: signal.reason })
  }
  return new HiveThriftTransportError(`${what} got no complete answer from ${where}: ${describe(error)}`, {
    cause: error,
  })
}

/** undici's `fetch failed` says little: the cause's message (`other side closed`, `ECONNREFUSED`) is the news. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause
  return cause instanceof Error && cause.message !== ''
    ? `${error.message} (${cause.message})`
    : error.message
}
