import type { BatchRow } from '@batchgate/sql-store'
import { createScratchDatabase, databaseOf, dropScratchDatabase } from '@batchgate/store-mysql/testing'
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise'
import { MYSQL_URI } from './mysql-server.js'

/** A batch row read back with raw SQL, every column as stored (the write tokens too). */
export type StoredBatchRow = BatchRow & RowDataPacket & { insert_token: string; state_token: string | null }

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
  const uri = await createScratchDatabase(MYSQL_URI)
  const raw = await createConnection({ uri })
  return {
    name: databaseOf(uri),
    uri,
    raw,
    async batchRows() {
      const [rows] = await raw.query<StoredBatchRow[]>('select * from batchgate_batch order by id')
      return rows
    },
    async drop() {
      await raw.end()
      await dropScratchDatabase(uri)
    },
  }
}
