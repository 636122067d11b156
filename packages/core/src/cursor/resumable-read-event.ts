import type { FetchOrientation } from './fetch-orientation.js'

/**
 * What a {@link resumableReader} tells its `onEvent` listener, for logs and metrics: every request it
 * sends, every answer it accepts, and every transport error it recovers from. A request with
 * `FETCH_PRIOR` is always a re-synchronisation after a failure.
 *
 * @example
 * ```ts
 * const onEvent = (event: ResumableReadEvent): void => {
 *   if (event.type === 'transport-error') log.warn(`fetch failed (${event.failures}), re-synchronising`)
 * }
 * ```
 */
export type ResumableReadEvent =
  | {
      readonly type: 'request'
      readonly orientation: FetchOrientation
      readonly maxRows: number
    }
  | {
      readonly type: 'answer'
      readonly orientation: FetchOrientation
      /** The answer's `startRowOffset`. */
      readonly startRowOffset: number
      /** Rows in the answer. */
      readonly rowCount: number
      /** Rows of the answer the reader had already yielded, and skips. */
      readonly skippedRows: number
      readonly hasMoreRows: boolean
      /** Rows yielded once this answer's new rows are yielded. */
      readonly rowsRead: number
    }
  | {
      readonly type: 'transport-error'
      readonly orientation: FetchOrientation
      readonly error: unknown
      /** Consecutive failures so far, this one included. */
      readonly failures: number
      /** The pause before the next attempt, which re-synchronises with `FETCH_PRIOR`. */
      readonly retryDelayMs: number
    }
