import type { BatchRow } from './batch-row.js'
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
  'insert_token',
  'state_token',
] as const satisfies readonly (keyof (BatchRow & WriteTokenColumns))[]

/**
 * Every column of a batch row with write tokens, in one fixed order: the columns (and so the
 * placeholders) of a store's own prepared insert. A column the row gains must be listed here too: this
 * does not compile until it is.
 *
 * @example
 * ```ts
 * const INSERT = `insert into batchgate_batch (${TOKEN_ROW_COLUMNS.join(', ')}) values (…)`
 * ```
 */
export const TOKEN_ROW_COLUMNS: [
  Exclude<keyof (BatchRow & WriteTokenColumns), (typeof LISTED_COLUMNS)[number]>,
] extends [never]
  ? readonly (keyof (BatchRow & WriteTokenColumns))[]
  : never = LISTED_COLUMNS
