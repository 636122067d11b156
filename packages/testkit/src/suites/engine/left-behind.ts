import type { sampleRecord } from '../../harness/fixtures.js'
import type { MetastoreHarness } from '../../harness/metastore-harness.js'

/** Rows left by an earlier life of `instanceId`, written through a store directly. */
export async function leftBehind(
  harness: MetastoreHarness,
  ...records: ReturnType<typeof sampleRecord>[]
): Promise<void> {
  const store = harness.newStore()
  await store.open()
  for (const record of records) await store.insertBatch(record)
  await store.close()
}
