import type { sampleRecord } from '../../harness/fixtures.js'
import type { StoreFixture } from '../../fixture/store-fixture.js'

/** Rows left by an earlier life of `instanceId`, written through a store directly. */
export async function leftBehind(
  fixture: StoreFixture,
  ...records: ReturnType<typeof sampleRecord>[]
): Promise<void> {
  const store = fixture.newStore()
  await store.open()
  for (const record of records) await store.insertBatch(record)
  await store.close()
}
