import {
  BatchState,
  isTerminalState,
  isUnreadableBatch,
  type BatchRecord,
  type PurgeQuery,
} from '@batchgate/core/store'
import { DelegatingStore } from '../delegating-store.js'

/** Enough to see every batch of a conformance test. */
const ALL = 10_000

/** The readable batches of `states`, through the real store. */
async function batchesIn(store: DelegatingStore, states: readonly BatchState[]): Promise<BatchRecord[]> {
  const listed = await store.listBatches({ states, limit: ALL })
  return listed.filter((batch): batch is BatchRecord => !isUnreadableBatch(batch))
}

const LIVE_STATES = Object.values(BatchState).filter((state) => !isTerminalState(state))
const TERMINAL_STATES = Object.values(BatchState).filter(isTerminalState)

/** `end_time <= ?` where the contract says `<`: a batch that ended exactly at the cutoff goes too. */
export class PurgeCutoffInclusive extends DelegatingStore {
  override purgeBatches(query: PurgeQuery): Promise<number> {
    // Times are integer milliseconds, so "before cutoff + 1" is "at or before the cutoff".
    return super.purgeBatches({ ...query, endedBefore: query.endedBefore + 1 })
  }
}

/**
 * Filters by `end_time` alone, forgetting the state: a PENDING or RUNNING batch with an old endTime
 * goes too. Emulated by first making such batches terminal, then purging for real.
 */
export class PurgeAnyState extends DelegatingStore {
  override async purgeBatches(query: PurgeQuery): Promise<number> {
    for (const batch of await batchesIn(this, LIVE_STATES)) {
      if (batch.endTime !== null && batch.endTime < query.endedBefore) {
        await super.updateBatchState(batch.id, { from: batch.state, to: 'CANCELED' })
      }
    }
    return super.purgeBatches(query)
  }
}

/**
 * Takes a missing endTime for the oldest possible one (`coalesce(end_time, 0) < ?`): a terminal batch
 * without an end goes at once. Emulated by giving such batches endTime 0, then purging for real.
 */
export class PurgeMissingEndAsOld extends DelegatingStore {
  override async purgeBatches(query: PurgeQuery): Promise<number> {
    for (const batch of await batchesIn(this, TERMINAL_STATES)) {
      if (batch.endTime === null) {
        await super.updateBatchState(batch.id, { from: batch.state, to: batch.state, endTime: 0 })
      }
    }
    return super.purgeBatches(query)
  }
}

/** Deletes every expired batch at once (a `DELETE` without its `LIMIT`), and says how many. */
export class PurgeIgnoresLimit extends DelegatingStore {
  override async purgeBatches(query: PurgeQuery): Promise<number> {
    let deleted = 0
    for (;;) {
      const batch = await super.purgeBatches(query)
      if (batch === 0) return deleted
      deleted += batch
    }
  }
}

/**
 * Selects the expired ids, deletes them, and answers how many it selected rather than how many the
 * delete removed: right alone, wrong when another instance purged the same rows in between.
 */
export class PurgeCountsCandidates extends DelegatingStore {
  override async purgeBatches(query: PurgeQuery): Promise<number> {
    const candidates = (await batchesIn(this, TERMINAL_STATES)).filter(
      (batch) => batch.endTime !== null && batch.endTime < query.endedBefore,
    )
    await super.purgeBatches(query)
    return Math.min(candidates.length, query.limit)
  }
}
