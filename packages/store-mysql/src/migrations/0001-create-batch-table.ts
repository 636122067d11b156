import { sql, type Kysely, type Migration } from 'kysely'

/**
 * The batch table, in one statement: MySQL commits every DDL statement on its own, so a migration of
 * several statements could stop half-way; one `create table if not exists` either happened or did not,
 * and running it again after a crash (before the migration was recorded) does no harm.
 *
 * - The primary key on `id` is the unique key that settles submission races.
 * - `owner` is `varchar(255)` so that (owner, create_time) can be a full index for listing a user's
 *   batches in time order (Kyuubi's `user_name` is the same size); the store checks the length first.
 * - Free text (`resource`, `conf`, `args`, `diagnostic`, …) is `mediumtext`: up to 16 MiB, beyond any
 *   request the default limits let through (1 MiB).
 * - `utf8mb4_bin`: every Unicode character, compared exactly as SQLite compares text.
 */
export const createBatchTable: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`
      create table if not exists batchgate_batch (
        id varchar(36) character set ascii collate ascii_bin not null,
        owner varchar(255) not null,
        batch_type mediumtext not null,
        resource mediumtext not null,
        class_name mediumtext null,
        name mediumtext null,
        conf mediumtext not null,
        args mediumtext not null,
        fingerprint mediumtext not null,
        state varchar(16) character set ascii collate ascii_bin not null,
        create_time bigint not null,
        start_time bigint null,
        end_time bigint null,
        diagnostic mediumtext null,
        created_by mediumtext not null,
        insert_token char(32) character set ascii collate ascii_bin not null,
        state_token char(32) character set ascii collate ascii_bin null,
        primary key (id),
        key batchgate_batch_owner_create_time (owner, create_time),
        key batchgate_batch_state_create_time (state, create_time),
        key batchgate_batch_create_time (create_time),
        constraint batchgate_batch_state check (state in ('PENDING', 'RUNNING', 'FINISHED', 'ERROR', 'CANCELED'))
      ) engine = InnoDB default character set utf8mb4 collate utf8mb4_bin
    `.execute(db)
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists batchgate_batch`.execute(db)
  },
}
