import type { FetchFunction, FetchOrientation, ResumableReadEvent, RowSet } from '@batchgate/core'

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
