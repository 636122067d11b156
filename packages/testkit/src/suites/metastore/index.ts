import type { StoreFixture, StoreFixtureFactory } from '../../fixture/store-fixture.js'
import type { ConformanceCase, SuiteOptions } from '../conformance-case.js'
import { describeCases } from '../describe-cases.js'
import { applicationCases } from './application-cases.js'
import { basicsCases } from './basics-cases.js'
import { constraintCases } from './constraint-cases.js'
import { contentionCases } from './contention-cases.js'
import { coordinationCases } from './coordination/index.js'
import { duplicateCases } from './duplicate-cases.js'
import { expectedStateListCases } from './expected-state-list-cases.js'
import { lifecycleCases } from './lifecycle-cases.js'
import { listingCases } from './listing-cases.js'
import { purgeBoundaryCases } from './purge-boundary-cases.js'
import { purgeCases } from './purge-cases.js'
import { recordCopyCases } from './record-copy-cases.js'
import { stateCases } from './state-cases.js'

/** The capability groups of the metastore suite. */
export type MetastoreGroup =
  | 'basics'
  | 'duplicates'
  | 'constraints'
  | 'state'
  | 'copies'
  | 'lifecycle'
  | 'listing'
  | 'purge'
  | 'contention'
  | 'application'
  | 'coordination'

/** Every case of the metastore port suite, for running against a store directly. */
export const metastoreConformanceCases: readonly ConformanceCase<StoreFixture>[] = [
  ...basicsCases,
  ...duplicateCases,
  ...constraintCases,
  ...stateCases,
  ...expectedStateListCases,
  ...recordCopyCases,
  ...lifecycleCases,
  ...listingCases,
  ...purgeCases,
  ...purgeBoundaryCases,
  ...contentionCases,
  ...applicationCases,
  ...coordinationCases,
]

/** The `coordination` group alone (also part of {@link metastoreConformanceCases}). */
export const coordinationConformanceCases: readonly ConformanceCase<StoreFixture>[] = coordinationCases

/**
 * Registers the metastore port conformance suite with vitest: insert/read/update semantics checked
 * through the author's raw read-back, duplicate-key classification (and no other constraint error taken
 * for one), concurrent inserts and compare-and-set from several instances and from lists of states,
 * records handed out as copies and never read stale, open/close, listing, the purge's exact boundaries,
 * 8 instances contending for the same rows, and application reports (a compare-and-set that sets only
 * the fields it gives, values at core's bounds), and — for a `CoordinatedMetadataStore`, "not applicable"
 * otherwise — leases by the database's clock, the launch queue, claims, transfers and fencing. Each test
 * gets a fresh fixture.
 *
 * @example
 * ```ts
 * describeMetastoreConformance('my-store', async () => myFixture())
 * ```
 */
export function describeMetastoreConformance(
  name: string,
  fixtureFactory: StoreFixtureFactory,
  options: SuiteOptions<MetastoreGroup> = {},
): void {
  describeCases(
    `${name}: metastore conformance`,
    metastoreConformanceCases,
    { open: async () => fixtureFactory(), close: (fixture) => fixture.dispose() },
    options,
  )
}
