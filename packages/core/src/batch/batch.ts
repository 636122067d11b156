import type { BatchState } from './batch-state.js'

/**
 * What a client submits. Only `batchType` and `resource` are required; a client that wants an
 * idempotent submission puts a UUID under `conf['kyuubi.batch.id']`.
 *
 * @example
 * ```ts
 * const request: BatchRequest = {
 *   batchType: 'SPARK',
 *   resource: 'hdfs:///jobs/app.jar',
 *   className: 'org.example.Main',
 *   conf: { [KYUUBI_BATCH_ID_KEY]: '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69' },
 *   args: ['--day', '2026-11-20'],
 * }
 * ```
 */
export interface BatchRequest {
  readonly batchType: string
  readonly resource: string
  readonly className?: string | undefined
  readonly name?: string | undefined
  readonly conf?: Readonly<Record<string, string>> | undefined
  readonly args?: readonly string[] | undefined
}

/** Who is asking: the authenticated user the host application vouches for. */
export interface RequestContext {
  readonly user: string
}

/**
 * A batch as stored in the metastore. A duplicate submission returns this stored batch (never the
 * caller's input) with `batchInfo['kyuubi.batch.duplicated'] = 'true'`.
 *
 * @example
 * ```ts
 * const batch = await engine.batches.submit(request, { user: 'alice' })
 * console.log(batch.id, batch.state, new Date(batch.createTime).toISOString())
 * ```
 */
export interface Batch {
  /** The client's id in canonical lower-case form, or a generated UUID. */
  readonly id: string
  /** The user who created the batch. */
  readonly user: string
  readonly batchType: string
  readonly resource: string
  readonly className: string | undefined
  readonly name: string | undefined
  readonly conf: Readonly<Record<string, string>>
  readonly args: readonly string[]
  readonly state: BatchState
  /** Epoch milliseconds, as stored. */
  readonly createTime: number
  /** Epoch milliseconds at which the launcher was called, once RUNNING. */
  readonly startTime: number | undefined
  /** Epoch milliseconds at which the batch reached a terminal state. */
  readonly endTime: number | undefined
  /** Why the batch ended ERROR (the launcher's error message), when it did. */
  readonly diagnostic: string | undefined
  /** The engine instance whose insert created the batch. */
  readonly createdBy: string
  /**
   * The engine instance that runs the batch (or ran it, or is about to launch it); `undefined` while it
   * waits in the launch queue. It differs from `createdBy` when another instance claimed it from the
   * queue or adopted it from a lost instance.
   */
  readonly ownerInstance: string | undefined
  /** The application the launcher started, as it reported it (see `LaunchContext.reportApplication`). */
  readonly appId: string | undefined
  readonly appUrl: string | undefined
  readonly appState: string | undefined
  readonly appDiagnostic: string | undefined
  /** Epoch milliseconds, as the launcher reported it. */
  readonly appStartTime: number | undefined
  /** Information about this answer, e.g. `{ 'kyuubi.batch.duplicated': 'true' }`. */
  readonly batchInfo: Readonly<Record<string, string>>
}
