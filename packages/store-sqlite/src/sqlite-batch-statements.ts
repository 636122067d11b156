import { BATCH_TABLE, type BatchRow, type InsertedBatchRow } from '@batchgate/sql-store'
import type Database from 'better-sqlite3'

/**
 * The statements every submission runs (insert a batch, read one by id), prepared once per connection.
 * Kysely prepares each query anew on every call, and a new statement costs more than the lookup it
 * runs: on the duplicate path that was three quarters of the time (see BENCHMARKS.md).
 *
 * The insert writes `queued_at` itself, from the database's clock (`nowSql`, the kit's
 * `databaseNowSql`): the caller's clock never orders the launch queue.
 *
 * They run on the store's own connection, beside kysely. better-sqlite3 is synchronous, so a statement
 * never interleaves with another; only a transaction kysely holds open across `await`s could take it in.
 * {@link usable} says when that is so, and the store then goes through kysely, which waits its turn.
 *
 * @example
 * ```ts
 * const statements = new SqliteBatchStatements(database, databaseNowSql(db, {}))
 * if (statements.usable) statements.insert(batchToRow(record))
 * ```
 */
export class SqliteBatchStatements {
  readonly #database: Database.Database
  readonly #select: Database.Statement<[string], BatchRow>
  readonly #nowSql: string
  #insert: Database.Statement<[InsertedBatchRow]> | undefined

  /** @param nowSql - the database clock's SQL (epoch ms), which the insert writes as `queued_at` */
  constructor(database: Database.Database, nowSql: string) {
    this.#database = database
    this.#nowSql = nowSql
    this.#select = database.prepare(`select * from ${BATCH_TABLE} where id = ?`)
  }

  /** Whether no transaction is open on the connection (none of kysely's is in progress). */
  get usable(): boolean {
    return !this.#database.inTransaction
  }

  /** Inserts the row in its own transaction; throws the driver's error (e.g. the duplicate key). */
  insert(row: InsertedBatchRow): void {
    // Prepared from the first row's columns: every row comes from batchToRow, so all have the same.
    this.#insert ??= this.#prepareInsert(Object.keys(row))
    this.#insert.run(row)
  }

  /** The stored row, or `undefined`. */
  select(id: string): BatchRow | undefined {
    return this.#select.get(id)
  }

  #prepareInsert(columns: readonly string[]): Database.Statement<[InsertedBatchRow]> {
    return this.#database.prepare(
      `insert into ${BATCH_TABLE} (${columns.join(', ')}, queued_at) values (${columns.map((c) => `@${c}`).join(', ')}, ${this.#nowSql})`,
    )
  }
}
