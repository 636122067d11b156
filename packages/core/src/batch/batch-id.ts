import { validate as isUuid } from 'uuid'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
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
    `${KYUUBI_BATCH_ID_KEY}=${describeValue(value)} must be a UUID (e.g. 6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69)`,
  )
}

/** Shows what the client sent without flooding a log with a huge value. */
function describeValue(value: unknown): string {
  // JSON.stringify gives undefined for undefined and functions, whatever its declared type says.
  const json = JSON.stringify(value) as string | undefined
  const text = typeof value === 'string' ? value : (json ?? String(value))
  return text.length > 80 ? `${text.slice(0, 80)}…` : text
}
