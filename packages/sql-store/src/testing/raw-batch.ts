import type { BatchRecord, BatchState } from '@batchgate/core/store'
import type { BatchRow } from '../batch-row.js'

/**
 * A batch row as a test's own raw query reads it, straight from the database (camelCase, JSON parsed):
 * the fields of core's `BatchRecord`, and of testkit's `RawBatchRow`.
 */
export type RawBatch = BatchRecord

/** Every batch row, in a stable order: the raw read-back's query in every SQL dialect. */
export const RAW_BATCHES_SQL = 'select * from batchgate_batch order by create_time, id'

/**
 * The columns a conformance case may overwrite to leave a row the store cannot decode (names checked
 * here, never interpolated from input).
 */
export const CORRUPTIBLE_COLUMNS = { conf: 'conf', args: 'args', state: 'state' } as const

/** A column {@link CORRUPTIBLE_COLUMNS} names. */
export type CorruptibleColumn = keyof typeof CORRUPTIBLE_COLUMNS

/**
 * A raw row as a {@link RawBatch}, for a test's read-back through its own connection. Deliberately not
 * the store's `decodeBatchRow`: it checks nothing and trusts the database, so what the suites compare
 * is what was stored, and a store whose decode path misreports what it wrote is caught. Columns a
 * dialect adds (the MySQL store's write tokens) are left out.
 *
 * @example
 * ```ts
 * const [rows] = await connection.query(RAW_BATCHES_SQL)
 * return rows.map(rawBatchFromRow)
 * ```
 */
export function rawBatchFromRow(row: BatchRow): RawBatch {
  return {
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
    appId: row.app_id,
    appUrl: row.app_url,
    appState: row.app_state,
    appDiagnostic: row.app_diagnostic,
    appStartTime: row.app_start_time,
    ownerInstance: row.owner_instance,
    ownerToken: row.owner_token,
    priority: row.priority,
  }
}
