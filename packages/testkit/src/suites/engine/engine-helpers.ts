import { createEngine, type Engine, type EngineOptions } from '@batchgate/core'
import { type MetadataStore } from '@batchgate/core/store'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import { openAll } from '../../simulator/open-all.js'

/** How long closing waits for launches still running when a case ends. */
const SETTLE_LIMIT_MS = 2_000

/** What a case may set on the engines it builds (everything but the store). */
export type CaseEngineOptions = Omit<EngineOptions, 'store'>

/**
 * Builds `count` engines on the fixture's database — each on its own store instance, wrapped by
 * `wrapStore` when given (for fault injectors) — runs `use`, then settles and closes them all. When
 * one engine fails to open, the others are closed and that failure is thrown.
 */
export async function withEngines<T>(
  fixture: StoreFixture,
  count: number,
  options: (index: number) => CaseEngineOptions,
  use: (engines: Engine[]) => Promise<T>,
  wrapStore: (store: MetadataStore, index: number) => MetadataStore = (store) => store,
): Promise<T> {
  // When one fails to open, the ones that did are closed (async, so a throwing newStore or wrapStore
  // is such a failure too) and the first failure is rethrown: a failing case leaks no connections.
  const engines = await openAll(
    Array.from({ length: count }, async (_, i) =>
      createEngine({
        instanceId: `conformance-${i}`,
        ...options(i),
        store: wrapStore(fixture.newStore(), i),
      }),
    ),
    (engine) => engine.close(),
  )
  try {
    return await use(engines)
  } finally {
    // Bounded: a case that failed may leave a held launch that will never finish, and a failing case
    // must fail, not hang.
    const settled = Promise.all(engines.map((engine) => engine.launchesSettled()))
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, SETTLE_LIMIT_MS).unref())])
    await Promise.all(engines.map((engine) => engine.close()))
  }
}

/** One engine on the fixture's database. */
export async function withEngine<T>(
  fixture: StoreFixture,
  options: CaseEngineOptions,
  use: (engine: Engine) => Promise<T>,
): Promise<T> {
  return withEngines(
    fixture,
    1,
    () => options,
    (engines) => use(onlyOne(engines)),
  )
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  const outcome = await promise.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  )
  if ('resolved' in outcome) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`)
  return outcome.error as Error & { code?: string }
}

/** The single element of a one-element list. */
export function onlyOne<T>(list: readonly T[]): T {
  const [first] = list
  if (first === undefined || list.length !== 1) throw new Error(`expected exactly one, got ${list.length}`)
  return first
}
