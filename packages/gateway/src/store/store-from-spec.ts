import type { MetadataStore } from '@batchgate/core/store'
import { mysqlStore } from '@batchgate/store-mysql'
import { postgresStore } from '@batchgate/store-postgres'
import { sqliteStore } from '@batchgate/store-sqlite'
import { UsageError } from '../cli/usage-error.js'

/**
 * The metastore a `--store` value names: `sqlite:FILE`, `mysql://…` (or `mariadb://…`), or
 * `postgres://…` (or `postgresql://…`). A URI is passed to its store as it is, query parameters
 * included; a password in it is never printed (see {@link describeStore}).
 *
 * @example
 * ```ts
 * const store = storeFromSpec('sqlite:./batchgate.db')
 * ```
 */
export function storeFromSpec(spec: string): MetadataStore {
  if (spec.startsWith('sqlite:')) {
    const filename = spec.slice('sqlite:'.length)
    if (filename === '') throw new UsageError('--store sqlite: needs a file name, e.g. sqlite:./batchgate.db')
    return sqliteStore({ filename })
  }
  if (/^(mysql|mariadb):\/\//.test(spec)) {
    return mysqlStore({ uri: spec.replace(/^mariadb:/, 'mysql:') })
  }
  if (/^postgres(ql)?:\/\//.test(spec)) return postgresStore({ connectionString: spec })
  throw new UsageError(
    `--store must be sqlite:FILE, mysql://user:password@host:port/database or postgres://user:password@host:port/database, got ${JSON.stringify(describeStore(spec))}`,
  )
}

/**
 * `spec` without the password a URI may hold, for messages and logs.
 *
 * @example
 * ```ts
 * describeStore('mysql://gw:secret@db:3306/batchgate') // 'mysql://gw:***@db:3306/batchgate'
 * ```
 */
export function describeStore(spec: string): string {
  if (!spec.includes('://')) return spec
  try {
    const url = new URL(spec)
    if (url.password !== '') url.password = '***'
    return url.toString()
  } catch {
    // Not a URI we can read: show only its scheme, in case the rest holds a secret.
    return `${spec.slice(0, spec.indexOf('://'))}://…`
  }
}
