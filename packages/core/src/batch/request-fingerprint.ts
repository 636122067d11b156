import { hash } from 'node:crypto'
import type { BatchRecord } from '../metastore/batch-record.js'
import { KYUUBI_BATCH_ID_KEY } from './batch-keys.js'

/** The parts of a request that make it "the same request", as they are stored. */
export type FingerprintedFields = Pick<
  BatchRecord,
  'batchType' | 'resource' | 'className' | 'name' | 'conf' | 'args'
>

/**
 * A digest that is equal for two requests exactly when they ask for the same batch: conf key order
 * does not matter, the id key is left out (it is what the two requests share), everything else counts.
 * It is stored with every batch: a short, stable identity of the request for hosts, tools and SQL
 * (`group by fingerprint`). The engine itself compares a duplicate with {@link isSameRequest}, which
 * decides the same without hashing.
 *
 * @example
 * ```ts
 * requestFingerprint({ batchType: 'SPARK', resource: 'a.jar', className: null, name: null, conf: {}, args: [] })
 * // 'sha256:…'
 * ```
 */
export function requestFingerprint(fields: FingerprintedFields): string {
  const conf = Object.entries(fields.conf)
    .filter(([key]) => key !== KYUUBI_BATCH_ID_KEY)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  // JSON of an array: unambiguous, so no two different requests serialise alike.
  const canonical = JSON.stringify([
    fields.batchType,
    fields.resource,
    fields.className,
    fields.name,
    conf,
    fields.args,
  ])
  // One-shot hash: half the cost of a Hash object, and the same digest.
  return `sha256:${hash('sha256', canonical, 'hex')}`
}
