import { sql, type Kysely, type Migration } from 'kysely'

/**
 * The indexes of the engine's lifecycle queries, as in the other stores' 0002:
 * - (created_by, state): recovery lists an instance's own PENDING and RUNNING batches when it starts;
 * - (end_time): the retention purge deletes the oldest ended batches first.
 *
 * A separate version from 0001 only to keep the stores' migration histories alike; in a transaction
 * like every PostgreSQL migration, so it never stops half-way.
 */
export function addLifecycleIndexes(schema: string): Migration {
  const table = sql.id(schema, 'batchgate_batch')
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create index batchgate_batch_created_by_state on ${table} (created_by, state)`.execute(db)
      await sql`create index batchgate_batch_end_time on ${table} (end_time)`.execute(db)
    },
    async down(db: Kysely<unknown>): Promise<void> {
      for (const index of ['batchgate_batch_created_by_state', 'batchgate_batch_end_time']) {
        await sql`drop index if exists ${sql.id(schema, index)}`.execute(db)
      }
    },
  }
}
