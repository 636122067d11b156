import { BATCH_TABLE } from '@batchgate/core'
import { CompiledQuery } from 'kysely'
import type { RowDataPacket } from 'mysql2'
import type { StorePool } from './mysql-pool.js'
import type { MysqlBatchRow } from './mysql-schema.js'

/** The columns of an insert, in the order of its placeholders. */
const LISTED_COLUMNS = [
  'id',
  'owner',
  'batch_type',
  'resource',
  'class_name',
  'name',
  'conf',
  'args',
  'fingerprint',
  'state',
  'create_time',
  'start_time',
  'end_time',
  'diagnostic',
  'created_by',
  'insert_token',
  'state_token',
] as const satisfies readonly (keyof MysqlBatchRow)[]
// A column MysqlBatchRow gains must be listed above too: this does not compile until it is.
const INSERT_COLUMNS: [Exclude<keyof MysqlBatchRow, (typeof LISTED_COLUMNS)[number]>] extends [never]
  ? readonly (keyof MysqlBatchRow)[]
  : never = LISTED_COLUMNS

// The SQL kysely's builder renders for this insert, written out once instead of built for every call.
const INSERT = `insert into \`${BATCH_TABLE}\` (${INSERT_COLUMNS.map((c) => `\`${c}\``).join(', ')}) values (${INSERT_COLUMNS.map(() => '?').join(', ')})`
const SELECT_BY_ID = `select * from \`${BATCH_TABLE}\` where \`id\` = ?`

/**
 * The insert of a batch row as a query compiled once: kysely builds and compiles the same statement
 * anew for every call. It stays a plain text query (COM_QUERY), like every other statement the store
 * sends, so the fault tests that cut the connection right after it still find it.
 *
 * @example
 * ```ts
 * await db.executeQuery(insertBatchQuery(row))
 * ```
 */
export function insertBatchQuery(row: MysqlBatchRow): CompiledQuery {
  return CompiledQuery.raw(
    INSERT,
    INSERT_COLUMNS.map((column) => row[column]),
  )
}

/**
 * The read every submission with a client id makes (a batch by id) as a server-side prepared statement,
 * which mysql2 prepares once per pooled connection: no SQL built and no value escaped per call, as
 * kysely does for each query, and the row comes back in the binary protocol. Measured with `pnpm bench`,
 * this and {@link insertBatchQuery} bring a submission close to the raw driver (see BENCHMARKS.md).
 *
 * It runs alone, in autocommit, on whichever pooled connection is free, as kysely's queries do: there
 * is no transaction for it to step into.
 *
 * @example
 * ```ts
 * const row = await new MysqlBatchStatements(pool).select(id)
 * ```
 */
export class MysqlBatchStatements {
  constructor(private readonly pool: StorePool) {}

  /** The stored row, or `undefined`. */
  async select(id: string): Promise<MysqlBatchRow | undefined> {
    const rows = (await this.#execute(SELECT_BY_ID, [id])) as RowDataPacket[]
    return rows[0] as MysqlBatchRow | undefined
  }

  #execute(sql: string, values: (string | number | null)[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pool.getConnection((connectionError, connection) => {
        if (connectionError !== null) {
          reject(connectionError)
          return
        }
        connection.execute(sql, values, (error, result) => {
          // As kysely does: the pool drops a connection that failed fatally, and reuses any other.
          connection.release()
          if (error === null) resolve(result)
          else reject(error)
        })
      })
    })
  }
}
