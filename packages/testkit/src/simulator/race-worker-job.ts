import type { LookupBeforeInsert } from '@batchgate/core'
import type { StoreFixtureOptions, StoreFixtureSpec } from '../fixture/store-fixture.js'

/**
 * What the parent tells one child process of a child-process race, as JSON in the environment
 * variable {@link RACE_JOB_ENV}: not in argv, where anyone on the machine could read the store's
 * password with `ps`.
 */
export interface RaceWorkerJob {
  /** The module exporting `createStoreFixture`, and the spec it opens. */
  readonly fixture: StoreFixtureSpec
  /** The options passed to `createStoreFixture`. */
  readonly fixtureOptions?: StoreFixtureOptions | undefined
  readonly instanceIds: readonly string[]
  readonly ids: readonly string[]
  readonly submitsPerId: number
  readonly lookupBeforeInsert?: LookupBeforeInsert | undefined
}

/** The line a worker prints once its engines are open; the parent answers `go` on stdin. */
export const WORKER_READY = 'ready'
export const WORKER_GO = 'go'

/**
 * The start of a worker's progress line, `batchgate-race-progress <answers so far>`, printed at most
 * every {@link WORKER_PROGRESS_INTERVAL_MS} while it races. Distinctive, so that lines a target prints
 * are not taken for it; never a JSON array, so the outcome stays the last JSON-array line.
 */
export const WORKER_PROGRESS = 'batchgate-race-progress'
export const WORKER_PROGRESS_INTERVAL_MS = 100

/** The environment variable carrying a worker's job (JSON). */
export const RACE_JOB_ENV = 'BATCHGATE_RACE_JOB'
