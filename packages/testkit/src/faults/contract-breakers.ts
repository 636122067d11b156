import { BatchgateError, ErrorCode } from '@batchgate/core'
import {
  DuplicateKeyError,
  findInCauseChain,
  isDuplicateKeyError,
  type BatchRecord,
  type BatchStateChange,
  type MetadataStore,
} from '@batchgate/core/store'
import { DelegatingStore } from './delegating-store.js'

/**
 * Deliberately broken stores, each wrapping a real one and breaking one rule of the metastore contract
 * the way real adapters get it wrong. The testkit's own tests run the conformance suites and the race
 * simulator against them to prove that both catch each breakage; a store author can do the same.
 *
 * @example
 * ```ts
 * const broken = breakStore(sqliteStore({ filename }), 'swallow-duplicate-keys')
 * const report = await simulateRace({ target: { newStore: () => broken, rawBatches } })
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

/** Wraps `real` so that it breaks the named rule and keeps every other. */
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
  }
}
