import type { BatchRow } from '@batchgate/sql-store'
import {
  CORRUPTIBLE_COLUMNS,
  RAW_BATCHES_SQL,
  rawBatchFromRow,
  type CorruptibleColumn,
  type RawBatch,
} from '@batchgate/sql-store/testing'
import { createConnection, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise'

/**
 * A batch row as read straight from the database (JSON parsed, camelCase), independent of the store's
 * code: the fields of core's `BatchRecord` (and of testkit's `RawBatchRow`).
 */
export type RawMysqlBatch = RawBatch

type Row = BatchRow & RowDataPacket

/** `ER_NO_SUCH_TABLE`: the store never opened this database. */
const NO_SUCH_TABLE = 1146

/**
 * Reads every batch row with a mysql2 connection of its own — deliberately not through the store, so
 * the conformance suites catch a store that misreports what it wrote. A database without the table
 * (never opened) has no batches.
 *
 * @example
 * ```ts
 * const rows = await readRawMysqlBatches('mysql://root@127.0.0.1:3306/batchgate_t_4f1c2a9e0b7d')
 * ```
 */
export async function readRawMysqlBatches(uri: string): Promise<RawMysqlBatch[]> {
  const connection = await createConnection({ uri })
  try {
    const [rows] = await connection.query<Row[]>(RAW_BATCHES_SQL)
    return rows.map(rawBatchFromRow)
  } catch (error) {
    if ((error as { errno?: unknown }).errno === NO_SUCH_TABLE) return []
    throw error
  } finally {
    await connection.end()
  }
}

/** Deletes a batch row with a connection of its own, as a purge by another party would. */
export async function deleteRawMysqlBatch(uri: string, id: string): Promise<void> {
  const connection = await createConnection({ uri })
  try {
    await connection.execute('delete from batchgate_batch where id = ?', [id])
  } finally {
    await connection.end()
  }
}

/**
 * Overwrites one column of a batch row with `text` on a connection of its own, with MariaDB's CHECK
 * constraints off for that session, to leave a row the store cannot decode (conformance cases for
 * corrupt rows). MariaDB only: MySQL 8 has no `check_constraint_checks`.
 *
 * @example
 * ```ts
 * await corruptRawMysqlBatch(uri, id, 'state', 'LOST')
 * ```
 */
export async function corruptRawMysqlBatch(
  uri: string,
  id: string,
  column: CorruptibleColumn,
  text: string,
): Promise<void> {
  const connection = await createConnection({ uri })
  try {
    // The schema's CHECK on state would refuse an unknown state, which is the point here.
    await connection.query('set session check_constraint_checks = 0')
    const [result] = await connection.execute<ResultSetHeader>(
      `update batchgate_batch set ${CORRUPTIBLE_COLUMNS[column]} = ? where id = ?`,
      [text, id],
    )
    if (result.affectedRows !== 1) throw new Error(`no batch row ${id} to corrupt`)
  } finally {
    await connection.end()
  }
}
