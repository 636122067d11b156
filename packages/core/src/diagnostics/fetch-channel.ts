import { tracingChannel, type TracingChannel } from 'node:diagnostics_channel'

/** The message of one `engine.operations.fetch` on {@link fetchChannel}. */
export interface FetchMessage {
  readonly instanceId: string
  /** The operation's handle, in its canonical (lower-case) form; `''` for a value that cannot be a handle. */
  readonly operationId: string
  /**
   * `FETCH_NEXT`, `FETCH_PRIOR`, `FETCH_FIRST`, ... as the caller gave it; `UNKNOWN` for a value that is
   * none of them (the fetch then fails), so that an attribute made of it stays bounded.
   */
  readonly orientation: string
  /** As the caller gave it; `NaN` for a value that is not a number (the fetch then fails). */
  readonly maxRows: number
  /** Rows in the answered block; set before `asyncEnd`; `undefined` when the fetch failed. */
  rows: number | undefined
  /**
   * Where the answered block starts (`RowSet.startRowOffset`, 0-based); set before `asyncEnd`;
   * `undefined` when the fetch failed.
   */
  startRowOffset: number | undefined
  /**
   * The `BatchgateError` code of a failed fetch (`OPERATION_NOT_FOUND`, `INVALID_OPERATION_STATE`,
   * `INVALID_FETCH_REQUEST`, `SOURCE_FAILED`, `CLOSED`, ...); set before `error`.
   */
  errorCode: string | undefined
  error?: unknown
  result?: unknown
}

/**
 * `batchgate:fetch`: a tracing channel around every fetch of an operation's rows. Public API.
 *
 * @example
 * ```ts
 * import { fetchChannel } from '@batchgate/core/diagnostics'
 * fetchChannel.asyncEnd.subscribe((fetch) => console.log(fetch.operationId, fetch.rows))
 * ```
 */
export const fetchChannel: TracingChannel<unknown, FetchMessage> = tracingChannel('batchgate:fetch')
