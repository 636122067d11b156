import { sql, type Kysely, type Migration } from 'kysely'

/** The indexes of 0004 and their key parts (constants, never input). */
const INDEXES: readonly (readonly [string, string])[] = [
  ['batchgate_batch_queue', 'state, owner_token, priority desc, queued_at, id'],
  ['batchgate_batch_queued_at', 'state, queued_at'],
  ['batchgate_batch_owner_token', 'owner_token, state'],
  ['batchgate_batch_owner_instance', 'owner_instance, state'],
]

/**
 * Ownership and leases (high availability): who attends each batch, the launch queue's order, and one
 * lease row per engine start. In the migration's transaction, like every PostgreSQL migration, so it
 * never stops half-way.
 *
 * - `owner_instance` (`text` "C", as `created_by`) and `owner_token` (the owner's lease token,
 *   `varchar(64)` "C"); `priority` (`integer`, default 10, Kyuubi's `kyuubi.batch.priority`; a constant
 *   default, so adding it changes the catalogue only); `queued_at` (`bigint` epoch milliseconds of the
 *   database's clock when the batch was queued).
 * - Existing rows keep every value; they get `owner_instance = created_by` (their creator attended
 *   them, as recovery by `created_by` assumed), no token (written before leases existed), priority 10
 *   and `queued_at = create_time`. `queued_at` is added nullable, filled, then made `not null` (a
 *   column cannot be added `not null` without a default to a table with rows); it has no default, so
 *   an insert that forgets it fails instead of queueing the batch at 1970. The fill rewrites every row
 *   once (MVCC), in this transaction.
 * - Indexes: the launch queue (state, owner_token, priority desc, queued_at, id) read in claim order;
 *   the unlaunched batches past their grace (state, queued_at); a lease token's batches
 *   (owner_token, state), for adoption, `listLeases`' running count and `dropLease`; an instance's
 *   batches (owner_instance, state), for a restarted instance taking back its own.
 * - `batchgate_instance_lease`: one row per engine start, keyed by its token; times are the database's
 *   clock.
 */
export function addOwnershipAndLease(schema: string): Migration {
  const table = sql.id(schema, 'batchgate_batch')
  const lease = sql.id(schema, 'batchgate_instance_lease')
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        alter table ${table}
          add column owner_instance text collate "C" null,
          add column owner_token varchar(64) collate "C" null,
          add column priority integer not null default 10,
          add column queued_at bigint null
      `.execute(db)
      await sql`update ${table} set owner_instance = created_by, queued_at = create_time`.execute(db)
      await sql`alter table ${table} alter column queued_at set not null`.execute(db)
      for (const [index, columns] of INDEXES) {
        await sql`create index ${sql.id(index)} on ${table} (${sql.raw(columns)})`.execute(db)
      }
      await sql`
        create table ${lease} (
          token varchar(64) collate "C" not null,
          instance_id text collate "C" not null,
          acquired_at bigint not null,
          expires_at bigint not null,
          constraint batchgate_instance_lease_pkey primary key (token)
        )
      `.execute(db)
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop table if exists ${lease}`.execute(db)
      // Dropping the columns drops their indexes.
      await sql`
        alter table ${table}
          drop column if exists owner_instance,
          drop column if exists owner_token,
          drop column if exists priority,
          drop column if exists queued_at
      `.execute(db)
    },
  }
}
