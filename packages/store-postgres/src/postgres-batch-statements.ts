import { BATCH_TABLE, TOKEN_ROW_COLUMNS, type BatchRow } from '@batchgate/sql-store'
import { createHash } from 'node:crypto'
import type { StorePool } from './postgres-pool.js'
import type { PostgresBatchRow } from './postgres-schema.js'
import { POSTGRES_NOW_MILLIS } from './postgres-batch-queries.js'
import { quotedTable } from './postgres-identifiers.js'

/** The columns of an insert, in the order of its placeholders (the kit's, so both SQL servers agree). */
const INSERT_COLUMNS: readonly (keyof PostgresBatchRow)[] = TOKEN_ROW_COLUMNS

/**
 * The statements every submission runs (insert a batch, read one by id) as named prepared statements,
 * which pg prepares once per pooled connection: no SQL built per call, as kysely does for each query.
 * The names include a hash of the text, so stores on other schemas sharing nothing but a server never
 * reuse each other's (names are per connection anyway).
 *
 * Each runs alone, in autocommit, on whichever pooled connection is free, as kysely's queries do.
 *
 * @example
 * ```ts
 * const statements = new PostgresBatchStatements(pool, 'public')
 * await statements.insert(row)
 * const row = await statements.select(id)
 * ```
 */
export class PostgresBatchStatements {
  readonly #insert: { readonly name: string; readonly text: string }
  readonly #select: { readonly name: string; readonly text: string }

  constructor(
    private readonly pool: StorePool,
    schema: string,
  ) {
    const table = quotedTable(schema, BATCH_TABLE)
    this.#insert = named(
      'insert',
      // queued_at from the server's clock (the dialect's databaseNowMillis), never the caller's: it
      // orders the launch queue and times its grace.
      `insert into ${table} (${INSERT_COLUMNS.map((c) => `"${c}"`).join(', ')}, "queued_at") values (${INSERT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, ${POSTGRES_NOW_MILLIS})`,
    )
    this.#select = named('select', `select * from ${table} where "id" = $1`)
  }

  /** Inserts the row; rejects with the driver's error (e.g. SQLSTATE 23505 for a duplicate key). */
  async insert(row: PostgresBatchRow): Promise<void> {
    await this.#run(
      this.#insert,
      INSERT_COLUMNS.map((column) => row[column]),
    )
  }

  /** The stored row (its free text read back as strings: postgres-type-parsers.ts), or `undefined`. */
  async select(id: string): Promise<BatchRow | undefined> {
    const rows = await this.#run(this.#select, [id])
    return rows[0] as BatchRow | undefined
  }

  async #run(statement: { name: string; text: string }, values: unknown[]): Promise<unknown[]> {
    const client = await this.pool.connect()
    try {
      const result = await client.run<unknown>({ ...statement, values })
      return result.rows
    } finally {
      client.release()
    }
  }
}

function named(what: string, text: string): { name: string; text: string } {
  return { name: `batchgate_${what}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`, text }
}
