export type { MetastoreHarness, MetastoreHarnessFactory } from './harness/metastore-harness.js'
export type { RawBatchRow } from './harness/raw-batch-row.js'
