import { inject, injectable } from 'inversify'
import { invalidOption } from '../engine/option-checks.js'
import { Coordination } from './coordination.js'
import type { InstanceInfo } from './instance-info.js'
import { LeaseKeeper } from './lease-keeper.js'

/**
 * The engine instances as the metastore's lease rows show them (one row per engine start, until its
 * batches are adopted and the row dropped), for `engine.instances()`.
 *
 * @example
 * ```ts
 * const instances = await listing.instances()
 * ```
 */
@injectable()
export class InstanceListing {
  constructor(
    @inject(Coordination) private readonly coordination: Coordination,
    @inject(LeaseKeeper) private readonly lease: LeaseKeeper,
  ) {}

  /** Every lease row; `INVALID_OPTIONS` when leases are off (there are none to show). */
  async instances(): Promise<InstanceInfo[]> {
    const store = this.coordination.store
    if (store === undefined || !this.lease.leasing) {
      throw invalidOption('instances are known by their leases, and this engine runs without leases')
    }
    const own = this.lease.owner.token
    const { leases } = await store.listLeases()
    return leases.map((lease) => ({
      instanceId: lease.instanceId,
      leaseExpiresAt: lease.expiresAt,
      live: !lease.expired,
      running: lease.running,
      self: lease.token === own,
    }))
  }
}
