import type { StoreFixture, StoreFixtureFactory } from '../../fixture/store-fixture.js'
import type { ConformanceCase, SuiteOptions } from '../conformance-case.js'
import { describeCases } from '../describe-cases.js'
import { accessCases } from './access-cases.js'
import { applicationCases } from './application-cases.js'
import { logCases } from './log-cases.js'
import { cancelCases } from './cancel-cases.js'
import { commandCases } from './command-cases.js'
import { listingCases } from './listing-cases.js'
import { recoveryCases } from './recovery-cases.js'
import { retentionCases } from './retention-cases.js'
import { conflictCases } from './conflict-cases.js'
import { corruptRowCases } from './corrupt-row-cases.js'
import { launchCases } from './launch-cases.js'
import { launcherValidationCases } from './launcher-validation-cases.js'
import { listInputCases } from './list-input-cases.js'
import { idSourceCases } from './id-source-cases.js'
import { launchFailureValueCases } from './launch-failure-value-cases.js'
import { raceCases } from './race-cases.js'
import { requestSnapshotCases } from './request-snapshot-cases.js'
import { submitCases } from './submit-cases.js'
import { untrustedValueCases } from './untrusted-value-cases.js'
import { validationCases } from './validation-cases.js'

/** The capability groups of the engine suite. */
export type EngineGroup =
  | 'submit'
  | 'conflicts'
  | 'validation'
  | 'launch'
  | 'access'
  | 'races'
  | 'listing'
  | 'cancel'
  | 'retention'
  | 'recovery'
  | 'application'
  | 'logs'

/** Every case of the engine suite (the batch contract of API.md, end to end over a store). */
export const engineConformanceCases: readonly ConformanceCase<StoreFixture>[] = [
  ...submitCases,
  ...idSourceCases,
  ...conflictCases,
  ...validationCases,
  ...requestSnapshotCases,
  ...untrustedValueCases,
  ...launchCases,
  ...launchFailureValueCases,
  ...accessCases,
  ...raceCases,
  ...listingCases,
  ...listInputCases,
  ...cancelCases,
  ...retentionCases,
  ...recoveryCases,
  ...commandCases,
  ...corruptRowCases,
  ...launcherValidationCases,
  ...applicationCases,
  ...logCases,
]

/**
 * Registers the engine-over-a-store suite with vitest: exactly-once submission, duplicates answered
 * with the stored batch, conflicts, validation with nothing stored, launches and their persisted
 * states, ownership, forced interleavings, a multi-engine race, application reports and batch logs —
 * all checked through the author's raw read-back. Each test gets a fresh fixture.
 *
 * @example
 * ```ts
 * describeEngineConformance('my-store', async () => myFixture())
 * ```
 */
export function describeEngineConformance(
  name: string,
  fixtureFactory: StoreFixtureFactory,
  options: SuiteOptions<EngineGroup> = {},
): void {
  describeCases(
    `${name}: engine conformance`,
    engineConformanceCases,
    { open: async () => fixtureFactory(), close: (fixture) => fixture.dispose() },
    options,
  )
}
