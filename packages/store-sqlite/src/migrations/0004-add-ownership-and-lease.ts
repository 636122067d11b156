import { sql, type Kysely, type Migration } from 'kysely'

/**
 * Ownership, the launch queue and instance leases (high availability), added in place:
 * - `owner_instance`, `owner_token` (the owner's lease token, which fences its writes), `priority`
 *   (default 10) and `queued_at` (epoch ms by the database's clock). Existing rows are owned by the
 *   instance that created them, without a token (a restarted instance takes them back by its id, as it
 *   recovered them before), and were queued when they were created.
 * - The lease table, one row per engine start.
 * - The indexes of the launch queue (`batchgate_batch_queue`, an ordered range of the queued batches;
 *   `batchgate_batch_queued_at`, the unlaunched ones past their grace) and of the ownership lookups
 *   (`batchgate_batch_owner_token`: a lost lease's batches, its running count, whether it owns any;
 *   `batchgate_batch_owner_instance`: a restarted instance's own batches).
 *
 * SQLite adds a column without rewriting the table (a NOT NULL one needs a default, which every insert
 * overrides), and the migration runs in one transaction (see sqlite-dialect.ts): all of it or nothing.
 */
export const addOwnershipAndLease: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('batchgate_batch').addColumn('owner_instance', 'text').execute()
    await db.schema.alterTable('batchgate_batch').addColumn('owner_token', 'text').execute()
    await db.schema
      .alterTable('batchgate_batch')
      .addColumn('priority', 'integer', (column) => column.notNull().defaultTo(10))
      .execute()
    await db.schema
      .alterTable('batchgate_batch')
      .addColumn('queued_at', 'integer', (column) => column.notNull().defaultTo(0))
      .execute()
    await sql`update batchgate_batch set owner_instance = created_by, queued_at = create_time`.execute(db)
    await db.schema
      .createTable('batchgate_instance_lease')
      .addColumn('token', 'text', (column) => column.primaryKey().notNull())
      .addColumn('instance_id', 'text', (column) => column.notNull())
      .addColumn('acquired_at', 'integer', (column) => column.notNull())
      .addColumn('expires_at', 'integer', (column) => column.notNull())
      .execute()
    for (const [index, columns] of INDEXES) {
      await db.schema
        .createIndex(index)
        .on('batchgate_batch')
        .columns([...columns])
        .execute()
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const [index] of INDEXES) await db.schema.dropIndex(index).execute()
    await db.schema.dropTable('batchgate_instance_lease').execute()
    for (const column of ['queued_at', 'priority', 'owner_token', 'owner_instance']) {
      await db.schema.alterTable('batchgate_batch').dropColumn(column).execute()
    }
  },
}

const INDEXES = [
  ['batchgate_batch_queue', ['state', 'owner_token', 'priority desc', 'queued_at', 'id']],
  ['batchgate_batch_queued_at', ['state', 'queued_at']],
  ['batchgate_batch_owner_token', ['owner_token', 'state']],
  ['batchgate_batch_owner_instance', ['owner_instance', 'state']],
] as const
