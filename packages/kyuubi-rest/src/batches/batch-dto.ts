import type { Batch } from '@batchgate/core'

/**
 * A batch in Kyuubi's JSON (`org.apache.kyuubi.client.api.v1.dto.Batch`): absent strings are `null` and
 * absent times `0`, as Kyuubi sends them; `kyuubiInstance` is the instance in charge of it (see
 * {@link batchDto}).
 *
 * @example
 * ```ts
 * const batch = (await response.json()) as BatchDto
 * if (batch.batchInfo['kyuubi.batch.duplicated'] === 'true') console.log('already submitted')
 * ```
 */
export interface BatchDto {
  readonly id: string
  readonly user: string
  readonly batchType: string
  readonly name: string | null
  readonly appStartTime: number
  readonly appId: string | null
  readonly appUrl: string | null
  readonly appState: string | null
  readonly appDiagnostic: string | null
  readonly kyuubiInstance: string
  readonly state: string
  readonly createTime: number
  readonly endTime: number
  readonly batchInfo: Readonly<Record<string, string>>
}

/**
 * The Kyuubi JSON of a batch. `appDiagnostic` falls back to batchgate's own `diagnostic` (why the
 * launch failed or who cancelled it), where Kyuubi's clients look for the reason a batch ended.
 *
 * `kyuubiInstance` is the instance that runs the batch (or ran it, or is about to launch it): its
 * `ownerInstance`, which differs from `createdBy` once another instance claimed it from the launch queue
 * or adopted it from a lost instance. That is what Kyuubi's field holds in practice: its docs say "the
 * instance that created the batch", but its `POST /batches/reassign` rewrites it to the new instance,
 * and Kyuubi sends reads and log calls for a batch to that instance. While the batch waits in the queue
 * (owned by nobody) it is `createdBy`, the instance that took the submission.
 *
 * @example
 * ```ts
 * reply(200, batchDto(await engine.batches.submit(request, { user })))
 * ```
 */
export function batchDto(batch: Batch): BatchDto {
  return {
    id: batch.id,
    user: batch.user,
    batchType: batch.batchType,
    name: batch.name ?? null,
    appStartTime: batch.appStartTime ?? 0,
    appId: batch.appId ?? null,
    appUrl: batch.appUrl ?? null,
    appState: batch.appState ?? null,
    appDiagnostic: batch.appDiagnostic ?? batch.diagnostic ?? null,
    kyuubiInstance: batch.ownerInstance ?? batch.createdBy,
    state: batch.state,
    createTime: batch.createTime,
    endTime: batch.endTime ?? 0,
    batchInfo: batch.batchInfo,
  }
}
