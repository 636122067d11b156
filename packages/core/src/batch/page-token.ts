import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'

/** Where the next page starts: strictly after this batch in newest-first order. */
export interface PagePosition {
  readonly createTime: number
  readonly id: string
}

/**
 * The opaque `next` token of a page. It holds a keyset position, not an offset, so pages stay stable
 * while new batches are submitted.
 *
 * @example
 * ```ts
 * const token = encodePageToken({ createTime: last.createTime, id: last.id })
 * decodePageToken(token) // { createTime, id }
 * ```
 */
export function encodePageToken(position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.createTime, position.id])).toString('base64url')
}

/** The position in a token from {@link encodePageToken}; anything else is `INVALID_REQUEST`. */
export function decodePageToken(token: string): PagePosition {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    Number.isSafeInteger(parsed[0]) &&
    typeof parsed[1] === 'string'
  ) {
    return { createTime: parsed[0] as number, id: parsed[1] }
  }
  throw new BatchgateError(ErrorCode.INVALID_REQUEST, 'next is not a page token returned by list')
}
