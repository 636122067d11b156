import Database from 'better-sqlite3'
import { BATCH_TABLE, type BatchRow } from '@batchgate/sql-store'
import { BATCH_COLUMNS, rowValues } from './bench-request.js'

/** The INSERT of a whole row ({@link rowValues} order) into the SQLite store's table. */
export const SQLITE_INSERT = `insert into ${BATCH_TABLE} (${BATCH_COLUMNS.join(', ')}) values (${BATCH_COLUMNS.map(() => '?').join(', ')})`

/** The raw driver on a file the store has migrated: prepared statements, the store's pragmas. */
export interface RawSqlite {
  /** INSERT of one row, as its own (autocommit) transaction. */
  insert(row: BatchRow): void
  /** SELECT of one row by primary key. */
  select(id: string): unknown
  close(): void
}

/**
 * Opens `filename` with better-sqlite3 exactly as the store opens its file (the same busy timeout,
 * WAL, `synchronous` and foreign keys), with the statements prepared once: the cheapest way the driver
 * does the same database work.
 */
export function openRawSqlite(filename: string, synchronous: 'FULL' | 'NORMAL' = 'FULL'): RawSqlite {
  const database = openRawSqliteDatabase(filename, synchronous)
  const insert = database.prepare(SQLITE_INSERT)
  const select = database.prepare(`select * from ${BATCH_TABLE} where id = ?`)
  return {
    insert: (row) => void insert.run(rowValues(row)),
    select: (id) => select.get(id),
    close: () => void database.close(),
  }
}

/**
 * A better-sqlite3 connection with the store's pragmas: the busy timeout, WAL, `synchronous` and
 * foreign keys.
 *
 * @example
 * ```ts
 * const database = openRawSqliteDatabase('/tmp/bench.db')
 * ```
 */
export function openRawSqliteDatabase(
  filename: string,
  synchronous: 'FULL' | 'NORMAL' = 'FULL',
): Database.Database {
  const database = new Database(filename, { timeout: 5000 })
  database.pragma('busy_timeout = 5000')
  database.pragma('journal_mode = WAL')
  database.pragma(`synchronous = ${synchronous}`)
  database.pragma('foreign_keys = ON')
  return database
}
