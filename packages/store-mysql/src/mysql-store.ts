import { metadataStoreModule } from '@batchgate/sql-store'
import type { ContainerModule } from 'inversify'
import { MysqlMetadataStore } from './mysql-metadata-store.js'
import { resolveMysqlStoreOptions } from './mysql-resolve-options.js'
import type { MysqlStoreOptions } from './mysql-store-options.js'

/**
 * The metastore for many gateway instances sharing one MySQL or MariaDB database. Its tables are
 * created and migrated on `open()`; the database itself must exist.
 *
 * @example
 * ```ts
 * const engine = await createEngine({ store: mysqlStore({ uri: 'mysql://gateway:secret@db:3306/batchgate' }) })
 * ```
 */
export function mysqlStore(options: MysqlStoreOptions): MysqlMetadataStore {
  return new MysqlMetadataStore(resolveMysqlStoreOptions(options))
}

/**
 * Binds a MySQL metastore to core's `METADATA_STORE` token, for hosts with their own container.
 *
 * @example
 * ```ts
 * container.load(coreModule({ instanceId: 'gw-1' }), mysqlStoreModule({ uri: process.env.DATABASE_URI! }))
 * const engine = await openEngine(container)
 * ```
 */
export function mysqlStoreModule(options: MysqlStoreOptions): ContainerModule {
  const resolved = resolveMysqlStoreOptions(options)
  return metadataStoreModule(() => new MysqlMetadataStore(resolved))
}
