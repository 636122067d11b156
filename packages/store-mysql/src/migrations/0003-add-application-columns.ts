import { sql, type Kysely, type Migration } from 'kysely'
import { mysqlErrno, MysqlErrno } from '../mysql-error-codes.js'

/**
 * The application a launcher reports (Kyuubi's `appId`, `appUrl`, `appState`, `appDiagnostic`,
 * `appStartTime`), as nullable columns added in place: existing rows keep every value and read these
 * as null.
 *
 * One `alter table` adding all five: MySQL commits each DDL statement on its own, and a single one
 * either happened or did not. Run again after a crash before it was recorded, it fails with "duplicate
 * column" (errno 1060), which means done. MariaDB ≥ 10.3 and MySQL 8 add nullable columns in place
 * (`ALGORITHM=INSTANT`), without copying the table or blocking other instances.
 *
 * Sizes, in characters (as MySQL counts them; core's bounds are in UTF-16 units, never fewer):
 * `app_id` and `app_state` `varchar(256)`, `app_url` `varchar(2048)`, `app_diagnostic` `mediumtext`
 * (core cuts it to 8 KiB characters), `app_start_time` `bigint` epoch milliseconds.
 */
export const addApplicationColumns: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    try {
      await sql`
        alter table batchgate_batch
          add column app_id varchar(256) null,
          add column app_url varchar(2048) null,
          add column app_state varchar(256) null,
          add column app_diagnostic mediumtext null,
          add column app_start_time bigint null
      `.execute(db)
    } catch (error) {
      if (mysqlErrno(error) !== MysqlErrno.ER_DUP_FIELDNAME) throw error
    }
  },
  async down(db: Kysely<unknown>): Promise<void> {
    try {
      await sql`
        alter table batchgate_batch
          drop column app_id,
          drop column app_url,
          drop column app_state,
          drop column app_diagnostic,
          drop column app_start_time
      `.execute(db)
    } catch (error) {
      if (mysqlErrno(error) !== MysqlErrno.ER_CANT_DROP_FIELD_OR_KEY) throw error
    }
  },
}
