import { tracingChannel, type TracingChannel } from 'node:diagnostics_channel'

/**
 * The message of one metastore port call on {@link metastoreChannel}: every call core makes to its
 * `MetadataStore` (`insertBatch`, `getBatch`, `claimBatch`, `renewLease`, ...), whatever the store
 * (a host's own too). `open` and `close` are not traced.
 */
export interface MetastoreCallMessage {
  /** The engine instance that made the call. */
  readonly instanceId: string
  /** The port method called, e.g. `insertBatch` (OpenTelemetry's `db.operation.name`). */
  readonly operation: string
  /**
   * The store's `dbSystem` (`sqlite`, `mysql`, `mariadb`, `postgresql`) when the call started,
   * `undefined` when it names none.
   */
  readonly dbSystem: string | undefined
  /**
   * The batch the call is about (`insertBatch`, `getBatch`, `updateBatchState`, `updateApplication`,
   * `claimBatch`, `transferBatch`), else `undefined`.
   */
  readonly batchId: string | undefined
  /**
   * Attempts made: 1, plus one for each transient failure the store retried through `retryTransient`
   * (busy file, deadlock, lost connection) or reported with `noteTransientRetry` (a store retrying its
   * own way). Final once `asyncEnd` or `error` is published. A store that retries without either
   * reports 1.
   */
  attempts: number
  /**
   * The `BatchgateError` code of a failed call: `METASTORE_UNAVAILABLE` (transient failures went on past
   * the store's retry budget, or a failure that is not transient), `CLOSED`, and `DUPLICATE_KEY` for an
   * insert whose id exists (the expected answer to a duplicate submission, not a fault); `UNKNOWN` for
   * an error that is not a `BatchgateError`. Set before `error` is published.
   */
  errorCode: string | undefined
  /** Set by Node's tracing channel on `error`. */
  error?: unknown
  /** Set by Node's tracing channel on `asyncEnd`. */
  result?: unknown
}

/**
 * `batchgate:metastore`: a tracing channel around every metastore call core makes. Public API.
 *
 * @example
 * ```ts
 * import { metastoreChannel } from '@batchgate/core/diagnostics'
 * metastoreChannel.asyncEnd.subscribe((call) => { if (call.attempts > 1) console.log(call.operation, 'retried') })
 * ```
 */
export const metastoreChannel: TracingChannel<unknown, MetastoreCallMessage> =
  tracingChannel('batchgate:metastore')
