import { sql, type Kysely, type Migration } from 'kysely'
import { MysqlErrno } from '../mysql-error-codes.js'
import { ignoringErrno } from './ddl-step.js'

/**
 * Indexes for the batch lifecycle that 0001 lacks (it has (owner, create_time), (state, create_time)
 * and (create_time)): an instance's unfinished batches, for recovery, and the retention purge by end
 * time. InnoDB builds them in place without blocking other instances' reads and writes.
 *
 * MySQL commits each DDL statement on its own, so this migration can stop between its two indexes;
 * each step therefore treats "the index already exists" (errno 1061) as done, and running it again
 * finishes the job. `create index if not exists` would do the same, but only on MariaDB.
 *
 * `created_by` is `mediumtext` (instance ids have no length limit), so its key part is a prefix: 191
 * characters (764 bytes of utf8mb4) fit even the 767-byte key parts of old row formats; the server
 * still compares the full value, a longer id only costs a few more rows read.
 */
export const addLifecycleIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await ignoringErrno(
      db,
      MysqlErrno.ER_DUP_KEYNAME,
      sql`create index batchgate_batch_created_by_state on batchgate_batch (created_by(191), state)`,
    )
    await ignoringErrno(
      db,
      MysqlErrno.ER_DUP_KEYNAME,
      sql`create index batchgate_batch_end_time on batchgate_batch (end_time)`,
    )
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const index of ['batchgate_batch_created_by_state', 'batchgate_batch_end_time']) {
      await ignoringErrno(
        db,
        MysqlErrno.ER_CANT_DROP_FIELD_OR_KEY,
        sql`drop index ${sql.id(index)} on batchgate_batch`,
      )
    }
  },
}
