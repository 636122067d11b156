import { KYUUBI_BATCH_ID_KEY, type BatchRequest } from '@batchgate/core'
import { WORK_MS_CONF } from './work-launcher.js'

/** Kyuubi's conf key of a batch's launch-queue priority. */
export const BATCH_PRIORITY_CONF = 'kyuubi.batch.priority'

/** What {@link workRequest} makes a submission of. */
export interface WorkRequestOptions {
  /** The work launcher's `batchType`; default `WORK`. */
  readonly batchType?: string
  /** How long its work runs (default: the launcher's). */
  readonly workMs?: number
  /** `kyuubi.batch.priority` (default: none, the engine's 10). */
  readonly priority?: number
  /** A client batch id (`kyuubi.batch.id`). */
  readonly id?: string
  readonly name?: string
}

/**
 * A submission for the work launcher.
 *
 * @example
 * ```ts
 * await worker.submit(workRequest({ workMs: 3000, priority: 20 }))
 * ```
 */
export function workRequest(options: WorkRequestOptions = {}): BatchRequest {
  const conf: Record<string, string> = {}
  if (options.workMs !== undefined) conf[WORK_MS_CONF] = String(options.workMs)
  if (options.priority !== undefined) conf[BATCH_PRIORITY_CONF] = String(options.priority)
  if (options.id !== undefined) conf[KYUUBI_BATCH_ID_KEY] = options.id
  return {
    batchType: options.batchType ?? 'WORK',
    resource: 'failover-work.js',
    ...(options.name === undefined ? {} : { name: options.name }),
    conf,
  }
}
