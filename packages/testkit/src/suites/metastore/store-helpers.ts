import { BatchgateError } from '@batchgate/core'
import type { MetadataStore } from '@batchgate/core/store'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { RawBatchRow } from '../../harness/raw-batch-row.js'
import { onlyOne } from '../engine/engine-helpers.js'

/** Opens `count` store instances on the fixture's database and closes them after `use`, whatever happens. */
export async function withStores<T>(
  fixture: StoreFixture,
  count: number,
  use: (stores: MetadataStore[]) => Promise<T>,
): Promise<T> {
  const stores = Array.from({ length: count }, () => fixture.newStore())
  try {
    await Promise.all(stores.map((store) => store.open()))
    return await use(stores)
  } finally {
    await Promise.all(stores.map((store) => store.close()))
  }
}

/** One opened store instance for `use`. */
export async function withStore<T>(
  fixture: StoreFixture,
  use: (store: MetadataStore) => Promise<T>,
): Promise<T> {
  return withStores(fixture, 1, (stores) => use(onlyOne(stores)))
}

/** The raw rows of one id. */
export async function rawRowsOf(fixture: StoreFixture, id: string): Promise<RawBatchRow[]> {
  return (await fixture.rawBatches()).filter((row) => row.id === id)
}

/** An error as a failure message names it: its code when it is the library's, else its message. */
export function describeError(error: unknown): string {
  if (BatchgateError.is(error)) return `${error.code} ${error.message}`
  return error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error)
}
