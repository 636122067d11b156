import { sql, type Kysely, type Migration } from 'kysely'

/**
 * The application a launcher reports (Kyuubi's `appId`, `appUrl`, `appState`, `appDiagnostic`,
 * `appStartTime`), as nullable columns added in place: existing rows keep every value and read these
 * as null. PostgreSQL adds a nullable column without a default by changing the catalogue only (no
 * table rewrite), in the migration's transaction.
 *
 * `app_id` and `app_state` are `varchar(256)`, `app_url` `varchar(2048)` (in characters; core bounds
 * them in UTF-16 units, never fewer, and refuses control characters there, so `text` holds them),
 * all with the "C" collation like the other identifiers. `app_diagnostic` is free text from a
 * launcher, so `bytea` holding UTF-8 like `diagnostic` (it may hold U+0000). `app_start_time` is a
 * `bigint` of epoch milliseconds.
 */
export function addApplicationColumns(schema: string): Migration {
  const table = sql.id(schema, 'batchgate_batch')
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        alter table ${table}
          add column app_id varchar(256) collate "C" null,
          add column app_url varchar(2048) collate "C" null,
          add column app_state varchar(256) collate "C" null,
          add column app_diagnostic bytea null,
          add column app_start_time bigint null
      `.execute(db)
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`
        alter table ${table}
          drop column if exists app_id,
          drop column if exists app_url,
          drop column if exists app_state,
          drop column if exists app_diagnostic,
          drop column if exists app_start_time
      `.execute(db)
    },
  }
}
