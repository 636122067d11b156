import { sql, type Kysely, type Migration } from 'kysely'

/**
 * The batch table and its listing indexes, in one transaction (PostgreSQL's DDL is transactional).
 *
 * - The primary key on `id`, named `batchgate_batch_pkey`, is the unique key that settles submission
 *   races; the store takes a unique violation as a duplicate batch only on that constraint.
 * - `owner`, `batch_type`, `created_by`, `id` and `state` are `text` with the "C" collation: compared
 *   and ordered byte by byte, exactly as SQLite compares text, whatever the database's locale.
 * - The free text a submitter or launcher fills (`resource`, `class_name`, `name`, `diagnostic`) is
 *   `bytea` holding UTF-8: `text` cannot hold U+0000, which core accepts there. `conf` and `args` are
 *   JSON as `text` (not `jsonb`, which would reorder keys and refuses `\u0000`): read back to the letter.
 * - Times are `bigint` epoch milliseconds.
 * - Every listing index ends in `id`: PostgreSQL does not append the primary key to secondary indexes
 *   as InnoDB does, and lists are ordered by (create_time, id).
 */
export function createBatchTable(schema: string): Migration {
  const table = sql.id(schema, 'batchgate_batch')
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        create table ${table} (
          id varchar(36) collate "C" not null,
          owner text collate "C" not null,
          batch_type text collate "C" not null,
          resource bytea not null,
          class_name bytea null,
          name bytea null,
          conf text not null,
          args text not null,
          fingerprint text collate "C" not null,
          state varchar(16) collate "C" not null,
          create_time bigint not null,
          start_time bigint null,
          end_time bigint null,
          diagnostic bytea null,
          created_by text collate "C" not null,
          insert_token varchar(32) collate "C" not null,
          state_token varchar(32) collate "C" null,
          constraint batchgate_batch_pkey primary key (id),
          constraint batchgate_batch_state check (state in ('PENDING', 'RUNNING', 'FINISHED', 'ERROR', 'CANCELED'))
        )
      `.execute(db)
      await sql`create index batchgate_batch_owner_create_time on ${table} (owner, create_time, id)`.execute(
        db,
      )
      await sql`create index batchgate_batch_state_create_time on ${table} (state, create_time, id)`.execute(
        db,
      )
      await sql`create index batchgate_batch_create_time on ${table} (create_time, id)`.execute(db)
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop table if exists ${table}`.execute(db)
    },
  }
}
