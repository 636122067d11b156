import type { InstanceInfo } from '@batchgate/core'

/**
 * One engine instance in `GET /admin/instances`, with Kyuubi's naming (`kyuubiInstance` for an
 * instance's id, as in the `Batch` and in `ReassignBatchRequest`; `…Time` for epoch milliseconds). Kyuubi
 * has no such endpoint (its `GET /admin/server` lists ZooKeeper registrations): this one reads the
 * lease rows of the metastore.
 *
 * @example
 * ```ts
 * const lost = ((await response.json()) as InstanceDto[]).filter((i) => !i.live && i.runningBatches > 0)
 * ```
 */
export interface InstanceDto {
  /** The instance id (`--instance-id`, `instanceId`), what `POST /batches/reassign` names. */
  readonly kyuubiInstance: string
  /** When its lease ends unless renewed: epoch milliseconds by the metastore database's clock. */
  readonly leaseExpireTime: number
  /** Whether the lease was live when the database was asked; an expired one's batches are adopted. */
  readonly live: boolean
  /** How many RUNNING batches it owns under this lease. */
  readonly runningBatches: number
  /** Whether this is the instance that answered the request. */
  readonly self: boolean
}

/**
 * The JSON of one lease row of `engine.instances()`.
 *
 * @example
 * ```ts
 * ok((await engine.instances(context)).map(instanceDto))
 * ```
 */
export function instanceDto(info: InstanceInfo): InstanceDto {
  return {
    kyuubiInstance: info.instanceId,
    leaseExpireTime: info.leaseExpiresAt,
    live: info.live,
    runningBatches: info.running,
    self: info.self,
  }
}
