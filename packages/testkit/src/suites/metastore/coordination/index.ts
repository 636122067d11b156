import type { StoreFixture } from '../../../fixture/store-fixture.js'
import type { ConformanceCase } from '../../conformance-case.js'
import { claimCases } from './claim-cases.js'
import { fencingCases } from './fencing-cases.js'
import { leaseCases } from './lease-cases.js'
import { ownershipCases } from './ownership-cases.js'
import { queueCases } from './queue-cases.js'
import { transferCases } from './transfer-cases.js'

/**
 * The `coordination` group: the `CoordinatedMetadataStore` port (leases judged by the database's
 * clock, the launch queue, claims and transfers as compare-and-sets across store instances, fencing by
 * the owner's token) and the ownership fields of every batch. On a store that is not coordinated each
 * case is reported as skipped, "not applicable", with the reason.
 */
export const coordinationCases: readonly ConformanceCase<StoreFixture>[] = [
  ...ownershipCases,
  ...leaseCases,
  ...queueCases,
  ...claimCases,
  ...transferCases,
  ...fencingCases,
]
