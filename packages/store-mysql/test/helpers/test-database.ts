import { randomBytes } from 'node:crypto'
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise'
import { MYSQL_URI } from './mysql-server.js'

/** A batch row read back with raw SQL, as the store stored it. */
export interface StoredBatchRow extends RowDataPacket {
  id: string
  owner: string
  batch_type: string
  resource: string
  class_name: string | null
  name: string | null
  conf: string
  args: string
  fingerprint: string
  state: string
  create_time: number
  start_time: number | null
  end_time: number | null
  diagnostic: string | null
  created_by: string
  insert_token: string
  state_token: string | null
}

/**
 * A fresh database of its own on the test server, with a raw connection for assertions that must not
 * trust the code under test. `drop()` removes it.
 */
export interface TestDatabase {
  readonly name: string
  /** A URI to the database, for stores. */
  readonly uri: string
  /** The raw connection (its own, not a store's). */
  readonly raw: Connection
  /** Every batch row, by id. */
  batchRows(): Promise<StoredBatchRow[]>
  drop(): Promise<void>
}

/**
 * Creates `batchgate_t_<random>` on the server of {@link MYSQL_URI}.
 *
 * @example
 * ```ts
 * const database = await createTestDatabase()
 * const store = mysqlStore({ uri: database.uri })
 * ```
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `batchgate_t_${randomBytes(6).toString('hex')}`
  const admin = await createConnection({ uri: MYSQL_URI })
  try {
    await admin.query(`create database \`${name}\` character set utf8mb4`)
  } finally {
    await admin.end()
  }
  const uri = databaseUri(name)
  const raw = await createConnection({ uri })
  return {
    name,
    uri,
    raw,
    async batchRows() {
      const [rows] = await raw.query<StoredBatchRow[]>('select * from batchgate_batch order by id')
      return rows
    },
    async drop() {
      try {
        await raw.query(`drop database if exists \`${name}\``)
      } finally {
        await raw.end()
      }
    },
  }
}

/** {@link MYSQL_URI} pointing at another database. */
export function databaseUri(database: string, base: string = MYSQL_URI): string {
  const url = new URL(base)
  url.pathname = `/${database}`
  return url.toString()
}
