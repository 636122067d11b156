import type { BatchRecord } from '@batchgate/core/store'

/**
 * A batch row as the store author's own raw query reads it, straight from the database — not through
 * the store under test — so a store that lies about what it wrote is caught. It has the shape of core's
 * `BatchRecord` (`conf` and `args` parsed, times as numbers, absent values `null`).
 */
export type RawBatchRow = BatchRecord
