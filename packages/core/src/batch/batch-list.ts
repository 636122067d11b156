import type { EngineConfig } from '../engine/engine-config.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { BatchQuery } from '../metastore/batch-query.js'
import type { Batch } from './batch.js'
import { BatchState } from './batch-state.js'
import { decodePageToken } from './page-token.js'

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

/**
 * Checks a (possibly untyped) filter and turns it into a metastore query for `user`: non-admins see
 * their own batches only. The query asks for one row more than the page, to know whether a next
 * page exists.
 */
export function listQuery(
  filter: BatchListFilter,
  user: string,
  config: EngineConfig,
): { query: BatchQuery; pageSize: number } {
  const admin = config.admins.has(user)
  const owner = optionalString(filter.owner, 'owner')
  if (!admin && owner !== undefined && owner !== user) {
    throw new BatchgateError(ErrorCode.PERMISSION_DENIED, `user ${user} may not list the batches of ${owner}`)
  }
  const pageSize = filter.pageSize ?? config.pageSize.default
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > config.pageSize.max) {
    throw invalid(`pageSize must be an integer from 1 to ${config.pageSize.max}, got ${String(pageSize)}`)
  }
  const states = optionalStates(filter.state)
  const batchType = optionalString(filter.batchType, 'batchType')
  const createdFrom = optionalTime(filter.createdFrom, 'createdFrom')
  const createdBefore = optionalTime(filter.createdBefore, 'createdBefore')
  const next = optionalString(filter.next, 'next')
  const query: BatchQuery = {
    limit: pageSize + 1,
    ...(admin ? (owner === undefined ? {} : { owner }) : { owner: user }),
    ...(batchType === undefined ? {} : { batchType }),
    ...(states === undefined ? {} : { states }),
    ...(createdFrom === undefined ? {} : { createdFrom }),
    ...(createdBefore === undefined ? {} : { createdBefore }),
    ...(next === undefined ? {} : { after: decodePageToken(next) }),
  }
  return { query, pageSize }
}

function optionalStates(value: unknown): BatchState[] | undefined {
  if (value === undefined) return undefined
  const list: unknown[] = Array.isArray(value) ? value : [value]
  if (list.length === 0 || list.some((state) => typeof state !== 'string' || !STATES.has(state))) {
    throw invalid(`state must be one or more of ${[...STATES].join(', ')}`)
  }
  return list as BatchState[]
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || value === '')
    throw invalid(`${field} must be a non-empty string when given`)
  return value
}

function optionalTime(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw invalid(`${field} must be epoch milliseconds`)
  return value
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
