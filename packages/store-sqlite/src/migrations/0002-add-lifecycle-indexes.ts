import type { Kysely, Migration } from 'kysely'

/**
 * Indexes for the batch lifecycle: listing by state, an instance's unfinished batches (recovery),
 * and the retention purge by end time.
 */
export const addLifecycleIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('batchgate_batch_state_create_time')
      .on('batchgate_batch')
      .columns(['state', 'create_time'])
      .execute()
    await db.schema
      .createIndex('batchgate_batch_created_by_state')
      .on('batchgate_batch')
      .columns(['created_by', 'state'])
      .execute()
    await db.schema.createIndex('batchgate_batch_end_time').on('batchgate_batch').column('end_time').execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const index of [
      'batchgate_batch_state_create_time',
      'batchgate_batch_created_by_state',
      'batchgate_batch_end_time',
    ]) {
      await db.schema.dropIndex(index).execute()
    }
  },
}
