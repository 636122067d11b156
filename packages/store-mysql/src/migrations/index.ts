import { compiledMigrations } from '@batchgate/sql-store'
import { createBatchTable } from './0001-create-batch-table.js'
import { addLifecycleIndexes } from './0002-add-lifecycle-indexes.js'
import { addApplicationColumns } from './0003-add-application-columns.js'
import { addOwnershipAndLease } from './0004-add-ownership-and-lease.js'

/**
 * The schema's versions, in order, compiled into this package. A released migration is never edited:
 * a change is a new entry. Names sort in the order they must run. MySQL DDL is not transactional, so
 * each migration must be safe to run again after it stopped part-way (one statement, or steps that
 * each accept "already done").
 */
export const mysqlMigrations = compiledMigrations({
  '0001-create-batch-table': createBatchTable,
  '0002-add-lifecycle-indexes': addLifecycleIndexes,
  '0003-add-application-columns': addApplicationColumns,
  '0004-add-ownership-and-lease': addOwnershipAndLease,
})
