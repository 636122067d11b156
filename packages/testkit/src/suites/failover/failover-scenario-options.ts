import type { LeaseConfig } from '@batchgate/core'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { BatchAudit } from '../../failover/batch-audit.js'

/** Options of `describeFailoverScenarios`. */
export interface FailoverScenarioOptions<F extends StoreFixture = StoreFixture> {
  /** When set, every scenario is skipped and this reason is printed (e.g. "no server at …"). */
  readonly skipReason?: string | undefined
  /**
   * Installs the test's audit triggers on the fixture's database (its batch table exists by then) and
   * returns their read-back: e.g. `(fixture) => installSqliteBatchAudit(fixture.filename)`.
   */
  readonly audit: (fixture: F) => Promise<BatchAudit> | BatchAudit
  /** Every engine's lease; default `{ durationMs: 2000, renewIntervalMs: 500 }`. */
  readonly lease?: LeaseConfig
  /**
   * Added to lease + one heartbeat for the adoption deadline after a SIGKILL (a loaded CI host starts
   * processes slowly); default 5000 ms.
   */
  readonly marginMs?: number
  /** How many submissions the burst makes; default 500. */
  readonly burst?: number
  /** Per-scenario timeout; default 120 000 ms. */
  readonly timeoutMs?: number
}

/** The options with their defaults. */
export interface ResolvedFailoverOptions<F extends StoreFixture = StoreFixture> extends Required<
  Omit<FailoverScenarioOptions<F>, 'skipReason'>
> {
  readonly skipReason: string | undefined
}

export function resolveFailoverOptions<F extends StoreFixture>(
  options: FailoverScenarioOptions<F>,
): ResolvedFailoverOptions<F> {
  return {
    skipReason: options.skipReason,
    audit: options.audit,
    lease: options.lease ?? { durationMs: 2000, renewIntervalMs: 500 },
    marginMs: options.marginMs ?? 5000,
    burst: options.burst ?? 500,
    timeoutMs: options.timeoutMs ?? 120_000,
  }
}

/** What the scenarios need of the options: the lease and the margin of their deadlines. */
export interface ScenarioTiming {
  readonly lease: LeaseConfig
  readonly marginMs: number
}
