import { validate as isUuid } from 'uuid'
import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue, previewValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { IdSource } from '../ports/id-source.js'
import { KYUUBI_BATCH_ID_KEY } from './batch-keys.js'

/**
 * The canonical (lower-case, hyphenated) form of a client's batch id, or `INVALID_BATCH_ID`.
 * Upper-case hex is accepted and folded, so `6C7E…` and `6c7e…` are the same batch; braces, URNs,
 * missing hyphens or surrounding spaces are rejected rather than guessed at.
 *
 * @example
 * ```ts
 * canonicalBatchId('6C7E3A4E-1F0B-4C52-9A57-2F1D3C4B5A69') // '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'
 * canonicalBatchId('abc') // throws BatchgateError INVALID_BATCH_ID: kyuubi.batch.id=abc must be a UUID
 * ```
 */
export function canonicalBatchId(value: unknown): string {
  if (typeof value === 'string') {
    // `uuid`'s validate accepts exactly the hyphenated 8-4-4-4-12 spelling with a known version and variant.
    const lower = value.toLowerCase()
    if (isUuid(lower)) return lower
  }
  throw new BatchgateError(
    ErrorCode.INVALID_BATCH_ID,
    `${KYUUBI_BATCH_ID_KEY}=${previewValue(value)} must be a UUID (e.g. 6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69)`,
  )
}

/**
 * The most characters of any batch id, generated or given: MySQL's id column is `varchar(36)` in ASCII,
 * exactly a hyphenated UUID, and every store must accept the same ids.
 */
export const MAX_BATCH_ID_LENGTH = 36

/** Printable ASCII, 1 to 36 characters: what every store's id column can hold and compare. */
const STORABLE_BATCH_ID = /^[\x20-\x7e]{1,36}$/

/**
 * Whether `value` could be a stored batch id: a canonical UUID, or what a custom `IdSource` may give
 * (printable ASCII, at most {@link MAX_BATCH_ID_LENGTH} characters). Used to refuse forged positions
 * before they reach a store, which would otherwise fail on them like an outage.
 *
 * @example
 * ```ts
 * isStorableBatchId('6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69') // true
 * isStorableBatchId('ü') // false
 * ```
 */
export function isStorableBatchId(value: unknown): value is string {
  return typeof value === 'string' && STORABLE_BATCH_ID.test(value)
}

/**
 * A new id from the engine's `IdSource`, checked and in canonical spelling: a custom source that gives
 * anything but a UUID is a misconfiguration, `INVALID_OPTIONS`, found at the first submission rather
 * than as a row that `get` and `cancel` could never name (they take UUIDs) or that one store keeps and
 * another refuses. Upper-case hex is folded, as for client ids.
 *
 * @example
 * ```ts
 * const id = generatedBatchId(randomIdSource) // '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed'
 * ```
 */
export function generatedBatchId(ids: IdSource): string {
  const id: unknown = ids.newId()
  // Stored in the canonical spelling that `get` and `cancel` look ids up by (they take UUIDs only).
  if (typeof id === 'string' && isUuid(id.toLowerCase())) return id.toLowerCase()
  throw new BatchgateError(
    ErrorCode.INVALID_OPTIONS,
    `the engine's idSource gave ${describeValue(id)}; ids must be UUIDs (e.g. 6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69)`,
  )
}
