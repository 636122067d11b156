import type { BatchStateChange } from '@batchgate/core/store'
import type { Expression } from 'kysely'
import type { BatchRow } from './batch-row.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'
import { stateChangeColumns, type StateChangeColumns } from './state-change-columns.js'

/** A free-text value as written: the string, or the dialect's expression for it (its `storedText`). */
type Stored<T> = [Exclude<T, null | undefined>] extends [string] ? T | Expression<string> : T

/** A row's values as an insert writes them, free text in the dialect's form. */
export type StoredBatchRow = { [K in keyof BatchRow]: Stored<BatchRow[K]> }

/** A state change's values as an update writes them, the diagnostic in the dialect's form. */
export type StoredStateChange = { [K in keyof StateChangeColumns]: Stored<StateChangeColumns[K]> }

/**
 * The row's values to insert, the free text (`resource`, `class_name`, `name`, `diagnostic`) as the
 * dialect stores it.
 *
 * @example
 * ```ts
 * await db.insertInto(BATCH_TABLE).values(storedRow(batchToRow(record), dialect)).execute()
 * ```
 */
export function storedRow(row: BatchRow, dialect: SqlQueryDialect): StoredBatchRow {
  const { storedText } = dialect
  if (storedText === undefined) return row
  return {
    ...row,
    resource: storedText(row.resource),
    class_name: row.class_name === null ? null : storedText(row.class_name),
    name: row.name === null ? null : storedText(row.name),
    diagnostic: row.diagnostic === null ? null : storedText(row.diagnostic),
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
