import { createScratchDatabase, dropScratchDatabase, redactUri } from '@batchgate/store-mysql/testing'

/** The server of the MariaDB benchmarks: `BATCHGATE_MYSQL_URI`, as for the tests. */
export const MYSQL_URI = process.env.BATCHGATE_MYSQL_URI ?? 'mysql://root@127.0.0.1:3306/test'

/**
 * Runs `work` on fresh scratch databases (created, then dropped), or answers why it cannot: a server
 * that does not answer makes the MariaDB figures skipped, not the run failed.
 *
 * @example
 * ```ts
 * const rows = await withScratchDatabases(2, ([store, raw]) => measure(store, raw), (why) => skipped(why))
 * ```
 */
export async function withScratchDatabases<T>(
  count: number,
  work: (uris: readonly string[]) => Promise<T>,
  unavailable: (reason: string) => T,
): Promise<T> {
  const uris: string[] = []
  try {
    try {
      for (let i = 0; i < count; i++) uris.push(await createScratchDatabase(MYSQL_URI))
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error)
      return unavailable(`no MySQL/MariaDB server at ${redactUri(MYSQL_URI)} (${detail})`)
    }
    return await work(uris)
  } finally {
    for (const uri of uris) await dropScratchDatabase(uri)
  }
}
