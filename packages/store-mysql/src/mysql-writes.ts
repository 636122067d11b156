import { randomBytes } from 'node:crypto'
import { DuplicateKeyError, expectedStates, type BatchStateChange } from '@batchgate/core/store'
import { BATCH_TABLE, stateChangeColumns, type BatchTables } from '@batchgate/sql-store'
import type { Kysely } from 'kysely'
import type { MysqlBatchStatements } from './mysql-batch-statements.js'
import { isMysqlDuplicateKey } from './mysql-error-codes.js'
import type { MysqlBatchRow, MysqlSchema } from './mysql-schema.js'

/** Runs an operation, retrying its transient failures (see MysqlMetadataStore). */
export type Retrying = <T>(what: string, operation: () => Promise<T>) => Promise<T>

/** A fresh random token that marks one write call's row or state change as its own. */
export function newWriteToken(): string {
  return randomBytes(16).toString('hex')
}

/**
 * Inserts the row, retrying transient failures. A lost connection leaves the outcome unknown: the
 * insert may have committed just before the connection died, and the retry then hits the unique key.
 * That duplicate is our own row exactly when it carries this call's `insert_token` (random per call),
 * and the insert has then succeeded: it resolves, so the caller creates and launches its batch instead
 * of taking its own row for another instance's. Any other duplicate is core's `DuplicateKeyError`.
 *
 * @example
 * ```ts
 * await insertBatchRow(statements, db, { ...batchToRow(record), insert_token: newWriteToken(), state_token: null }, retrying)
 * ```
 */
export async function insertBatchRow(
  statements: MysqlBatchStatements,
  db: Kysely<BatchTables>,
  row: MysqlBatchRow,
  retrying: Retrying,
): Promise<void> {
  let attempt = 0
  await retrying('insert a batch', async () => {
    attempt += 1
    try {
      await statements.insert(row)
    } catch (error) {
      if (!isMysqlDuplicateKey(error)) throw error
      // Only an earlier attempt of this call can have written this token.
      if (attempt > 1 && (await tokensOf(db, row.id))?.insert_token === row.insert_token) return
      throw new DuplicateKeyError('batch', row.id, error)
    }
  })
}

/**
 * The compare-and-set of a batch's state, retrying transient failures. A retry after a lost connection
 * finds no row in a `from` state when the first attempt had committed; it then answers whether the
 * stored change is this call's own (its `state_token`), rather than reporting a change it made as lost.
 * When `from` lists several states and includes `to`, the retry matches again and rewrites the same
 * values and token, which is just as true. An empty `from` matches nothing (MySQL rejects `in ()`).
 *
 * @example
 * ```ts
 * await updateBatchStateRow(db, id, { from: 'PENDING', to: 'RUNNING', startTime: now }, retrying)
 * ```
 */
export async function updateBatchStateRow(
  db: Kysely<BatchTables>,
  id: string,
  change: BatchStateChange,
  retrying: Retrying,
): Promise<boolean> {
  const from = expectedStates(change)
  if (from.length === 0) return false
  const token = newWriteToken()
  let attempt = 0
  return retrying('update a batch state', async () => {
    attempt += 1
    const result = await db
      .withTables<MysqlSchema>()
      .updateTable(BATCH_TABLE)
      .set({ ...stateChangeColumns(change), state_token: token })
      .where('id', '=', id)
      .where('state', 'in', [...from])
      .executeTakeFirst()
    // mysql2 asks for found rows, so a matched row counts even when nothing changed (as in SQLite).
    if (result.numUpdatedRows > 0n) return true
    return attempt > 1 && (await tokensOf(db, id))?.state_token === token
  })
}

/** Autocommit single statement: it sees every commit made before it started. */
function tokensOf(
  db: Kysely<BatchTables>,
  id: string,
): Promise<Pick<MysqlBatchRow, 'insert_token' | 'state_token'> | undefined> {
  return db
    .withTables<MysqlSchema>()
    .selectFrom(BATCH_TABLE)
    .select(['insert_token', 'state_token'])
    .where('id', '=', id)
    .executeTakeFirst()
}
