import { FetchOrientation } from './fetch-orientation.js'
import type { FetchRequest } from './validate-fetch.js'

/** Where the previous block lies: `[start, end)`. Both are 0 before the first fetch. */
export interface BlockBounds {
  readonly start: number
  readonly end: number
}

/** The bounds of a cursor that has not fetched yet. */
export const BEFORE_FIRST_BLOCK: BlockBounds = { start: 0, end: 0 }

/** Whether the orientation's start depends on the result's length (a streaming cursor must read to the end). */
export function needsRowCount(orientation: FetchOrientation): boolean {
  return orientation === FetchOrientation.FETCH_LAST
}

/**
 * The movement table of {@link OperationCursor.fetch}, shared by every cursor so they cannot drift apart.
 * `rowCount` is the result's length, or `Infinity` while a streaming source has not been read to its end:
 * the caller then clamps the answer once the end is found. Only `FETCH_LAST` needs a finite count.
 * A negative `FETCH_ABSOLUTE` offset clamps to row 0, like a `FETCH_RELATIVE` move before the first row.
 */
export function blockStart(request: FetchRequest, previous: BlockBounds, rowCount: number): number {
  switch (request.orientation) {
    case FetchOrientation.FETCH_NEXT:
      return previous.end
    case FetchOrientation.FETCH_PRIOR:
      return Math.max(0, previous.start - request.maxRows)
    case FetchOrientation.FETCH_FIRST:
      return 0
    case FetchOrientation.FETCH_ABSOLUTE:
      return clamp(request.offset, rowCount)
    case FetchOrientation.FETCH_RELATIVE:
      return clamp(previous.start + request.offset, rowCount)
    case FetchOrientation.FETCH_LAST:
      if (!Number.isFinite(rowCount))
        throw new RangeError('FETCH_LAST needs the row count; read to the end first')
      return Math.max(0, rowCount - request.maxRows)
  }
}

function clamp(position: number, rowCount: number): number {
  return Math.min(Math.max(position, 0), rowCount)
}
