import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'

/** A batch row as read straight from the file (camelCase, JSON parsed), independent of the store's code. */
export interface RawSqliteBatch {
  readonly id: string
  readonly owner: string
  readonly batchType: string
  readonly resource: string
  readonly className: string | null
  readonly name: string | null
  readonly conf: Record<string, string>
  readonly args: string[]
  readonly fingerprint: string
  readonly state: 'PENDING' | 'RUNNING' | 'FINISHED' | 'ERROR' | 'CANCELED'
  readonly createTime: number
  readonly startTime: number | null
  readonly endTime: number | null
  readonly diagnostic: string | null
  readonly createdBy: string
}

interface Row {
  id: string
  owner: string
  batch_type: string
  resource: string
  class_name: string | null
  name: string | null
  conf: string
  args: string
  fingerprint: string
  state: RawSqliteBatch['state']
  create_time: number
  start_time: number | null
  end_time: number | null
  diagnostic: string | null
  created_by: string
}

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
    const rows = database.prepare('select * from batchgate_batch order by create_time, id').all() as Row[]
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
      state: row.state,
      createTime: row.create_time,
      startTime: row.start_time,
      endTime: row.end_time,
      diagnostic: row.diagnostic,
      createdBy: row.created_by,
    }))
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

/** The columns {@link corruptRawSqliteBatch} may overwrite (names checked here, never interpolated from input). */
const CORRUPTIBLE_COLUMNS = { conf: 'conf', args: 'args', state: 'state' } as const

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
  column: keyof typeof CORRUPTIBLE_COLUMNS,
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
