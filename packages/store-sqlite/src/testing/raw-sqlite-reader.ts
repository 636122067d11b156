import {
  CORRUPTIBLE_COLUMNS,
  RAW_BATCHES_SQL,
  rawBatchFromRow,
  type CorruptibleColumn,
  type RawBatch,
} from '@batchgate/sql-store/testing'
import type { BatchRow } from '@batchgate/sql-store'
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'

/** A batch row as read straight from the file (camelCase, JSON parsed), independent of the store's code. */
export type RawSqliteBatch = RawBatch

/**
 * Reads every batch row with its own read-only better-sqlite3 connection — deliberately not through
 * the store, so the conformance suites can catch a store that misreports what it wrote. A file that
 * does not exist, or has no batch table (never opened by a store), has no batches; any other failure
 * to read it throws, so that a check of "nothing stored" cannot pass on a read that failed.
 */
export function readRawSqliteBatches(filename: string): RawSqliteBatch[] {
  if (!existsSync(filename)) return []
  const database = new Database(filename, { readonly: true, fileMustExist: true })
  try {
    const table = database
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'batchgate_batch'")
      .get()
    if (table === undefined) return []
    const rows = database.prepare(RAW_BATCHES_SQL).all() as BatchRow[]
    return rows.map(rawBatchFromRow)
  } finally {
    database.close()
  }
}

/** Deletes a batch row with its own connection, as a purge by another party would. */
export function deleteRawSqliteBatch(filename: string, id: string): void {
  const database = new Database(filename, { timeout: 5000 })
  try {
    database.prepare('delete from batchgate_batch where id = ?').run(id)
  } finally {
    database.close()
  }
}

/**
 * Overwrites one column of a batch row with `text` on a connection of its own, with CHECK constraints
 * off, to leave a row the store cannot decode (conformance cases for corrupt rows).
 *
 * @example
 * ```ts
 * corruptRawSqliteBatch(filename, id, 'conf', '{not json')
 * ```
 */
export function corruptRawSqliteBatch(
  filename: string,
  id: string,
  column: CorruptibleColumn,
  text: string,
): void {
  const database = new Database(filename, { timeout: 5000 })
  try {
    // The schema's CHECK on state would refuse an unknown state, which is the point here.
    database.pragma('ignore_check_constraints = ON')
    const changed = database
      .prepare(`update batchgate_batch set ${CORRUPTIBLE_COLUMNS[column]} = ? where id = ?`)
      .run(text, id).changes
    if (changed !== 1) throw new Error(`no batch row ${id} to corrupt`)
  } finally {
    database.close()
  }
}
