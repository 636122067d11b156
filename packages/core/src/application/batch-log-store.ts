import type { ServiceIdentifier } from 'inversify'
import type { BatchLogPage } from './batch-log.js'

/**
 * Where this instance keeps the logs of the batches it runs (what launchers write through
 * `context.log`): files under a host-chosen directory, or memory (see `EngineOptions.batchLogs`). Each
 * log is bounded: at most the host's `maxLines` newest lines, after a marker line saying how many
 * older ones were dropped. Positions count every line the batch ever wrote, dropped ones included, so a
 * client that polls from where it stopped never reads a line twice.
 *
 * @example
 * ```ts
 * logs.append(batch.id, 'submitted application_1700000000000_0042')
 * await logs.finish(batch.id)
 * const page = await logs.read(batch.id, 0, 100)
 * ```
 */
export interface BatchLogStore {
  /** Whether every instance reads the same logs (a shared directory), so any instance may serve any log. */
  readonly shared: boolean
  /**
   * Adds lines to a batch's log (a text with line breaks is several lines; each is cut to the line
   * bound). Never throws and never waits: a write that fails is reported to the engine's
   * `onBackgroundError` once per launch of the batch (until {@link finish}), and that launch's later
   * lines are dropped.
   */
  append(id: string, text: string): void
  /** Resolves once every line appended so far is kept, and releases what the batch's writing held. */
  finish(id: string): Promise<void>
  /** `size` lines from position `from`, after the lines appended so far are kept; an empty page when there is no log. */
  read(id: string, from: number, size: number): Promise<BatchLogPage>
  /** The ids of the batches with a log kept here (for the retention sweep). */
  ids(): Promise<string[]>
  /** Deletes a batch's log; nothing when there is none. */
  remove(id: string): Promise<void>
  /** Waits for every pending write (the engine's close). */
  close(): Promise<void>
}

/** The DI token of the {@link BatchLogStore}; `coreModule` binds the one `batchLogs` describes. */
export const BATCH_LOG_STORE: ServiceIdentifier<BatchLogStore> = Symbol.for('@batchgate/core/BatchLogStore')
