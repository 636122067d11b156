import { BatchgateError, ErrorCode } from '@batchgate/core'
import {
  DuplicateKeyError,
  findInCauseChain,
  isCoordinatedStore,
  isDuplicateKeyError,
  type CoordinatedMetadataStore,
  type BatchRecord,
  type BatchStateChange,
  type MetadataStore,
} from '@batchgate/core/store'
import { CompareFirstStateOnly } from './broken/compare-first-state-only.js'
import {
  ClaimCheckThenAct,
  IgnoresFencingToken,
  LeaseByCallerClock,
  QueueByCreateTime,
  QueueIgnoresGrace,
  RunningCountsPending,
  TransferCheckThenAct,
} from './broken/coordination-breakers.js'
import { ConstraintErrorsAsDuplicates } from './broken/constraint-errors-as-duplicates.js'
import { GiveUpWhenBusy } from './broken/give-up-when-busy.js'
import {
  PurgeAnyState,
  PurgeCountsCandidates,
  PurgeCutoffInclusive,
  PurgeIgnoresLimit,
  PurgeMissingEndAsOld,
} from './broken/purge-breakers.js'
import { CachedReadsPerInstance, RecordsByReference } from './broken/record-sharing-breakers.js'
import { DelegatingStore } from './delegating-store.js'

/**
 * Deliberately broken stores, each wrapping a real one and breaking one rule of the metastore contract
 * the way real adapters get it wrong. The testkit's own tests run the conformance suites and the race
 * simulator against them to prove that both catch each breakage; a store author can do the same.
 *
 * @example
 * ```ts
 * const broken = breakStore(sqliteStore({ filename }), 'swallow-duplicate-keys')
 * const report = await simulateRace({ fixture: { newStore: () => broken, rawBatches } })
 * report.ok // false: "exactly one created answer per id" is broken
 * ```
 */
export type ContractBreak =
  /** Treats a duplicate-key insert as a success (like `INSERT IGNORE` / `ON CONFLICT DO NOTHING`). */
  | 'swallow-duplicate-keys'
  /** Recognises duplicates by message text meant for another database ("Duplicate entry"), so misses them. */
  | 'classify-duplicates-by-message'
  /** Reads the state, then writes it: a check-then-act race instead of an atomic compare-and-set. */
  | 'no-compare-and-set'
  /** Takes any integrity-constraint error (CHECK, NOT NULL: SQLSTATE class 23) for a duplicate key. */
  | 'constraint-errors-as-duplicates'
  /** Reads a list of expected states as its first state only. */
  | 'compare-first-state-only'
  /** Hands out the objects it was given (a map-backed store): callers' changes become the store's. */
  | 'records-by-reference'
  /** Caches reads per instance: another instance's insert, state change or purge stays unseen. */
  | 'cached-reads-per-instance'
  /** Purges a batch that ended exactly at the cutoff (`<=` for `<`). */
  | 'purge-cutoff-inclusive'
  /** Purges by endTime alone: a PENDING or RUNNING batch with an old endTime goes too. */
  | 'purge-any-state'
  /** Takes a terminal batch without an endTime for an old one (`coalesce(end_time, 0)`). */
  | 'purge-missing-end-as-old'
  /** Deletes every expired batch at once, whatever the limit. */
  | 'purge-ignores-limit'
  /** Answers how many expired batches it selected, not how many it deleted (wrong under contention). */
  | 'purge-counts-candidates'
  /** Passes busy / lock errors to the caller instead of retrying them. */
  | 'give-up-when-busy'
  /** Retries busy / lock errors of inserts and state changes, but not of the purge. */
  | 'purge-gives-up-when-busy'
  // The coordination port's rules: these need a store that implements it (`isCoordinatedStore`).
  /** State changes and application reports ignore their `ownerToken`: no fencing. */
  | 'ignore-fencing-token'
  /** A claim reads, checks, then writes the owner unconditionally: not a compare-and-set. */
  | 'claim-check-then-act'
  /** A transfer reads, checks, then writes the owner unconditionally: not a compare-and-set. */
  | 'transfer-check-then-act'
  /** Lease times and expiry by the caller's clock (a host a minute behind), not the database's. */
  | 'lease-expiry-by-caller-clock'
  /** The queue lists owned PENDING batches at once, ignoring `unlaunchedGraceMs`. */
  | 'queue-ignores-grace'
  /** The queue is ordered by `createTime` within a priority, not by the database's queue time. */
  | 'queue-by-create-time'
  /** A lease's `running` counts its PENDING batches too. */
  | 'running-counts-pending'

/** `real` as a coordinated store, for a rule of the coordination port. */
function coordinated(real: MetadataStore, rule: ContractBreak): CoordinatedMetadataStore {
  if (isCoordinatedStore(real)) return real
  throw new Error(`${rule} breaks the coordination port, which this store does not implement`)
}

/**
 * Wraps `real` so that it breaks the named rule and keeps every other. A rule of the coordination port
 * needs a store that implements it (it throws otherwise) and keeps it coordinated; the other rules
 * hide the port (the wrapper is a plain `MetadataStore`).
 */
export function breakStore(real: MetadataStore, rule: ContractBreak): MetadataStore {
  switch (rule) {
    case 'swallow-duplicate-keys':
      return new (class extends DelegatingStore {
        override async insertBatch(record: BatchRecord): Promise<void> {
          await super.insertBatch(record).catch((error: unknown) => {
            if (!isDuplicateKeyError(error)) throw error
          })
        }
      })(real)
    case 'classify-duplicates-by-message':
      return new (class extends DelegatingStore {
        override async insertBatch(record: BatchRecord): Promise<void> {
          await super.insertBatch(record).catch((error: unknown) => {
            const driverError = findInCauseChain(error, (e) => !BatchgateError.is(e)) as Error | undefined
            if (driverError?.message.includes('Duplicate entry') === true) {
              throw new DuplicateKeyError('batch', record.id, driverError)
            }
            throw new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'insert failed', {
              cause: driverError ?? error,
            })
          })
        }
      })(real)
    case 'no-compare-and-set':
      return new (class extends DelegatingStore {
        override async updateBatchState(id: string, change: BatchStateChange): Promise<boolean> {
          const current = await super.getBatch(id)
          if (current === undefined) return false
          // The stored state, read a moment ago, stands in for the expected one: the check is lost.
          return super.updateBatchState(id, { ...change, from: current.state })
        }
      })(real)
    case 'constraint-errors-as-duplicates':
      return new ConstraintErrorsAsDuplicates(real)
    case 'compare-first-state-only':
      return new CompareFirstStateOnly(real)
    case 'records-by-reference':
      return new RecordsByReference(real)
    case 'cached-reads-per-instance':
      return new CachedReadsPerInstance(real)
    case 'purge-cutoff-inclusive':
      return new PurgeCutoffInclusive(real)
    case 'purge-any-state':
      return new PurgeAnyState(real)
    case 'purge-missing-end-as-old':
      return new PurgeMissingEndAsOld(real)
    case 'purge-ignores-limit':
      return new PurgeIgnoresLimit(real)
    case 'purge-counts-candidates':
      return new PurgeCountsCandidates(real)
    case 'give-up-when-busy':
      return new GiveUpWhenBusy(real, { onlyPurge: false })
    case 'purge-gives-up-when-busy':
      return new GiveUpWhenBusy(real, { onlyPurge: true })
    case 'ignore-fencing-token':
      return new IgnoresFencingToken(coordinated(real, rule))
    case 'claim-check-then-act':
      return new ClaimCheckThenAct(coordinated(real, rule))
    case 'transfer-check-then-act':
      return new TransferCheckThenAct(coordinated(real, rule))
    case 'lease-expiry-by-caller-clock':
      return new LeaseByCallerClock(coordinated(real, rule))
    case 'queue-ignores-grace':
      return new QueueIgnoresGrace(coordinated(real, rule))
    case 'queue-by-create-time':
      return new QueueByCreateTime(coordinated(real, rule))
    case 'running-counts-pending':
      return new RunningCountsPending(coordinated(real, rule))
  }
}
