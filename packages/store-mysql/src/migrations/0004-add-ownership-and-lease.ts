import { sql, type Kysely, type Migration } from 'kysely'
import { MysqlErrno } from '../mysql-error-codes.js'
import { ignoringErrno } from './ddl-step.js'

/** The indexes of 0004 and their key parts (constants, never input). */
const INDEXES: readonly (readonly [string, string])[] = [
  ['batchgate_batch_queue', 'state, owner_token, priority desc, queued_at, id'],
  ['batchgate_batch_queued_at', 'state, queued_at'],
  ['batchgate_batch_owner_token', 'owner_token, state'],
  ['batchgate_batch_owner_instance', 'owner_instance(191), state'],
]

/**
 * Ownership and leases (high availability): who attends each batch, the launch queue's order, and one
 * lease row per engine start.
 *
 * - `owner_instance` (`mediumtext`, as `created_by`: instance ids have no length limit) and
 *   `owner_token` (the owner's lease token, `varchar(64)` in the table's `utf8mb4_bin`: an ASCII column
 *   would make a comparison with a non-ASCII value an error, 1267 "illegal mix of collations", where it
 *   should simply match nothing); `priority` (`int`, default 10, Kyuubi's `kyuubi.batch.priority`); `queued_at` (`bigint`
 *   epoch milliseconds of the database's clock when the batch was queued).
 * - Existing rows keep every value; they get `owner_instance = created_by` (their creator attended
 *   them, as recovery by `created_by` assumed), no token (written before leases existed), priority 10
 *   and `queued_at = create_time`.
 * - Indexes: the launch queue (state, owner_token, priority desc, queued_at, id) read in claim order;
 *   the unlaunched batches past their grace (state, queued_at); a lease token's batches
 *   (owner_token, state), for adoption, `listLeases`' running count and `dropLease`; an instance's
 *   batches (owner_instance, state), for a restarted instance taking back its own. MariaDB ≥ 10.8 and
 *   MySQL 8 keep `desc` key parts in descending order; older servers accept and ignore it (the queue
 *   then sorts its matches). `owner_instance` is indexed on a 191-character prefix, as `created_by`
 *   (see 0002).
 * - `batchgate_instance_lease`: one row per engine start, keyed by its token; times are the database's
 *   clock.
 *
 * MySQL commits each DDL statement on its own, so this migration can stop between any two steps; each
 * step therefore is safe to run again and treats "already done" as done: the columns are added by one
 * `alter table` (errno 1060 "duplicate column" means done), the backfill only touches rows it has not
 * filled yet (`queued_at = 0`, the value the `alter` gave existing rows; the store never writes 0), each
 * index accepts errno 1061 "duplicate key name", and the lease table is `create table if not exists`.
 * `queued_at` is added `not null` without a default, so an insert that forgets it fails in strict mode
 * instead of queueing the batch at 1970; MariaDB ≥ 10.3 and MySQL 8 add these columns in place
 * (`ALGORITHM=INSTANT`), and InnoDB builds the indexes without blocking other instances.
 */
export const addOwnershipAndLease: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await ignoringErrno(
      db,
      MysqlErrno.ER_DUP_FIELDNAME,
      sql`
        alter table batchgate_batch
          add column owner_instance mediumtext null,
          add column owner_token varchar(64) null,
          add column priority int not null default 10,
          add column queued_at bigint not null
      `,
    )
    await sql`
      update batchgate_batch set owner_instance = created_by, queued_at = create_time where queued_at = 0
    `.execute(db)
    for (const [index, columns] of INDEXES) {
      await ignoringErrno(
        db,
        MysqlErrno.ER_DUP_KEYNAME,
        sql`create index ${sql.id(index)} on batchgate_batch (${sql.raw(columns)})`,
      )
    }
    await sql`
      create table if not exists batchgate_instance_lease (
        token varchar(64) not null,
        instance_id mediumtext not null,
        acquired_at bigint not null,
        expires_at bigint not null,
        primary key (token)
      ) engine = InnoDB default character set utf8mb4 collate utf8mb4_bin
    `.execute(db)
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists batchgate_instance_lease`.execute(db)
    for (const [index] of INDEXES) {
      await ignoringErrno(
        db,
        MysqlErrno.ER_CANT_DROP_FIELD_OR_KEY,
        sql`drop index ${sql.id(index)} on batchgate_batch`,
      )
    }
    await ignoringErrno(
      db,
      MysqlErrno.ER_CANT_DROP_FIELD_OR_KEY,
      sql`
        alter table batchgate_batch
          drop column owner_instance,
          drop column owner_token,
          drop column priority,
          drop column queued_at
      `,
    )
  },
}
