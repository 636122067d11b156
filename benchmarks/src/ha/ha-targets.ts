import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { withScratchDatabases } from '../submit/mysql-server.js'
import { POSTGRES_URI, withScratchSchemas } from '../submit/postgres-server.js'
import { openTargetStore, type StoreTarget } from './store-target.js'

/**
 * Runs `work` on `count` fresh, empty databases of `kind` (SQLite files in a temporary directory,
 * MariaDB scratch databases, PostgreSQL scratch schemas), each migrated by the store, then removes
 * them; or answers why it cannot (no server: the figures are skipped, not the run failed).
 *
 * @example
 * ```ts
 * const rows = await withTargets('mysql', 2, ([subject, baseline]) => measure(subject, baseline), (why) => skipped(why))
 * ```
 */
export async function withTargets<T>(
  kind: StoreTarget['kind'],
  count: number,
  work: (targets: readonly StoreTarget[]) => Promise<T>,
  unavailable: (reason: string) => T,
): Promise<T> {
  const migrated = async (targets: StoreTarget[]): Promise<T> => {
    for (const target of targets) {
      const store = openTargetStore(target)
      await store.open()
      await store.close()
    }
    return work(targets)
  }
  switch (kind) {
    case 'sqlite': {
      const directory = mkdtempSync(join(tmpdir(), 'batchgate-bench-ha-'))
      try {
        return await migrated(
          Array.from({ length: count }, (_, i) => ({ kind, filename: join(directory, `ha-${i}.db`) })),
        )
      } finally {
        rmSync(directory, { recursive: true, force: true })
      }
    }
    case 'mysql':
      return withScratchDatabases(count, (uris) => migrated(uris.map((uri) => ({ kind, uri }))), unavailable)
    case 'postgres':
      return withScratchSchemas(
        count,
        (schemas) => migrated(schemas.map((schema) => ({ kind, uri: POSTGRES_URI, schema }))),
        unavailable,
      )
  }
}
