/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import type { Batch } from './batch.js'

/** What a launcher is given besides the batch. */
export interface LaunchContext {
  /** Aborted when the batch is cancelled; a launcher should stop its job and reject. */
  readonly signal: AbortSignal
}

/**
 * Starts the real work of a batch (spark-submit, a Kubernetes job, …). It is called exactly once per
 * created batch, on the instance whose insert won, after the row is committed. While the returned
 * promise is pending the batch is RUNNING; when it resolves the batch is FINISHED; when it rejects the
 * batch is ERROR with the error's message as its diagnostic.
 *
 * @example
 * ```ts
 * const sparkLauncher: BatchLauncher = {
 *   async launch(batch, { signal }) {
 *     await runSparkSubmit(batch.resource, batch.args, { signal })
 *   },
 * }
 * await createEngine({ store, launchers: { SPARK: sparkLauncher } })
 * ```
 */
export interface BatchLauncher {
  launch(batch: Batch, context: LaunchContext): Promise<void>
  /**
   * Optional: re-attaches to a batch that was RUNNING when this instance (same `instanceId`) stopped,
   * e.g. by polling the job it started. It settles like `launch`. Without it such a batch ends ERROR
   * with a diagnostic saying the instance restarted.
   */
  recover?(batch: Batch, context: LaunchContext): Promise<void>
}
