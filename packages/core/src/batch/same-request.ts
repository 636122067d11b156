import { KYUUBI_BATCH_ID_KEY } from './batch-keys.js'
import type { FingerprintedFields } from './request-fingerprint.js'

/**
 * Whether two requests ask for the same batch: exactly when their {@link requestFingerprint}s are
 * equal (conf key order and the id key do not count, everything else does), decided field by field.
 * A duplicate submission has the stored request at hand, and comparing it costs a fraction of hashing
 * the new one; the fingerprint is only computed for a batch that is stored.
 *
 * The stored side is the row as read back, so this relies on stores keeping every string exactly:
 * validation refuses what no driver can store as given (a lone UTF-16 surrogate), and the conformance
 * suite checks that unusual text round-trips to the letter.
 *
 * @example
 * ```ts
 * isSameRequest(storedRecord, submission) // false when, say, args differ
 * ```
 */
export function isSameRequest(stored: FingerprintedFields, given: FingerprintedFields): boolean {
  return (
    stored.batchType === given.batchType &&
    stored.resource === given.resource &&
    stored.className === given.className &&
    stored.name === given.name &&
    sameList(stored.args, given.args) &&
    sameConf(stored.conf, given.conf)
  )
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}

function sameConf(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  let entries = 0
  for (const key of Object.keys(a)) {
    if (key === KYUUBI_BATCH_ID_KEY) continue
    if (!Object.hasOwn(b, key) || a[key] !== b[key]) return false
    entries++
  }
  return entries === Object.keys(b).filter((key) => key !== KYUUBI_BATCH_ID_KEY).length
}
