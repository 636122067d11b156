import { metadataStoreModule } from '@batchgate/sql-store'
import type { ContainerModule } from 'inversify'
import { PostgresMetadataStore } from './postgres-metadata-store.js'
import { resolvePostgresStoreOptions } from './postgres-resolve-options.js'
import type { PostgresStoreOptions } from './postgres-store-options.js'

/**
 * The metastore for many gateway instances sharing one PostgreSQL database. Its tables are
 * created and migrated on `open()`; the database itself must exist (the schema is created when missing).
 *
 * @example
 * ```ts
 * const engine = await createEngine({ store: postgresStore({ connectionString: 'postgres://gateway:secret@db:5432/batchgate' }) })
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): PostgresMetadataStore {
  return new PostgresMetadataStore(resolvePostgresStoreOptions(options))
}

/**
 * Binds a PostgreSQL metastore to core's `METADATA_STORE` token, for hosts with their own container.
 *
 * @example
 * ```ts
 * container.load(coreModule({ instanceId: 'gw-1' }), postgresStoreModule({ connectionString: process.env.DATABASE_URL! }))
 * const engine = await openEngine(container)
 * ```
 */
export function postgresStoreModule(options: PostgresStoreOptions): ContainerModule {
  const resolved = resolvePostgresStoreOptions(options)
  return metadataStoreModule(() => new PostgresMetadataStore(resolved))
}
