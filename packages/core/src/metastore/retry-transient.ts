import { setTimeout as sleep } from 'node:timers/promises'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { noteTransientRetry } from './call-attempts.js'

/** How a store retries its transient failures. */
export interface TransientRetryPolicy {
  /** Whether an error is transient (busy, locked, deadlock, lost connection) for this store's driver. */
  readonly isTransient: (error: unknown) => boolean
  /** How long, in all, to keep trying before giving up with `METASTORE_UNAVAILABLE`. */
  readonly retryForMs: number
  /** What the operation does, for the final error's message (e.g. `insert a batch`). */
  readonly what: string
  /** First pause in milliseconds (default 5); pauses double up to `longestPauseMs`. */
  readonly firstPauseMs?: number
  /** Longest pause in milliseconds (default 250). */
  readonly longestPauseMs?: number
}

/**
 * Runs `operation`, trying again after transient failures for at most `retryForMs` in all, with
 * growing, jittered pauses so that instances contending for one database do not retry in lock-step.
 * Only use it for operations that are safe to repeat after such a failure (the store decides). Other
 * errors pass through untouched; the last transient one becomes the `cause` of `METASTORE_UNAVAILABLE`.
 * Each retry counts one more attempt of the metastore call under way on the `batchgate:metastore`
 * channel (see {@link noteTransientRetry}).
 *
 * @example
 * ```ts
 * await retryTransient(() => db.insertInto('t').values(row).execute(), {
 *   isTransient: isSqliteBusy,
 *   retryForMs: 30_000,
 *   what: 'insert a batch',
 * })
 * ```
 */
export async function retryTransient<T>(
  operation: () => Promise<T>,
  policy: TransientRetryPolicy,
): Promise<T> {
  const deadline = Date.now() + policy.retryForMs
  let pause = policy.firstPauseMs ?? 5
  const longest = policy.longestPauseMs ?? 250
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (!policy.isTransient(error)) throw error
      if (Date.now() + pause > deadline) {
        throw new BatchgateError(
          ErrorCode.METASTORE_UNAVAILABLE,
          `could not ${policy.what}: the metastore kept failing transiently for ${policy.retryForMs} ms (${attempt} attempts)`,
          { cause: error },
        )
      }
      await sleep(pause / 2 + Math.random() * pause)
      pause = Math.min(pause * 2, longest)
      // The traced call's `attempts` (batchgate:metastore); nothing when the call is not traced.
      noteTransientRetry()
    }
  }
}
