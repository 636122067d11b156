import {
  cursorFromIterable,
  type FetchFunction,
  type FetchOrientation,
  type OperationCursor,
  type ResumableReadEvent,
  type RowSet,
} from '@batchgate/core'
import { asyncRows, syncRows } from './cursor-kinds.js'

/** Every row a read yields, and the error that ended it, if any. */
export async function drain<T>(rows: AsyncIterable<T>): Promise<{ rows: T[]; error: unknown }> {
  const read: T[] = []
  try {
    for await (const row of rows) read.push(row)
    return { rows: read, error: undefined }
  } catch (error) {
    return { rows: read, error }
  }
}

/** A cursor's fetch as a transport would call it. */
export function fetchOf<T>(cursor: OperationCursor<T>): FetchFunction<T> {
  return (orientation, maxRows, offset) => cursor.fetch(orientation, maxRows, offset)
}

/** A server whose answers are rewritten, to play servers that report offsets wrongly. */
export function rewriteAnswers<T>(
  fetch: FetchFunction<T>,
  rewrite: (answer: RowSet<T>, orientation: FetchOrientation) => RowSet<T>,
): FetchFunction<T> {
  return async (orientation, maxRows, offset) =>
    rewrite(await fetch(orientation, maxRows, offset), orientation)
}

/** Events in a compact form that reads well in assertions. */
export function describeEvent(event: ResumableReadEvent): string {
  switch (event.type) {
    case 'request':
      return `${event.orientation}(${event.maxRows})`
    case 'answer':
      return `@${event.startRowOffset}+${event.rowCount} skip ${event.skippedRows}`
    case 'transport-error':
      return `lost #${event.failures}`
  }
}

/** Server-side cursors the reader is run against: a streaming one per source kind. */
export const streamingServers = [
  { name: 'sync', rows: syncRows },
  { name: 'async', rows: asyncRows },
].map(({ name, rows }) => ({
  name,
  make: (count: number, scrollbackRows: number, reopenable = true) =>
    cursorFromIterable(() => rows(count), { scrollbackRows, reopenable }),
}))
