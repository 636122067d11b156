import type { InsertedBatchRow, WriteTokenColumns } from '@batchgate/sql-store'

/**
 * A batch row as the MySQL store writes it: the kit's shared column layout plus the kit's two write
 * tokens, which let a write retried after a lost connection recognise its own earlier attempt (see the
 * kit's `insertWithToken` and `updateStateWithToken`). The tokens never leave the store.
 */
export interface MysqlBatchRow extends InsertedBatchRow, WriteTokenColumns {}
