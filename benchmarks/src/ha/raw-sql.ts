import { retryTransient } from '@batchgate/core/store'
import type { Statement } from 'better-sqlite3'
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise'
import { createRawMysqlPool } from '../submit/raw-mysql.js'
import { createRawPostgresPool } from '../submit/raw-postgres.js'
import { openRawSqliteDatabase } from '../submit/raw-sqlite.js'
import { POOL_SIZE, type StoreTarget } from './store-target.js'

/** A value bound to a placeholder. */
export type SqlValue = string | number | null

/**
 * The raw driver of a target, one SQL text for all three (`?` placeholders, unqualified table names),
 * each statement on the driver's cheapest path: better-sqlite3 statements prepared once, mysql2
 * prepared statements (`execute`), pg named queries (prepared once per connection).
 *
 * @example
 * ```ts
 * const sql = openRawSql(target)
 * const claimed = await sql.run('update batchgate_batch set state = ? where id = ? and state = ?', ['RUNNING', id, 'PENDING'])
 * ```
 */
export interface RawSql {
  /** The rows a SELECT answers. */
  all<Row>(text: string, values: readonly SqlValue[]): Promise<Row[]>
  /** How many rows a write changed. */
  run(text: string, values: readonly SqlValue[]): Promise<number>
  close(): Promise<void>
}

/** Opens the raw driver on the target with the store's settings (pragmas, pool size, session). */
export function openRawSql(target: StoreTarget): RawSql {
  switch (target.kind) {
    case 'sqlite':
      return rawSqlite(target.filename)
    case 'mysql':
      return rawMysql(target.uri)
    case 'postgres':
      return rawPostgres(target.uri, target.schema)
  }
}

function rawSqlite(filename: string): RawSql {
  const database = openRawSqliteDatabase(filename)
  const prepared = new Map<string, Statement>()
  const statement = (text: string): Statement => {
    let found = prepared.get(text)
    if (found === undefined) {
      found = database.prepare(text)
      prepared.set(text, found)
    }
    return found
  }
  // As the store does: a statement still busy after the busy timeout is retried, for 30 s in all.
  const retrying = <T>(operation: () => T): Promise<T> =>
    retryTransient(() => Promise.resolve().then(operation), {
      isTransient: (error) => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY',
      retryForMs: 30_000,
      what: 'a raw SQLite statement',
    })
  return {
    all: <Row>(text: string, values: readonly SqlValue[]) =>
      retrying(() => statement(text).all(...values) as Row[]),
    run: (text, values) => retrying(() => statement(text).run(...values).changes),
    close: () => Promise.resolve(void database.close()),
  }
}

function rawMysql(uri: string): RawSql {
  const pool = createRawMysqlPool(uri, POOL_SIZE)
  return {
    all: async <Row>(text: string, values: readonly SqlValue[]) =>
      (await pool.execute<RowDataPacket[]>(text, [...values]))[0] as Row[],
    run: async (text, values) => (await pool.execute<ResultSetHeader>(text, [...values]))[0].affectedRows,
    close: () => pool.end(),
  }
}

function rawPostgres(uri: string, schema: string): RawSql {
  const pool = createRawPostgresPool(uri, POOL_SIZE, `-c search_path="${schema}"`)
  const names = new Map<string, { name: string; text: string }>()
  const named = (text: string): { name: string; text: string } => {
    let found = names.get(text)
    if (found === undefined) {
      let position = 0
      found = { name: `bench_ha_${names.size}`, text: text.replace(/\?/g, () => `$${++position}`) }
      names.set(text, found)
    }
    return found
  }
  return {
    all: async <Row>(text: string, values: readonly SqlValue[]) =>
      (await pool.query({ ...named(text), values: [...values] })).rows as Row[],
    run: async (text, values) => (await pool.query({ ...named(text), values: [...values] })).rowCount ?? 0,
    close: () => pool.end(),
  }
}
