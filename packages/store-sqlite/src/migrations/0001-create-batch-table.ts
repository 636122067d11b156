import { sql, type Kysely, type Migration } from 'kysely'

/** The batch table: the unique key on the id settles submission races; indexes serve owner and time. */
export const createBatchTable: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('batchgate_batch')
      .addColumn('id', 'text', (column) => column.primaryKey().notNull())
      .addColumn('owner', 'text', (column) => column.notNull())
      .addColumn('batch_type', 'text', (column) => column.notNull())
      .addColumn('resource', 'text', (column) => column.notNull())
      .addColumn('class_name', 'text')
      .addColumn('name', 'text')
      .addColumn('conf', 'text', (column) => column.notNull())
      .addColumn('args', 'text', (column) => column.notNull())
      .addColumn('fingerprint', 'text', (column) => column.notNull())
      .addColumn('state', 'text', (column) =>
        column.notNull().check(sql`state in ('PENDING', 'RUNNING', 'FINISHED', 'ERROR', 'CANCELED')`),
      )
      .addColumn('create_time', 'integer', (column) => column.notNull())
      .addColumn('start_time', 'integer')
      .addColumn('end_time', 'integer')
      .addColumn('diagnostic', 'text')
      .addColumn('created_by', 'text', (column) => column.notNull())
      .execute()
    await db.schema
      .createIndex('batchgate_batch_owner_create_time')
      .on('batchgate_batch')
      .columns(['owner', 'create_time'])
      .execute()
    await db.schema
      .createIndex('batchgate_batch_create_time')
      .on('batchgate_batch')
      .column('create_time')
      .execute()
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('batchgate_batch').execute()
  },
}
