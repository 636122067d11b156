import { randomBytes } from 'node:crypto'
import { DuplicateKeyError, expectedStates, type BatchStateChange } from '@batchgate/core/store'
import { BATCH_TABLE } from '@batchgate/sql-store'
import type { Kysely } from 'kysely'
import { bytesOf } from './postgres-batch-row.js'
import type { PostgresBatchStatements } from './postgres-batch-statements.js'
import { isPostgresDuplicateKey } from './postgres-error-codes.js'
import type { PostgresBatchRow, PostgresSchema } from './postgres-schema.js'

/** Runs an operation, retrying its transient failures (see PostgresMetadataStore). */
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
 * await insertBatchRow(statements, db, toPostgresRow(batchToRow(record), { insert_token: newWriteToken(), state_token: null }), retrying)
 * ```
 */
export async function insertBatchRow(
  statements: PostgresBatchStatements,
  db: Kysely<PostgresSchema>,
  row: PostgresBatchRow,
  retrying: Retrying,
): Promise<void> {
  let attempt = 0
  await retrying('insert a batch', async () => {
    attempt += 1
    try {
      await statements.insert(row)
    } catch (error) {
      if (!isPostgresDuplicateKey(error)) throw error
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
 * values and token, which is just as true. An empty `from` matches nothing, without asking the server.
 *
 * @example
 * ```ts
 * await updateBatchStateRow(db, id, { from: 'PENDING', to: 'RUNNING', startTime: now }, retrying)
 * ```
 */
export async function updateBatchStateRow(
  db: Kysely<PostgresSchema>,
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
      .updateTable(BATCH_TABLE)
      .set({
        state: change.to,
        state_token: token,
        ...(change.startTime === undefined ? {} : { start_time: change.startTime }),
        ...(change.endTime === undefined ? {} : { end_time: change.endTime }),
        ...(change.diagnostic === undefined ? {} : { diagnostic: bytesOf(change.diagnostic) }),
      })
      .where('id', '=', id)
      .where('state', 'in', [...from])
      .executeTakeFirst()
    // PostgreSQL counts every matched row, even one whose values did not change (as SQLite does).
    if (result.numUpdatedRows > 0n) return true
    return attempt > 1 && (await tokensOf(db, id))?.state_token === token
  })
}

/** Autocommit single statement: it sees every commit made before it started. */
function tokensOf(
  db: Kysely<PostgresSchema>,
  id: string,
): Promise<Pick<PostgresBatchRow, 'insert_token' | 'state_token'> | undefined> {
  return db
    .selectFrom(BATCH_TABLE)
    .select(['insert_token', 'state_token'])
    .where('id', '=', id)
    .executeTakeFirst()
}
