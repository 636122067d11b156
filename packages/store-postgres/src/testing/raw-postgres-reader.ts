import type { BatchRecord } from '@batchgate/core/store'
import type { BatchRow } from '@batchgate/sql-store'
import { rawBatchFromRow } from '@batchgate/sql-store/testing'
import { quoted, quotedTable } from '../postgres-identifiers.js'
import { rawConnectionOf, type RawConnection } from './raw-connection.js'

/**
 * A batch row as read straight from the database (bytes decoded, JSON parsed, camelCase), independent
 * of the store's code: the fields of core's `BatchRecord` (and of testkit's `RawBatchRow`).
 */
export type RawPostgresBatch = BatchRecord

/** A row as pg reads it here: the free-text columns are bytea (UTF-8), the rest as the kit's row. */
interface Row extends Omit<BatchRow, 'resource' | 'class_name' | 'name' | 'diagnostic' | 'app_diagnostic'> {
  resource: Buffer
  class_name: Buffer | null
  name: Buffer | null
  diagnostic: Buffer | null
  app_diagnostic: Buffer | null
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
export async function readRawPostgresBatches(
  uri: string | RawConnection,
  schema: string,
): Promise<RawPostgresBatch[]> {
  return rawConnectionOf(uri).run(async (client) => {
    try {
      const { rows } = await client.query<Row>(
        `select * from ${quotedTable(schema, 'batchgate_batch')} order by create_time, id`,
      )
      // Only the bytea columns are this dialect's own: decoded here, the rest is the kit's raw mapping.
      return rows.map((row) =>
        rawBatchFromRow({
          ...row,
          resource: row.resource.toString('utf8'),
          class_name: row.class_name?.toString('utf8') ?? null,
          name: row.name?.toString('utf8') ?? null,
          diagnostic: row.diagnostic?.toString('utf8') ?? null,
          app_diagnostic: row.app_diagnostic?.toString('utf8') ?? null,
        }),
      )
    } catch (error) {
      if ((error as { code?: unknown }).code === UNDEFINED_TABLE) return []
      throw error
    }
  })
}

/** Deletes a batch row with a client of its own, as a purge by another party would. */
export async function deleteRawPostgresBatch(
  uri: string | RawConnection,
  schema: string,
  id: string,
): Promise<void> {
  await rawConnectionOf(uri).run((client) =>
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
  uri: string | RawConnection,
  schema: string,
  id: string,
  column: keyof typeof CORRUPTIBLE_COLUMNS,
  text: string,
): Promise<void> {
  const table = quotedTable(schema, 'batchgate_batch')
  const check = quoted('batchgate_batch_state')
  await rawConnectionOf(uri).run(async (client) => {
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
