import { describe, expect, it } from 'vitest'
import type { StoreFixtureFactory } from '../fixture/store-fixture.js'
import { simulateRace } from '../simulator/simulate-race.js'
import type { SuiteOptions } from './conformance-case.js'
import { describeEngineConformance, type EngineGroup } from './engine/index.js'
import { describeMetastoreConformance, type MetastoreGroup } from './metastore/index.js'

/** Options of {@link describeStoreConformance}: per suite, and for all of them. */
export interface StoreConformanceOptions {
  /** When set, every suite is skipped and this reason is printed (e.g. "no server at …"). */
  readonly skipReason?: string | undefined
  /** Per-test timeout in milliseconds (default 30 000). */
  readonly timeoutMs?: number
  /** Options of the metastore suite only (say, `skipGroups`). */
  readonly metastore?: SuiteOptions<MetastoreGroup>
  /** Options of the engine suite only. */
  readonly engine?: SuiteOptions<EngineGroup>
}

/**
 * Every suite a store must pass, in one call: the metastore port suite, the engine suite over the
 * store, and an in-process race of 8 instances (exactly one row and one launch per id, every answer
 * the stored batch). Each test gets a fresh fixture from `fixtureFactory` and disposes of it.
 *
 * @example
 * ```ts
 * describeStoreConformance('my-store', () => myStoreFixture())
 * ```
 */
export function describeStoreConformance(
  name: string,
  fixtureFactory: StoreFixtureFactory,
  options: StoreConformanceOptions = {},
): void {
  const common = {
    ...(options.skipReason === undefined ? {} : { skipReason: options.skipReason }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  }
  describeMetastoreConformance(name, fixtureFactory, { ...common, ...options.metastore })
  describeEngineConformance(name, fixtureFactory, { ...common, ...options.engine })
  describe.skipIf(options.skipReason !== undefined)(`${name}: race`, () => {
    it(
      '8 instances submitting the same 20 ids 3 times each: one row and one launch per id',
      async () => {
        const fixture = await fixtureFactory()
        try {
          const report = await simulateRace({ fixture, instances: 8, ids: 20, submitsPerId: 3 })
          expect(report.violations).toEqual([])
          expect(report.ok).toBe(true)
        } finally {
          await fixture.dispose()
        }
      },
      options.timeoutMs ?? 30_000,
    )
  })
}
