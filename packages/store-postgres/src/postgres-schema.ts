import type { InsertedBatchRow, WriteTokenColumns } from '@batchgate/sql-store'

/**
 * A batch row as the PostgreSQL store inserts it: core's column layout, with the free-text columns a
 * submitter or a launcher fills (`resource`, `class_name`, `name`, `diagnostic`, `app_diagnostic`) as `bytea` holding
 * their UTF-8, because PostgreSQL's `text` cannot hold U+0000 and core accepts it there (see
 * postgres-batch-row.ts); plus the kit's two write tokens, which let a write retried after a lost
 * connection recognise its own earlier attempt. The tokens never leave the store. Rows read back are
 * the kit's `BatchRow`: the store's pool reads `bytea` as the UTF-8 string (postgres-type-parsers.ts).
 */
export interface PostgresBatchRow
  extends
    Omit<InsertedBatchRow, 'resource' | 'class_name' | 'name' | 'diagnostic' | 'app_diagnostic'>,
    WriteTokenColumns {
  resource: Buffer
  class_name: Buffer | null
  name: Buffer | null
  diagnostic: Buffer | null
  app_diagnostic: Buffer | null
}
