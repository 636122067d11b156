import { BatchgateError, ErrorCode } from '@batchgate/core'
import { setTimeout as sleep } from 'node:timers/promises'
import { isSqliteBusy } from './sqlite-error-codes.js'

const FIRST_PAUSE_MS = 5
const LONGEST_PAUSE_MS = 250

/**
 * Runs `operation`, trying again while SQLite reports the database busy or locked, for at most
 * `retryForMs` in all. Only whole statements or transactions are retried, and a busy statement has
 * changed nothing, so trying again is always safe. Pauses grow and are jittered so that processes
 * contending for one file do not retry in lock-step.
 *
 * @example
 * ```ts
 * await retryWhileBusy(() => db.insertInto('t').values(row).execute(), 30_000, 'insert batch')
 * ```
 */
export async function retryWhileBusy<T>(
  operation: () => Promise<T>,
  retryForMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + retryForMs
  let pause = FIRST_PAUSE_MS
  for (;;) {
    try {
      return await operation()
    } catch (error) {
      if (!isSqliteBusy(error)) throw error
      if (Date.now() + pause > deadline) {
        throw new BatchgateError(
          ErrorCode.METASTORE_UNAVAILABLE,
          `${what}: the SQLite database stayed locked by another connection for ${retryForMs} ms`,
          { cause: error },
        )
      }
      await sleep(pause / 2 + Math.random() * pause)
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS)
    }
  }
}
