import type { Migration, MigrationProvider } from 'kysely'
import { createBatchTable } from './0001-create-batch-table.js'
import { addLifecycleIndexes } from './0002-add-lifecycle-indexes.js'
import { addApplicationColumns } from './0003-add-application-columns.js'
import { addOwnershipAndLease } from './0004-add-ownership-and-lease.js'

/**
 * The schema's versions, in order, for the tables in `schema`. A released migration is never edited: a
 * change is a new entry. Names sort in the order they must run. Each runs in a transaction.
 *
 * @example
 * ```ts
 * new Migrator({ db, provider: postgresMigrations('public'), migrationTableSchema: 'public' })
 * ```
 */
export function postgresMigrations(schema: string): MigrationProvider {
  const migrations: Readonly<Record<string, Migration>> = {
    '0001-create-batch-table': createBatchTable(schema),
    '0002-add-lifecycle-indexes': addLifecycleIndexes(schema),
    '0003-add-application-columns': addApplicationColumns(schema),
    '0004-add-ownership-and-lease': addOwnershipAndLease(schema),
  }
  return { getMigrations: () => Promise.resolve(migrations) }
}
