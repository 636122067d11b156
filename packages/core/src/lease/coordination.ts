import { inject, injectable } from 'inversify'
import { invalidOption } from '../engine/option-checks.js'
import type { LeaseConfig } from '../engine/engine-options.js'
import { isCoordinatedStore, type CoordinatedMetadataStore } from '../metastore/coordination-store.js'
import { INSTRUMENTED_METADATA_STORE } from '../metastore/instrument-store.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import { COORDINATION_SETTINGS, type CoordinationSettings } from './coordination-settings.js'

/**
 * What high availability this engine runs with, judged once from its store and options: with a store
 * that coordinates (every store of this repository), batches have owners (fencing, the launch queue,
 * `maxRunningBatches`) and, unless `lease: false`, a lease and adoption; with another store the engine
 * runs as before leases existed. Asking a store without coordination for a lease or a limit is
 * `INVALID_OPTIONS` (it cannot be obeyed).
 *
 * @example
 * ```ts
 * if (coordination.store !== undefined) await coordination.store.claimBatch(id, claim)
 * ```
 */
@injectable()
export class Coordination {
  /** The store, when it coordinates; `undefined`: no owners, no queue, no leases. */
  readonly store: CoordinatedMetadataStore | undefined
  /** The lease settings, when leases are on (which needs {@link store}). */
  readonly lease: LeaseConfig | undefined

  constructor(
    @inject(INSTRUMENTED_METADATA_STORE) store: MetadataStore,
    @inject(COORDINATION_SETTINGS) settings: CoordinationSettings,
  ) {
    if (isCoordinatedStore(store)) {
      this.store = store
      this.lease = settings.lease === false ? undefined : settings.lease.config
      return
    }
    if (settings.lease !== false && settings.lease.explicit) {
      throw invalidOption(
        'lease needs a metastore with coordination (leases, claims, transfers); this one has none',
      )
    }
    if (settings.maxRunningBatches !== undefined) {
      throw invalidOption(
        'maxRunningBatches needs a metastore with coordination (a launch queue); this one has none',
      )
    }
    this.store = undefined
    this.lease = undefined
  }
}
