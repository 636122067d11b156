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
  /** The HTTP method (REST), or the TCLIService method (`OpenSession`, `FetchResults`, ...). */
  readonly method: string
  /**
   * REST: the base path the front is mounted on (e.g. `/api/v1`, empty when mounted at the root), so
   * that `basePath + route` is OpenTelemetry's `http.route`. Thrift: `undefined`.
   */
  readonly basePath?: string | undefined
  /**
   * REST: the route's template below the base path (e.g. `/batches/:batchId`), once matched;
   * `undefined` for a path no route serves. Thrift: `undefined`.
   */
  route: string | undefined
  /** The authenticated user, once known. */
  user: string | undefined
  /** REST: the HTTP status answered. */
  statusCode: number | undefined
  /** Thrift: the answer's `TStatusCode` name (`SUCCESS_STATUS`, `ERROR_STATUS`, ...). */
  thriftStatus: string | undefined
  /** The `BatchgateError` code (or the front's own error code) of a failed request. */
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
