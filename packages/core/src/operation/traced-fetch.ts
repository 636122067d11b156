import { fetchChannel, type FetchMessage } from '../diagnostics/fetch-channel.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { isFetchOrientation } from '../cursor/fetch-orientation.js'
import type { RowSet } from '../cursor/row-set.js'
import { handleKey } from '../session/handle.js'

/**
 * The `batchgate:fetch` message of one fetch, from the caller's arguments as they came (a wire front
 * passes them unchecked): the handle in its canonical form (`''` for a value that cannot be a handle),
 * an orientation none of the known ones is `UNKNOWN`, so that a metric's attributes stay bounded.
 *
 * @example
 * ```ts
 * const message = fetchMessage('gw-1', handle, 'FETCH_NEXT', 100)
 * ```
 */
export function fetchMessage(
  instanceId: string,
  handle: unknown,
  orientation: unknown,
  maxRows: unknown,
): FetchMessage {
  return {
    instanceId,
    operationId: handleKey(handle) ?? '',
    orientation: isFetchOrientation(orientation) ? orientation : 'UNKNOWN',
    maxRows: typeof maxRows === 'number' ? maxRows : Number.NaN,
    rows: undefined,
    startRowOffset: undefined,
    errorCode: undefined,
  }
}

/**
 * Runs a fetch inside the `batchgate:fetch` tracing channel: the answered block's `rows` and
 * `startRowOffset`, or the failure's `errorCode`, are set before the watched promise settles. Call it
 * only when `fetchChannel.hasSubscribers`.
 *
 * @example
 * ```ts
 * if (fetchChannel.hasSubscribers) return tracedFetch(fetchMessage(...), () => fetch())
 * ```
 */
export function tracedFetch<T>(message: FetchMessage, fetch: () => Promise<RowSet<T>>): Promise<RowSet<T>> {
  return fetchChannel.tracePromise(
    () =>
      fetch().then(
        (block) => {
          message.rows = block.rows.length
          message.startRowOffset = block.startRowOffset
          return block
        },
        (error: unknown) => {
          message.errorCode = BatchgateError.is(error) ? error.code : undefined
          throw error
        },
      ),
    message,
  )
}
