import { BatchState, ErrorCode, type Batch, type BatchListFilter, type RequestContext } from '@batchgate/core'
import type { KyuubiRestEngine } from '../handler/kyuubi-rest-engine.js'
import { describeInput } from '../http/describe-input.js'
import type { QueryParams } from '../http/query-params.js'
import { RestError } from '../http/rest-error.js'
import { batchDto, type BatchDto } from './batch-dto.js'

/**
 * Kyuubi's `GetBatchesResponse`.
 *
 * @example
 * ```ts
 * const { from, total, batches } = (await response.json()) as BatchListDto
 * ```
 */
export interface BatchListDto {
  readonly from: number
  /** How many batches this answer holds, as Kyuubi counts it (`batches.size`), not how many match. */
  readonly total: number
  readonly batches: readonly BatchDto[]
}

const STATES: readonly string[] = Object.values(BatchState)

/**
 * `GET /batches` as Kyuubi pages it — `from` (offset) and `size` (default 100), oldest first unless
 * `desc=true`, filtered by `batchType`, `batchState`, `batchUser`, `batchName`, `createTime` (created at or
 * after) and `endTime` (ended at or before) — over the engine's keyset pages, which are newest first and
 * filter by owner, type, state and creation time. So the listing reads the engine's pages in order and
 * filters name and end time itself: newest first it reads until it has `from + size` matches; oldest
 * first it reads every match. It reads at most `maxListScan` batches; a listing that needs more is 400,
 * asking for narrower filters. A non-admin sees their own batches only (naming another `batchUser` is
 * 403), where Kyuubi shows everyone's.
 *
 * @example
 * ```ts
 * await listBatches(engine, new QueryParams('batchType=spark&from=0&size=2'), { user: 'alice' }, 10_000)
 * ```
 */
export async function listBatches(
  engine: KyuubiRestEngine,
  query: QueryParams,
  context: RequestContext,
  maxListScan: number,
): Promise<BatchListDto> {
  const createTime = query.integer('createTime', 0)
  const endTime = query.integer('endTime', 0)
  if (createTime < 0 || endTime < 0 || (endTime !== 0 && createTime > endTime)) {
    throw invalid(`Invalid time range: createTime ${createTime}, endTime ${endTime}`)
  }
  const from = query.integer('from', 0)
  const size = query.integer('size', 100)
  if (from < 0) throw invalid(`from must be 0 or more, got ${from}`)
  if (size < 0) throw invalid(`size must be 0 or more, got ${size}`)
  const desc = query.boolean('desc', false)
  const name = query.text('batchName')
  const filter: BatchListFilter = {
    owner: query.text('batchUser'),
    batchType: query.text('batchType')?.toUpperCase(),
    state: batchStateOf(query.text('batchState')),
    createdFrom: createTime > 0 ? createTime : undefined,
  }
  const matches = (batch: Batch): boolean =>
    (name === undefined || batch.name === name) &&
    (endTime === 0 || (batch.endTime !== undefined && batch.endTime > 0 && batch.endTime <= endTime))

  // Newest first, the matches up to the page's end are enough; oldest first needs all of them.
  const wanted = desc ? from + size : Number.POSITIVE_INFINITY
  const found: Batch[] = []
  let scanned = 0
  let next: string | undefined
  do {
    const page = await engine.batches.list({ ...filter, next }, context)
    for (const batch of page.batches) {
      if (++scanned > maxListScan) throw tooWide(maxListScan)
      if (matches(batch)) found.push(batch)
      if (found.length >= wanted) break
    }
    next = page.next
  } while (next !== undefined && found.length < wanted)

  const ordered = desc ? found : found.reverse()
  const batches = ordered.slice(from, from + size).map(batchDto)
  return { from, total: batches.length, batches }
}

function batchStateOf(text: string | undefined): BatchState | undefined {
  if (text === undefined) return undefined
  const state = text.toUpperCase()
  if (!STATES.includes(state)) {
    throw invalid(
      `The valid batch state can be one of the following: ${STATES.join(',')}; got ${describeInput(text)}`,
    )
  }
  return state as BatchState
}

function tooWide(max: number): RestError {
  return invalid(
    `this listing needs to read more than ${max} batches; narrow it with batchUser, batchType, batchState or createTime, or list newest first (desc=true) with a smaller from`,
  )
}

function invalid(message: string): RestError {
  return new RestError(400, ErrorCode.INVALID_REQUEST, message)
}
