import type { Kysely, Migration } from 'kysely'

/**
 * The application a launcher reports (Kyuubi's `appId`, `appUrl`, `appState`, `appDiagnostic`,
 * `appStartTime`), as nullable columns added in place: existing rows keep every value and read these as
 * null. SQLite adds a nullable column without rewriting the table, and the migration runs in one
 * transaction (see sqlite-dialect.ts), so it happened entirely or not at all. SQLite has no column
 * sizes; core bounds the values before a store sees them.
 */
export const addApplicationColumns: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const [column, type] of APPLICATION_COLUMNS) {
      await db.schema.alterTable('batchgate_batch').addColumn(column, type).execute()
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const [column] of APPLICATION_COLUMNS) {
      await db.schema.alterTable('batchgate_batch').dropColumn(column).execute()
    }
  },
}

const APPLICATION_COLUMNS = [
  ['app_id', 'text'],
  ['app_url', 'text'],
  ['app_state', 'text'],
  ['app_diagnostic', 'text'],
  ['app_start_time', 'integer'],
] as const
