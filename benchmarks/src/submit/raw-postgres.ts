import { BATCH_TABLE, TOKEN_ROW_COLUMNS, type BatchRow } from '@batchgate/sql-store'
import pg from 'pg'
import { writeToken } from './bench-request.js'

/** The raw driver on a schema the store has migrated, through a pool set up like the store's. */
export interface RawPostgres {
  /** INSERT of one row (with the store's NOT NULL insert token), in autocommit. */
  insert(row: BatchRow): Promise<void>
  /** SELECT of one row by primary key. */
  select(id: string): Promise<unknown>
  close(): Promise<void>
}

/**
 * The columns in the order of the placeholders. The PostgreSQL store keeps the free text a submitter
 * fills (`resource`, `class_name`, `name`, `diagnostic`) as `bytea` holding UTF-8 (its `text` cannot
 * hold U+0000), and two write tokens; the raw side writes the same bytes.
 */
const COLUMNS = TOKEN_ROW_COLUMNS

/**
 * A pg pool with the store's pool settings (the same size, timeouts, keep-alive, `bigint` read as a
 * number) and its two statements as named prepared statements, which pg prepares once per connection:
 * the cheapest path pg has (no parse and plan per call).
 *
 * @example
 * ```ts
 * const raw = openRawPostgres('postgres://postgres@127.0.0.1:5432/test', 'batchgate_b_1a2b3c', 10)
 * await raw.insert(benchRow(randomUUID()))
 * ```
 */
export function openRawPostgres(uri: string, schema: string, max = 10): RawPostgres {
  const table = `"${schema}"."${BATCH_TABLE}"`
  const insert = {
    name: 'bench_raw_insert',
    text: `insert into ${table} (${COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
  }
  const select = { name: 'bench_raw_select', text: `select * from ${table} where "id" = $1` }
  const pool = createRawPostgresPool(uri, max)
  return {
    insert: async (row) => {
      await pool.query({ ...insert, values: insertValues(row) })
    },
    select: async (id) => (await pool.query<Record<string, unknown>>({ ...select, values: [id] })).rows[0],
    close: () => pool.end(),
  }
}

/** The row's values as the store writes them: free text as UTF-8 bytes, a fresh insert token. */
function insertValues(row: BatchRow): unknown[] {
  return [
    row.id,
    row.owner,
    row.batch_type,
    Buffer.from(row.resource, 'utf8'),
    bytesOf(row.class_name),
    bytesOf(row.name),
    row.conf,
    row.args,
    row.fingerprint,
    row.state,
    row.create_time,
    row.start_time,
    row.end_time,
    bytesOf(row.diagnostic),
    row.created_by,
    writeToken(),
    null,
  ]
}

function bytesOf(text: string | null): Buffer | null {
  return text === null ? null : Buffer.from(text, 'utf8')
}

/**
 * A pg pool set up as the store sets up its own (the same size, timeouts, keep-alive, `bigint` read as
 * a number); `options` are passed through (e.g. `-c search_path=…`).
 *
 * @example
 * ```ts
 * const pool = createRawPostgresPool('postgres://postgres@127.0.0.1:5432/test', 10)
 * ```
 */
export function createRawPostgresPool(uri: string, max: number, options?: string): pg.Pool {
  const types = new pg.TypeOverrides()
  types.setTypeParser(pg.types.builtins.INT8, 'text', (value: string) => Number(value))
  const pool = new pg.Pool({
    connectionString: uri,
    max,
    idleTimeoutMillis: 60_000,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: 'batchgate-bench-raw',
    types,
    ...(options === undefined ? {} : { options }),
  })
  // An idle connection that dies emits `error` on the pool: without a listener it would end the process.
  pool.on('error', () => undefined)
  return pool
}
