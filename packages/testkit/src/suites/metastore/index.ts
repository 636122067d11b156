import type { MetastoreHarness, MetastoreHarnessFactory } from '../../harness/metastore-harness.js'
import type { ConformanceCase, SuiteOptions } from '../conformance-case.js'
import { describeCases } from '../describe-cases.js'
import { basicsCases } from './basics-cases.js'
import { duplicateCases } from './duplicate-cases.js'
import { lifecycleCases } from './lifecycle-cases.js'
import { listingCases } from './listing-cases.js'
import { purgeCases } from './purge-cases.js'
import { stateCases } from './state-cases.js'

/** The capability groups of the metastore suite. */
export type MetastoreGroup = 'basics' | 'duplicates' | 'state' | 'lifecycle' | 'listing' | 'purge'

/** Every case of the metastore port suite, for running against a store directly. */
export const metastoreConformanceCases: readonly ConformanceCase<MetastoreHarness>[] = [
  ...basicsCases,
  ...duplicateCases,
  ...stateCases,
  ...lifecycleCases,
  ...listingCases,
  ...purgeCases,
]

/**
 * Registers the metastore port conformance suite with vitest: insert/read/update semantics checked
 * through the author's raw read-back, duplicate-key classification, concurrent inserts and
 * compare-and-set from several instances, open/close. Each test gets a fresh harness.
 *
 * @example
 * ```ts
 * describeMetastoreConformance('my-store', async () => myHarness())
 * ```
 */
export function describeMetastoreConformance(
  name: string,
  harnessFactory: MetastoreHarnessFactory,
  options: SuiteOptions<MetastoreGroup> = {},
): void {
  describeCases(
    `${name}: metastore conformance`,
    metastoreConformanceCases,
    { open: harnessFactory, close: (harness) => harness.dispose() },
    options,
  )
}
