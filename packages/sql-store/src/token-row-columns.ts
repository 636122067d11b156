import type { InsertedBatchRow } from './batch-row.js'
import type { WriteTokenColumns } from './token-writes.js'

const LISTED_COLUMNS = [
  'id',
  'owner',
  'batch_type',
  'resource',
  'class_name',
  'name',
  'conf',
  'args',
  'fingerprint',
  'state',
  'create_time',
  'start_time',
  'end_time',
  'diagnostic',
  'created_by',
  'app_id',
  'app_url',
  'app_state',
  'app_diagnostic',
  'app_start_time',
  'owner_instance',
  'owner_token',
  'priority',
  'insert_token',
  'state_token',
] as const satisfies readonly (keyof (InsertedBatchRow & WriteTokenColumns))[]

/**
 * Every column an insert binds of a batch row with write tokens, in one fixed order: the columns (and
 * so the placeholders) of a store's own prepared insert, which adds `queued_at` itself, written from the
 * database's clock (`databaseNowSql`). A column the row gains must be listed here too: this does not
 * compile until it is.
 *
 * @example
 * ```ts
 * const INSERT = `insert into batchgate_batch (${TOKEN_ROW_COLUMNS.join(', ')}, queued_at) values (…, ${databaseNowSql(db, dialect)})`
 * ```
 */
export const TOKEN_ROW_COLUMNS: [
  Exclude<keyof (InsertedBatchRow & WriteTokenColumns), (typeof LISTED_COLUMNS)[number]>,
] extends [never]
  ? readonly (keyof (InsertedBatchRow & WriteTokenColumns))[]
  : never = LISTED_COLUMNS
