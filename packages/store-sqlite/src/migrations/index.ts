import type { Migration, MigrationProvider } from 'kysely'
import { createBatchTable } from './0001-create-batch-table.js'
import { addLifecycleIndexes } from './0002-add-lifecycle-indexes.js'

/**
 * The schema's versions, in order. A released migration is never edited: a change is a new entry.
 * Names sort in the order they must run.
 */
const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-create-batch-table': createBatchTable,
  '0002-add-lifecycle-indexes': addLifecycleIndexes,
}

/** Serves the migrations compiled into this package (no files are read at run time). */
export const sqliteMigrations: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
}
