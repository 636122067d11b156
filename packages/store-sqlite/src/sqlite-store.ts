import { metadataStoreModule } from '@batchgate/sql-store'
import type { ContainerModule } from 'inversify'
import { SqliteMetadataStore } from './sqlite-metadata-store.js'
import {
  DEFAULT_BUSY_RETRY_MS,
  DEFAULT_BUSY_TIMEOUT_MS,
  type ResolvedSqliteStoreOptions,
  type SqliteStoreOptions,
} from './sqlite-store-options.js'
import { BatchgateError, ErrorCode } from '@batchgate/core/store'

/**
 * The embedded default metastore: one SQLite file, created and migrated on `open()`.
 *
 * @example
 * ```ts
 * const engine = await createEngine({ store: sqliteStore({ filename: './batchgate.db' }) })
 * ```
 */
export function sqliteStore(options: SqliteStoreOptions): SqliteMetadataStore {
  return new SqliteMetadataStore(resolveOptions(options))
}

/**
 * Binds a SQLite metastore to core's `METADATA_STORE` token, for hosts with their own container.
 *
 * @example
 * ```ts
 * container.load(coreModule({ instanceId: 'gw-1' }), sqliteStoreModule({ filename: './batchgate.db' }))
 * const engine = await openEngine(container)
 * ```
 */
export function sqliteStoreModule(options: SqliteStoreOptions): ContainerModule {
  const resolved = resolveOptions(options)
  return metadataStoreModule(() => new SqliteMetadataStore(resolved))
}

function resolveOptions(options: SqliteStoreOptions): ResolvedSqliteStoreOptions {
  if (typeof options.filename !== 'string' || options.filename === '') {
    throw new BatchgateError(
      ErrorCode.INVALID_OPTIONS,
      'sqliteStore needs a filename (a path, or ":memory:")',
    )
  }
  const resolved = {
    filename: options.filename,
    busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    busyRetryMs: options.busyRetryMs ?? DEFAULT_BUSY_RETRY_MS,
    synchronous: options.synchronous ?? 'FULL',
  }
  for (const key of ['busyTimeoutMs', 'busyRetryMs'] as const) {
    if (!Number.isSafeInteger(resolved[key]) || resolved[key] < 0) {
      throw new BatchgateError(ErrorCode.INVALID_OPTIONS, `${key} must be a non-negative integer`)
    }
  }
  // Checked at run time too: JavaScript callers are not held to the type.
  if (!(['FULL', 'NORMAL'] as readonly string[]).includes(resolved.synchronous)) {
    throw new BatchgateError(ErrorCode.INVALID_OPTIONS, 'synchronous must be FULL or NORMAL')
  }
  return resolved
}
