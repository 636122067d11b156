import { createRequire } from 'node:module'
import type BetterSqlite3 from 'better-sqlite3'

// better-sqlite3 is the SQLite store's driver: load that copy rather than add a dependency here.
const Database = createRequire(new URL('../../../store-sqlite/package.json', import.meta.url))(
  'better-sqlite3',
) as typeof BetterSqlite3

/**
 * Holds the file's write lock from a second real connection (`BEGIN EXCLUSIVE`) for `ms`, then
 * releases it; resolves once released. A store writing meanwhile finds the database busy.
 *
 * @example
 * ```ts
 * const released = holdWriteLock(filename, 100)
 * await engine.batches.submit(request, alice) // retried until the lock is gone
 * await released
 * ```
 */
export function holdWriteLock(filename: string, ms: number): Promise<void> {
  const holder = new Database(filename)
  holder.exec('BEGIN EXCLUSIVE')
  return new Promise((resolve) =>
    setTimeout(() => {
      holder.exec('ROLLBACK')
      holder.close()
      resolve()
    }, ms),
  )
}
