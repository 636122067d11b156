import type { ServiceIdentifier } from 'inversify'
import { v4 as uuidv4 } from 'uuid'

/**
 * Where core gets ids for batches submitted without `kyuubi.batch.id`.
 *
 * @example
 * ```ts
 * const sequential: IdSource = { newId: () => `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}` }
 * ```
 */
export interface IdSource {
  /**
   * A new canonical lower-case UUID. Any other id must be 1 to 36 printable ASCII characters (what every
   * store's id column holds); the engine refuses others with `INVALID_OPTIONS` at submission.
   */
  newId(): string
}

/** The DI token of the {@link IdSource} for batches submitted without an id. */
export const ID_SOURCE: ServiceIdentifier<IdSource> = Symbol.for('@batchgate/core/IdSource')

/** Random (version 4) UUIDs. */
export const randomIdSource: IdSource = { newId: () => uuidv4() }
