/**
 * One engine instance as `engine.instances()` shows it to an admin: a lease row of the metastore
 * (an instance restarted under the same id shows its old lease too, until its batches are adopted).
 *
 * @example
 * ```ts
 * for (const i of await engine.instances({ user: 'admin' })) console.log(i.instanceId, i.live, i.running)
 * ```
 */
export interface InstanceInfo {
  readonly instanceId: string
  /** When the lease ends unless renewed: epoch milliseconds by the database's clock. */
  readonly leaseExpiresAt: number
  /** Whether the lease was still live when the database was asked. */
  readonly live: boolean
  /** How many RUNNING batches it owns. */
  readonly running: number
  /** Whether this is the engine that answered. */
  readonly self: boolean
}

/**
 * What `engine.batches.reassign` did: the unfinished batches it moved from a lost instance to the
 * answering one (RUNNING ones recovered here, PENDING ones put back in the launch queue). The field
 * names follow Kyuubi's `ReassignBatchResponse`.
 *
 * @example
 * ```ts
 * const { batchIds } = await engine.batches.reassign('gw-2', { user: 'admin' })
 * ```
 */
export interface ReassignResult {
  readonly batchIds: readonly string[]
  readonly originalInstance: string
  readonly instance: string
}
