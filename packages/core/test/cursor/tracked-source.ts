import type { RowSourceFactory } from '@batchgate/core'

/** What a tracked source saw: passes opened, passes closed early (`return()`), rows produced. */
export interface SourceLog {
  opened: number
  returned: number
  produced: number
}

export interface TrackedSourceOptions {
  readonly async?: boolean
  /** Throw when about to yield this row... */
  readonly failAt?: number
  /** ...in this many passes (default every pass). */
  readonly failingPasses?: number
  /** Called as each row is produced, e.g. to watch the cursor's buffer while it reads. */
  readonly onRow?: () => void
}

/** A factory of rows `0..count-1` that records how the cursor used it. */
export function trackedSource(
  count: number,
  options: TrackedSourceOptions = {},
): { factory: RowSourceFactory<number>; log: SourceLog } {
  const log: SourceLog = { opened: 0, returned: 0, produced: 0 }
  const failingPasses = options.failingPasses ?? Infinity
  function* rows(pass: number): Generator<number> {
    let finished = false
    try {
      for (let row = 0; row < count; row++) {
        if (row === options.failAt && pass <= failingPasses) throw new Error(`disk read error at row ${row}`)
        log.produced++
        options.onRow?.()
        yield row
      }
      finished = true
    } finally {
      if (!finished) log.returned++
    }
  }
  async function* asyncRows(pass: number): AsyncGenerator<number> {
    for (const row of rows(pass)) {
      await Promise.resolve()
      yield row
    }
  }
  const factory = (): Iterable<number> | AsyncIterable<number> => {
    const pass = ++log.opened
    return options.async === true ? asyncRows(pass) : rows(pass)
  }
  return { factory, log }
}
