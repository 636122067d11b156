import type { BatchRecord, BatchRow, BatchState } from '@batchgate/core/store'
import { createConnection, type RowDataPacket } from 'mysql2/promise'

/**
 * A batch row as read straight from the database (JSON parsed, camelCase), independent of the store's
 * code: the fields of core's `BatchRecord` (and of testkit's `RawBatchRow`).
 */
export type RawMysqlBatch = BatchRecord

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
    const [rows] = await connection.query<Row[]>('select * from batchgate_batch order by create_time, id')
    return rows.map((row) => ({
      id: row.id,
      owner: row.owner,
      batchType: row.batch_type,
      resource: row.resource,
      className: row.class_name,
      name: row.name,
      conf: JSON.parse(row.conf) as Record<string, string>,
      args: JSON.parse(row.args) as string[],
      fingerprint: row.fingerprint,
      state: row.state as BatchState,
      createTime: row.create_time,
      startTime: row.start_time,
      endTime: row.end_time,
      diagnostic: row.diagnostic,
      createdBy: row.created_by,
    }))
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
