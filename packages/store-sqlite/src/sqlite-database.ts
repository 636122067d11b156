import Database from 'better-sqlite3'
import type { ResolvedSqliteStoreOptions } from './sqlite-store-options.js'

/**
 * Opens the file with the settings several processes need to share it: WAL (readers never block the
 * writer, and a read after a lost insert race sees the winner's commit), a busy timeout, and the
 * chosen durability.
 */
export function openSqliteDatabase(options: ResolvedSqliteStoreOptions): Database.Database {
  const database = new Database(options.filename, { timeout: options.busyTimeoutMs })
  try {
    database.pragma(`busy_timeout = ${options.busyTimeoutMs}`)
    database.pragma('journal_mode = WAL')
    database.pragma(`synchronous = ${options.synchronous}`)
    database.pragma('foreign_keys = ON')
    return database
  } catch (error) {
    database.close()
    throw error
  }
}
