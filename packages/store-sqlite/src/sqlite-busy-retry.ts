import { retryTransient } from '@batchgate/core/store'
import { isSqliteBusy } from './sqlite-error-codes.js'

/**
 * Runs `operation`, trying again while SQLite reports the database busy or locked, for at most
 * `retryForMs` in all. Only whole statements or transactions are retried, and a busy statement has
 * changed nothing, so trying again is always safe.
 *
 * @example
 * ```ts
 * await retryWhileBusy(() => db.insertInto('t').values(row).execute(), 30_000, 'insert a batch')
 * ```
 */
export function retryWhileBusy<T>(operation: () => Promise<T>, retryForMs: number, what: string): Promise<T> {
  return retryTransient(operation, { isTransient: isSqliteBusy, retryForMs, what })
}
