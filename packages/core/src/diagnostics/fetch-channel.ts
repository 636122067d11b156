import { tracingChannel, type TracingChannel } from 'node:diagnostics_channel'

/** The message of one `engine.operations.fetch` on {@link fetchChannel}. */
export interface FetchMessage {
  readonly instanceId: string
  /** The operation's handle. */
  readonly operationId: string
  /** `FETCH_NEXT`, `FETCH_PRIOR`, `FETCH_FIRST`, ... as the caller gave it. */
  readonly orientation: string
  readonly maxRows: number
  /** Rows in the answered block; set before `asyncEnd`. */
  rows: number | undefined
  /** Where the answered block starts (`startRowOffset`); set before `asyncEnd`. */
  startRowOffset: number | undefined
  /** The `BatchgateError` code of a failed fetch. */
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
