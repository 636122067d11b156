import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { BatchQuery } from '../metastore/batch-query.js'
import type { Batch } from './batch.js'
import { BatchState } from './batch-state.js'
import type { BatchServiceSettings } from './batch-service-settings.js'
import { decodePageToken } from './page-token.js'
import { isPlainObject, readUntrusted, snapshotArray } from './untrusted-input.js'
import { identifier, validateUserName } from './validate-request.js'

/**
 * What `engine.batches.list` filters on. Every field is optional (`undefined` counts as omitted, so a
 * page's `next` can be passed on as it is); the result is newest first.
 *
 * @example
 * ```ts
 * await engine.batches.list({ state: ['PENDING', 'RUNNING'], pageSize: 20 }, { user: 'alice' })
 * ```
 */
export interface BatchListFilter {
  /** Only batches of this owner (a non-admin may only name themselves). */
  readonly owner?: string | undefined
  readonly batchType?: string | undefined
  readonly state?: BatchState | readonly BatchState[] | undefined
  /** Created at or after this time (epoch ms). */
  readonly createdFrom?: number | undefined
  /** Created before this time (epoch ms). */
  readonly createdBefore?: number | undefined
  /** Batches per page (default 50, at most the engine's `pageSize.max`). */
  readonly pageSize?: number | undefined
  /** The `next` token of the previous page. */
  readonly next?: string | undefined
}

/** One page of batches and the token of the next page, `undefined` on the last page. */
export interface BatchPage {
  readonly batches: readonly Batch[]
  readonly next: string | undefined
}

const STATES: ReadonlySet<string> = new Set(Object.values(BatchState))
/** More states than exist, so a list naming each state once, or a few twice, is never refused. */
const MAX_STATES = 4 * STATES.size

/**
 * Checks a (possibly untyped) filter and turns it into a metastore query for `user`: non-admins see
 * their own batches only. The query asks for one row more than the page, to know whether a next
 * page exists.
 *
 * `undefined` means "no filter" (the argument is optional); anything else that is not a plain object
 * (`null`, a string, an array) is `INVALID_REQUEST`. Every field is read once and bounded like the
 * field it filters (`owner` like a user, `batchType` within `maxRequestBytes`, `next` a token that list
 * made), so every store gets only values it can compare and answers the same way.
 *
 * @example
 * ```ts
 * const { query, pageSize } = listQuery({ state: 'RUNNING', pageSize: 20 }, 'alice', config)
 * ```
 */
export function listQuery(
  filter: unknown,
  user: string,
  config: Pick<BatchServiceSettings, 'admins' | 'pageSize' | 'limits'>,
): { query: BatchQuery; pageSize: number } {
  const given = readFilter(filter)
  const admin = config.admins.has(user)
  const owner = given.owner === undefined ? undefined : validateUserName(given.owner, 'owner', config.limits)
  if (!admin && owner !== undefined && owner !== user) {
    throw new BatchgateError(ErrorCode.PERMISSION_DENIED, `user ${user} may not list the batches of ${owner}`)
  }
  // Only an absent page size takes the default: null is refused below like every other mistyped value.
  const pageSize = given.pageSize === undefined ? config.pageSize.default : given.pageSize
  if (
    typeof pageSize !== 'number' ||
    !Number.isSafeInteger(pageSize) ||
    pageSize < 1 ||
    pageSize > config.pageSize.max
  ) {
    throw invalid(
      `pageSize must be an integer from 1 to ${config.pageSize.max}, got ${describeValue(pageSize)}`,
    )
  }
  const states = optionalStates(given.state)
  const batchType = optionalBatchType(given.batchType, config)
  const createdFrom = optionalTime(given.createdFrom, 'createdFrom')
  const createdBefore = optionalTime(given.createdBefore, 'createdBefore')
  const after = given.next === undefined ? undefined : decodePageToken(given.next)
  const query: BatchQuery = {
    limit: pageSize + 1,
    ...(admin ? (owner === undefined ? {} : { owner }) : { owner: user }),
    ...(batchType === undefined ? {} : { batchType }),
    ...(states === undefined ? {} : { states }),
    ...(createdFrom === undefined ? {} : { createdFrom }),
    ...(createdBefore === undefined ? {} : { createdBefore }),
    ...(after === undefined ? {} : { after }),
  }
  return { query, pageSize }
}

/** The filter's fields, each read exactly once, untyped until checked. */
type FilterFields = { readonly [Field in keyof BatchListFilter]-?: unknown }

function readFilter(filter: unknown): FilterFields {
  if (filter === undefined) return {} as FilterFields
  return readUntrusted('the list filter', () => {
    if (!isPlainObject(filter)) {
      throw invalid(`the list filter must be an object (or undefined for none), got ${describeValue(filter)}`)
    }
    const { owner, batchType, state, createdFrom, createdBefore, pageSize, next } = filter
    return { owner, batchType, state, createdFrom, createdBefore, pageSize, next }
  })
}

function optionalStates(value: unknown): BatchState[] | undefined {
  if (value === undefined) return undefined
  const list = readUntrusted('state', () =>
    Array.isArray(value) ? snapshotArray(value, 'state', MAX_STATES) : [value],
  )
  if (list.length === 0 || list.some((state) => typeof state !== 'string' || !STATES.has(state))) {
    throw invalid(`state must be one or more of ${[...STATES].join(', ')}`)
  }
  return [...new Set(list as BatchState[])]
}

/** A batch type as a submission may have it: no longer than a whole request may be. */
function optionalBatchType(value: unknown, config: Pick<BatchServiceSettings, 'limits'>): string | undefined {
  if (value === undefined) return undefined
  // Checked for length before anything walks it (a 20 MB filter would otherwise reach the store).
  const max = config.limits.maxRequestBytes
  if (typeof value === 'string' && value.length > max && Buffer.byteLength(value, 'utf8') > max) {
    throw invalid(`batchType is longer than any stored one (the limit is ${max} bytes)`)
  }
  return identifier(value, 'batchType')
}

function optionalTime(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw invalid(`${field} must be epoch milliseconds, got ${describeValue(value)}`)
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
