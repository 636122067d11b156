import { tracingChannel, type TracingChannel } from 'node:diagnostics_channel'

/**
 * The message of one request to a wire front on {@link requestChannel}: an HTTP request to the Kyuubi
 * REST front, or one Thrift call (a whole message) to the HiveServer2 front.
 */
export interface WireRequestMessage {
  /** Which front: `kyuubi-rest` or `hive-thrift`. */
  readonly protocol: 'kyuubi-rest' | 'hive-thrift'
  /** `http` (REST, Thrift over HTTP) or `binary` (Thrift's TCP transport). */
  readonly transport: 'http' | 'binary'
  /**
   * The HTTP method (REST), or the TCLIService method (`OpenSession`, `FetchResults`, ...); `UNKNOWN`
   * for a Thrift call naming a method TCLIService does not have (answered UNKNOWN_METHOD).
   */
  readonly method: string
  /**
   * REST: the matched route's template including the base path (e.g. `/api/v1/batches/:batchId`,
   * OpenTelemetry's `http.route`), set once matched; `undefined` for a request no route serves (404, and
   * 405 for a path that has other methods). Thrift: `undefined`.
   */
  route: string | undefined
  /**
   * REST: set only by a publisher whose `route` is below the base path it is mounted on, so that
   * `(basePath ?? '') + route` is OpenTelemetry's `http.route`; kyuubi-rest's `route` already includes
   * it and leaves this `undefined`. Thrift: `undefined`.
   */
  readonly basePath?: string | undefined
  /**
   * The authenticated user, once known (REST: `undefined` on public routes and when authentication
   * failed). Thrift: the connection's user, or without authentication the user the call acts as
   * (OpenSession's `username`, the session's user).
   */
  user: string | undefined
  /**
   * REST: the HTTP status answered (every status: 2xx, 4xx, 5xx, a timeout's 408/503); `undefined` when
   * nothing could be answered (the client went away first).
   */
  statusCode: number | undefined
  /**
   * Thrift: the answer's `TStatusCode` name (`SUCCESS_STATUS`, `ERROR_STATUS`, ...); `undefined` for an
   * answer without a status (a `TApplicationException`: an unknown method, GetQueryId).
   */
  thriftStatus: string | undefined
  /**
   * The code of a failed request, as answered: REST, the answer's `code` (a `BatchgateError` code such as
   * `BATCH_NOT_FOUND`, or the front's own: `NOT_FOUND`, `UNAUTHENTICATED`, `REQUEST_TIMEOUT`,
   * `INTERNAL_ERROR`, ...). Thrift, the `BatchgateError` code of an ERROR status, `INTERNAL_ERROR` for a
   * bug, the SQLSTATE of the front's own refusals (e.g. `HYC00` for a method not served), or the
   * `TApplicationException` type (`UNKNOWN_METHOD`). `undefined` on success.
   */
  errorCode: string | undefined
  error?: unknown
  result?: unknown
}

/**
 * `batchgate:request`: a tracing channel around every request a wire front serves. Public API.
 *
 * @example
 * ```ts
 * import { requestChannel } from '@batchgate/core/diagnostics'
 * requestChannel.asyncEnd.subscribe((request) => console.log(request.method, request.route, request.statusCode))
 * ```
 */
export const requestChannel: TracingChannel<unknown, WireRequestMessage> = tracingChannel('batchgate:request')
