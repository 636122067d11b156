import type { Kysely, RawBuilder } from 'kysely'
import { mysqlErrno } from '../mysql-error-codes.js'

/**
 * Runs one DDL statement of a migration; the server error `errno` means it is already done. MySQL
 * commits each DDL statement on its own, so a migration of several steps can stop between two of them:
 * run again, each step that had happened answers "already exists" (or "cannot drop"), which is done.
 *
 * @example
 * ```ts
 * await ignoringErrno(db, MysqlErrno.ER_DUP_KEYNAME, sql`create index i on batchgate_batch (end_time)`)
 * ```
 */
export async function ignoringErrno(
  db: Kysely<unknown>,
  errno: number,
  statement: RawBuilder<unknown>,
): Promise<void> {
  try {
    await statement.execute(db)
  } catch (error) {
    if (mysqlErrno(error) !== errno) throw error
  }
}
