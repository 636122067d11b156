import type { BatchRecord, BatchState } from '@batchgate/core/store'
import { quoted, quotedTable } from '../postgres-identifiers.js'
import { withClient } from './scratch-schema.js'

/**
 * A batch row as read straight from the database (bytes decoded, JSON parsed, camelCase), independent
 * of the store's code: the fields of core's `BatchRecord` (and of testkit's `RawBatchRow`).
 */
export type RawPostgresBatch = BatchRecord

interface Row {
  id: string
  owner: string
  batch_type: string
  resource: Buffer
  class_name: Buffer | null
  name: Buffer | null
  conf: string
  args: string
  fingerprint: string
  state: string
  create_time: number
  start_time: number | null
  end_time: number | null
  diagnostic: Buffer | null
  created_by: string
}

/** SQLSTATE `42P01`: the store never opened this schema. */
const UNDEFINED_TABLE = '42P01'

/**
 * Reads every batch row with a pg client of its own — deliberately not through the store, so the
 * conformance suites catch a store that misreports what it wrote. A schema without the table (never
 * opened) has no batches.
 *
 * @example
 * ```ts
 * const rows = await readRawPostgresBatches('postgres://postgres@127.0.0.1:5432/test', 'batchgate_t_4f1c2a9e0b7d')
 * ```
 */
export async function readRawPostgresBatches(uri: string, schema: string): Promise<RawPostgresBatch[]> {
  return withClient(uri, async (client) => {
    try {
      const { rows } = await client.query<Row>(
        `select * from ${quotedTable(schema, 'batchgate_batch')} order by create_time, id`,
      )
      return rows.map((row) => ({
        id: row.id,
        owner: row.owner,
        batchType: row.batch_type,
        resource: row.resource.toString('utf8'),
        className: row.class_name?.toString('utf8') ?? null,
        name: row.name?.toString('utf8') ?? null,
        conf: JSON.parse(row.conf) as Record<string, string>,
        args: JSON.parse(row.args) as string[],
        fingerprint: row.fingerprint,
        state: row.state as BatchState,
        createTime: row.create_time,
        startTime: row.start_time,
        endTime: row.end_time,
        diagnostic: row.diagnostic?.toString('utf8') ?? null,
        createdBy: row.created_by,
      }))
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return []
      throw error
    }
  })
}

/** Deletes a batch row with a client of its own, as a purge by another party would. */
export async function deleteRawPostgresBatch(uri: string, schema: string, id: string): Promise<void> {
  await withClient(uri, (client) =>
    client.query(`delete from ${quotedTable(schema, 'batchgate_batch')} where id = $1`, [id]),
  )
}

/** The columns {@link corruptRawPostgresBatch} may overwrite (names checked here, never interpolated from input). */
const CORRUPTIBLE_COLUMNS = { conf: 'conf', args: 'args', state: 'state' } as const

/**
 * Overwrites one column of a batch row with `text` on a client of its own, to leave a row the store
 * cannot decode (conformance cases for corrupt rows). PostgreSQL cannot switch a CHECK off for a
 * session, so for `state` the check is dropped and put back `not valid` (it then holds for new rows
 * only), in one transaction.
 *
 * @example
 * ```ts
 * await corruptRawPostgresBatch(uri, schema, id, 'state', 'LOST')
 * ```
 */
export async function corruptRawPostgresBatch(
  uri: string,
  schema: string,
  id: string,
  column: keyof typeof CORRUPTIBLE_COLUMNS,
  text: string,
): Promise<void> {
  const table = quotedTable(schema, 'batchgate_batch')
  const check = quoted('batchgate_batch_state')
  await withClient(uri, async (client) => {
    await client.query('begin')
    try {
      await client.query(`alter table ${table} drop constraint if exists ${check}`)
      const result = await client.query(
        `update ${table} set ${CORRUPTIBLE_COLUMNS[column]} = $1 where id = $2`,
        [text, id],
      )
      if (result.rowCount !== 1) throw new Error(`no batch row ${id} to corrupt`)
      await client.query(
        `alter table ${table} add constraint ${check} check (state in ('PENDING', 'RUNNING', 'FINISHED', 'ERROR', 'CANCELED')) not valid`,
      )
      await client.query('commit')
    } catch (error) {
      await client.query('rollback')
      throw error
    }
  })
}
