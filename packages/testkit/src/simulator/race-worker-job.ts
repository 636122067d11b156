import type { LookupBeforeInsert } from '@batchgate/core'

/**
 * What the parent tells one child process of a child-process race, as JSON in the environment
 * variable {@link RACE_JOB_ENV}: not in argv, where anyone on the machine could read the store's
 * password with `ps`.
 */
export interface RaceWorkerJob {
  /** The module exporting `createStoreTarget` (a package name or a file URL). */
  readonly targetModule: string
  /** The spec passed to `createStoreTarget`. */
  readonly targetSpec: string
  readonly instanceIds: readonly string[]
  readonly ids: readonly string[]
  readonly submitsPerId: number
  readonly lookupBeforeInsert?: LookupBeforeInsert | undefined
}

/** The line a worker prints once its engines are open; the parent answers `go` on stdin. */
export const WORKER_READY = 'ready'
export const WORKER_GO = 'go'

/** The environment variable carrying a worker's job (JSON). */
export const RACE_JOB_ENV = 'BATCHGATE_RACE_JOB'
