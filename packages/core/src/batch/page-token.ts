import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import { isStorableBatchId } from './batch-id.js'

/** Where the next page starts: strictly after this batch in newest-first order. */
export interface PagePosition {
  readonly createTime: number
  readonly id: string
}

/**
 * The longest token {@link encodePageToken} makes (a 16-digit time and a 36-character id, JSON,
 * base64url) is about 90 characters; anything much longer is not one of ours and is not decoded.
 */
const MAX_TOKEN_LENGTH = 128
const BASE64URL = /^[A-Za-z0-9_-]+$/

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

/**
 * The position in a token from {@link encodePageToken}; anything else is `INVALID_REQUEST`. A token is
 * client input: its id must be one a store can hold (printable ASCII, at most 36 characters) and its
 * time a non-negative safe integer, and it must be spelled exactly as `encodePageToken` spells it, so
 * no forged value reaches a store (MariaDB fails a non-ASCII id like an outage).
 */
export function decodePageToken(token: unknown): PagePosition {
  if (typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH && BASE64URL.test(token)) {
    const position = positionIn(Buffer.from(token, 'base64url').toString('utf8'))
    // Node's base64url decoder skips what it does not understand: only the exact spelling is ours.
    if (position !== undefined && encodePageToken(position) === token) return position
  }
  throw new BatchgateError(ErrorCode.INVALID_REQUEST, 'next is not a page token returned by list')
}

function positionIn(json: string): PagePosition | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return undefined
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined
  const [createTime, id] = parsed as [unknown, unknown]
  if (typeof createTime !== 'number' || !Number.isSafeInteger(createTime) || createTime < 0) return undefined
  return isStorableBatchId(id) ? { createTime, id } : undefined
}
