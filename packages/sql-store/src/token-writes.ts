import { randomBytes } from 'node:crypto'
import { DuplicateKeyError, expectedStates, type BatchStateChange } from '@batchgate/core/store'
import type { Kysely } from 'kysely'
import type { BatchRow } from './batch-row.js'
import { BATCH_TABLE, type BatchTables } from './batch-tables.js'
import { ownerTokenIs } from './owner-token-condition.js'
import type { SqlQueryDialect } from './sql-query-dialect.js'
import { storedStateChange } from './stored-values.js'

/**
 * The two columns a store adds to the batch table where a connection can be lost mid-write (a server
 * over the network): they let a write retried after a lost connection recognise its own earlier
 * attempt. They never leave the store.
 */
export interface WriteTokenColumns {
  /** Random per `insertBatch` call. */
  insert_token: string
  /** Random per `updateBatchState` call; null until the first state change. */
  state_token: string | null
}

/**
 * The batch table with its write tokens, as kysely sees it where they are read or written: the store's
 * connection stays the kit's `Kysely<BatchTables>`, widened with `db.withTables<WriteTokenTables>()`
 * (a mapped type: `withTables` wants an index signature, which an interface does not have).
 */
export type WriteTokenTables = Record<typeof BATCH_TABLE, BatchRow & WriteTokenColumns>

/** Runs an operation, retrying its transient failures (a store's `run`). */
export type Retrying = <T>(what: string, operation: () => Promise<T>) => Promise<T>

/**
 * How a store writes with tokens: its insert statement, which driver errors are duplicate keys, its
 * retry of transient failures, and its dialect (for the free text a state change writes).
 */
export interface TokenWriter<Row extends { readonly id: string; readonly insert_token: string }> {
  /** Inserts the row once; rejects with the driver's error. */
  readonly insert: (row: Row) => Promise<void>
  readonly isDuplicateKey: (error: unknown) => boolean
  readonly retrying: Retrying
  readonly dialect: SqlQueryDialect
}

/** A fresh random token (32 hex digits) that marks one write call's row or state change as its own. */
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
 * const row = { ...batchToRow(record), insert_token: newWriteToken(), state_token: null }
 * await insertWithToken(db, row, { insert: (r) => statements.insert(r), isDuplicateKey, retrying, dialect })
 * ```
 */
export async function insertWithToken<Row extends { readonly id: string; readonly insert_token: string }>(
  db: Kysely<BatchTables>,
  row: Row,
  writer: TokenWriter<Row>,
): Promise<void> {
  let attempt = 0
  await writer.retrying('insert a batch', async () => {
    attempt += 1
    try {
      await writer.insert(row)
    } catch (error) {
      if (!writer.isDuplicateKey(error)) throw error
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
 * values and token, which is just as true. An empty `from` matches nothing, without asking the server
 * (MySQL rejects `in ()`). The driver must count a matched row as updated even when its values did not
 * change (PostgreSQL and SQLite do; mysql2 is asked for found rows).
 *
 * With `change.ownerToken` the write is fenced: it applies only while the stored `owner_token` equals
 * it. The retry's check stays exact: a `state_token` is only ever written by an update that matched,
 * owner condition included, so finding this call's token means its first attempt applied while the
 * writer still owned the batch (whoever owns it now).
 *
 * @example
 * ```ts
 * await updateStateWithToken(db, id, { from: 'PENDING', to: 'RUNNING', startTime: now }, writer)
 * ```
 */
export async function updateStateWithToken(
  db: Kysely<BatchTables>,
  id: string,
  change: BatchStateChange,
  writer: Pick<TokenWriter<never>, 'retrying' | 'dialect'>,
): Promise<boolean> {
  const from = expectedStates(change)
  if (from.length === 0) return false
  const token = newWriteToken()
  let attempt = 0
  return writer.retrying('update a batch state', async () => {
    attempt += 1
    const result = await db
      .withTables<WriteTokenTables>()
      .updateTable(BATCH_TABLE)
      .set({ ...storedStateChange(change, writer.dialect), state_token: token })
      .where('id', '=', id)
      .where('state', 'in', [...from])
      .$if(change.ownerToken !== undefined, (update) => update.where(ownerTokenIs(change.ownerToken ?? null)))
      .executeTakeFirst()
    if (result.numUpdatedRows > 0n) return true
    return attempt > 1 && (await tokensOf(db, id))?.state_token === token
  })
}

/** Autocommit single statement: it sees every commit made before it started. */
export function tokensOf(db: Kysely<BatchTables>, id: string): Promise<WriteTokenColumns | undefined> {
  return db
    .withTables<WriteTokenTables>()
    .selectFrom(BATCH_TABLE)
    .select(['insert_token', 'state_token'])
    .where('id', '=', id)
    .executeTakeFirst()
}
