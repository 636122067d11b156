import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { FetchOrientation } from './fetch-orientation.js'
import type { FetchFunction } from './operation-cursor.js'
import type { RowSet } from './row-set.js'

/** How one fetch attempt ended: its answer, its error, or no answer in time. */
export type FetchAttemptOutcome<T> =
  | { readonly kind: 'answer'; readonly answer: RowSet<T> }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout'; readonly error: BatchgateError }

/**
 * One fetch attempt with a deadline. The attempt gets an `AbortSignal`; when no answer comes within
 * `timeoutMs` the signal is aborted (reason: a `FETCH_TIMEOUT` error) and the attempt is abandoned: its
 * late answer or error, if any ever comes, is dropped here, so it can never deliver rows after the
 * caller has moved on. The timer is cleared as soon as the attempt ends either way, so nothing is left
 * running once the caller stops.
 *
 * @example
 * ```ts
 * const outcome = await fetchAttempt(fetch, FetchOrientation.FETCH_NEXT, 500, 60_000)
 * if (outcome.kind === 'timeout') log.warn(outcome.error.message)
 * ```
 */
export async function fetchAttempt<T>(
  fetch: FetchFunction<T>,
  orientation: FetchOrientation,
  maxRows: number,
  timeoutMs: number,
): Promise<FetchAttemptOutcome<T>> {
  const controller = new AbortController()
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<FetchAttemptOutcome<T>>((resolve) => {
    timer = setTimeout(() => {
      const error = new BatchgateError(
        ErrorCode.FETCH_TIMEOUT,
        `${orientation}(${maxRows}) got no answer within ${timeoutMs} ms`,
      )
      controller.abort(error)
      resolve({ kind: 'timeout', error })
    }, timeoutMs)
  })
  // Called in a `then` so that a `fetch` that throws instead of rejecting is an error outcome too.
  const settled = Promise.resolve()
    .then(() => fetch(orientation, maxRows, undefined, { signal: controller.signal }))
    .then(
      (answer): FetchAttemptOutcome<T> => ({ kind: 'answer', answer }),
      (error: unknown): FetchAttemptOutcome<T> => ({ kind: 'error', error }),
    )
  try {
    return await Promise.race([settled, expired])
  } finally {
    clearTimeout(timer)
  }
}
