import type { BatchTables } from '@batchgate/sql-store'
import { sql, type Kysely } from 'kysely'

/** OpenTelemetry's `db.system.name` of a MySQL-protocol server. */
export type MysqlDbSystem = 'mysql' | 'mariadb'

/**
 * Which server a `version()` string names: MariaDB says so in it (`11.4.2-MariaDB-ubu2404`), MySQL
 * does not (`8.4.0`).
 *
 * @example
 * ```ts
 * dbSystemOfVersion('10.11.6-MariaDB-0+deb12u1') // 'mariadb'
 * ```
 */
export function dbSystemOfVersion(version: string): MysqlDbSystem {
  return /mariadb/i.test(version) ? 'mariadb' : 'mysql'
}

/** Asks the server which it is, once, when the store connects. */
export async function readDbSystem(db: Kysely<BatchTables>): Promise<MysqlDbSystem> {
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(db)
  return dbSystemOfVersion(rows[0]?.version ?? '')
}
