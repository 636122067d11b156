import type { MetadataStore } from '@batchgate/core/store'
import { mysqlStore } from '@batchgate/store-mysql'
import { postgresStore } from '@batchgate/store-postgres'
import { sqliteStore } from '@batchgate/store-sqlite'

/**
 * A database of the high-availability benchmarks, as a child process is told it (it travels in the
 * environment as JSON): a SQLite file, a MariaDB scratch database, a PostgreSQL scratch schema.
 *
 * @example
 * ```ts
 * const target: StoreTarget = { kind: 'sqlite', filename: '/tmp/batchgate-bench-ha/claims.db' }
 * ```
 */
export type StoreTarget =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'mysql'; readonly uri: string }
  | { readonly kind: 'postgres'; readonly uri: string; readonly schema: string }

/** The store's default pool size (MariaDB, PostgreSQL), given to the raw pools too. */
export const POOL_SIZE = 10

/** How the figures name the database. */
export const TARGET_NAMES: Readonly<Record<StoreTarget['kind'], string>> = {
  sqlite: 'SQLite file',
  mysql: 'MariaDB',
  postgres: 'PostgreSQL',
}

/**
 * A new store on the target, with the store's defaults (pool of {@link POOL_SIZE}), not yet opened.
 *
 * @example
 * ```ts
 * const engine = await createEngine({ store: openTargetStore(target), instanceId: 'ha-1' })
 * ```
 */
export function openTargetStore(target: StoreTarget): MetadataStore {
  switch (target.kind) {
    case 'sqlite':
      return sqliteStore({ filename: target.filename })
    case 'mysql':
      return mysqlStore({ uri: target.uri, connectionLimit: POOL_SIZE })
    case 'postgres':
      return postgresStore({ connectionString: target.uri, schema: target.schema, max: POOL_SIZE })
  }
}

/**
 * The stores a high-availability group measures: `kinds`, or those of them named in
 * `BATCHGATE_BENCH_HA_STORES` (comma-separated `sqlite`, `mysql`, `postgres`), for a run on a busy
 * machine that must stay short.
 *
 * @example
 * ```ts
 * for (const kind of selectedKinds(['mysql', 'sqlite'])) await measure(kind)
 * ```
 */
export function selectedKinds(kinds: readonly StoreTarget['kind'][]): StoreTarget['kind'][] {
  const wanted = process.env.BATCHGATE_BENCH_HA_STORES?.split(',').map((kind) => kind.trim())
  return kinds.filter((kind) => wanted === undefined || wanted.includes(kind))
}
