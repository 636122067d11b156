import type { ApplicationInfo, BatchStateChange } from '@batchgate/core/store'
import type { Expression } from 'kysely'
import { applicationColumns, type ApplicationColumns } from './application-columns.js'
import type { InsertedBatchRow } from './batch-row.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'
import { stateChangeColumns, type StateChangeColumns } from './state-change-columns.js'

/** A free-text value as written: the string, or the dialect's expression for it (its `storedText`). */
type Stored<T> = [Exclude<T, null | undefined>] extends [string] ? T | Expression<string> : T

/** A row's values as an insert binds them, free text in the dialect's form. */
export type StoredBatchRow = { [K in keyof InsertedBatchRow]: Stored<InsertedBatchRow[K]> }

/** A state change's values as an update writes them, the diagnostic in the dialect's form. */
export type StoredStateChange = { [K in keyof StateChangeColumns]: Stored<StateChangeColumns[K]> }

/** An application report's values as an update writes them, the diagnostic in the dialect's form. */
export type StoredApplication = { [K in keyof ApplicationColumns]: Stored<ApplicationColumns[K]> }

/**
 * The row's values to insert, the free text (`resource`, `class_name`, `name`, `diagnostic`,
 * `app_diagnostic`) as the dialect stores it.
 *
 * @example
 * ```ts
 * await db.insertInto(BATCH_TABLE).values(storedRow(batchToRow(record), dialect)).execute()
 * ```
 */
export function storedRow(row: InsertedBatchRow, dialect: SqlQueryDialect): StoredBatchRow {
  const { storedText } = dialect
  if (storedText === undefined) return row
  return {
    ...row,
    resource: storedText(row.resource),
    class_name: row.class_name === null ? null : storedText(row.class_name),
    name: row.name === null ? null : storedText(row.name),
    diagnostic: row.diagnostic === null ? null : storedText(row.diagnostic),
    app_diagnostic: row.app_diagnostic === null ? null : storedText(row.app_diagnostic),
  }
}

/**
 * The columns a compare-and-set writes ({@link stateChangeColumns}), the diagnostic as the dialect
 * stores it.
 *
 * @example
 * ```ts
 * await db.updateTable(BATCH_TABLE).set(storedStateChange(change, dialect)).where('id', '=', id).execute()
 * ```
 */
export function storedStateChange(change: BatchStateChange, dialect: SqlQueryDialect): StoredStateChange {
  const columns = stateChangeColumns(change)
  const { storedText } = dialect
  if (storedText === undefined || columns.diagnostic === undefined || columns.diagnostic === null) {
    return columns
  }
  return { ...columns, diagnostic: storedText(columns.diagnostic) }
}

/**
 * The columns an application report writes ({@link applicationColumns}), the diagnostic as the dialect
 * stores it (a launcher's diagnostic is free text, like the batch's own).
 *
 * @example
 * ```ts
 * await db.updateTable(BATCH_TABLE).set(storedApplication(info, dialect)).where('id', '=', id).execute()
 * ```
 */
export function storedApplication(info: ApplicationInfo, dialect: SqlQueryDialect): StoredApplication {
  const columns = applicationColumns(info)
  const { storedText } = dialect
  if (storedText === undefined || columns.app_diagnostic === undefined || columns.app_diagnostic === null) {
    return columns
  }
  return { ...columns, app_diagnostic: storedText(columns.app_diagnostic) }
}
