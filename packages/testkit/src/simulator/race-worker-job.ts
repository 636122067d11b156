/** What the parent tells one child process of a child-process race (as JSON in argv[2]). */
export interface RaceWorkerJob {
  /** The module exporting `createStoreTarget` (a package name or a file URL). */
  readonly targetModule: string
  /** The spec passed to `createStoreTarget`. */
  readonly targetSpec: string
  readonly instanceIds: readonly string[]
  readonly ids: readonly string[]
  readonly submitsPerId: number
  readonly lookupBeforeInsert?: boolean | undefined
}

/** The line a worker prints once its engines are open; the parent answers `go` on stdin. */
export const WORKER_READY = 'ready'
export const WORKER_GO = 'go'
