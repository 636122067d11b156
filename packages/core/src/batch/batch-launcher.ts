/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import type { ServiceIdentifier } from 'inversify'
import type { ApplicationInfo } from '../application/application-info.js'
import type { Batch } from './batch.js'
import type { ValidatedBatchRequest } from './validated-batch-request.js'

/**
 * What a launcher is given besides the batch.
 *
 * @example
 * ```ts
 * async launch(batch, { signal, reportApplication, log }) {
 *   log(`submitting ${batch.resource}`)
 *   const appId = await submitToYarn(batch, { signal })
 *   await reportApplication({ appId, appState: 'ACCEPTED', appStartTime: Date.now() })
 * }
 * ```
 */
export interface LaunchContext {
  /** Aborted when the batch is cancelled; a launcher should stop its job and reject. */
  readonly signal: AbortSignal
  /**
   * Stores what the launcher knows of the application it started (Kyuubi's `appId`, `appUrl`,
   * `appState`, `appDiagnostic`, `appStartTime`), returned from then on by `get`, `list` and duplicate
   * answers. Each report sets the fields it gives and keeps the others. It is a compare-and-set on the
   * batch being RUNNING: it resolves `false`, storing nothing, once the batch has ended (cancelled, say),
   * so a late report never changes a finished batch. The info is checked first (see
   * `APPLICATION_INFO_LIMITS`): an invalid one rejects with `INVALID_REQUEST` naming the field; a
   * metastore that cannot be reached rejects with `METASTORE_UNAVAILABLE`. The batch's outcome stays the
   * launcher's to decide: a rejected report fails the batch only if the launcher lets it.
   */
  readonly reportApplication: (info: ApplicationInfo) => Promise<boolean>
  /**
   * Adds a line (a text with line breaks: several) to the batch's log, read with
   * `engine.batches.log`. Never throws and never waits; kept as the engine's `batchLogs` says (bounded,
   * oldest lines dropped). Lines written after the launcher settled are ignored.
   */
  readonly log: (line: string) => void
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
  /**
   * Optional: refuses requests this launcher must not run, by throwing or rejecting (with a message for
   * the submitter). `submit` calls it after core's own checks and before anything is stored or looked up,
   * so a refused request stores nothing and launches nothing; it rejects with `INVALID_REQUEST` carrying
   * the launcher's message and its error as `cause` (a `BatchgateError` `INVALID_REQUEST` is passed on as
   * it is). It runs before the duplicate lookup too: resubmitting an id that is already stored is refused
   * if the launcher refuses the request now, whichever lookup path the engine takes.
   *
   * @example
   * ```ts
   * validate(request) {
   *   if (request.resource.startsWith('-')) throw new Error('resource must not start with "-"')
   * }
   * ```
   */
  validate?(request: ValidatedBatchRequest): void | Promise<void>
}

/**
 * The launchers by `batchType`, as core looks them up; `configured` is false when the host gave none
 * (then batches are stored and stay PENDING for the host to run).
 *
 * @example
 * ```ts
 * const registry: LauncherRegistry = { configured: true, get: (type) => (type === 'SPARK' ? spark : undefined) }
 * ```
 */
export interface LauncherRegistry {
  readonly configured: boolean
  get(batchType: string): BatchLauncher | undefined
}

/** The DI token of the {@link LauncherRegistry}. */
export const BATCH_LAUNCHERS: ServiceIdentifier<LauncherRegistry> = Symbol.for(
  '@batchgate/core/BatchLaunchers',
)
