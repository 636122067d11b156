import {
  cursorFromArray,
  cursorFromIterable,
  type CursorOptions,
  type OperationCursor,
} from '@batchgate/core'

/** `[from, to)` as an array of numbers: row `i` of every test result is the number `i`. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index)
}

function* syncRows(count: number): Generator<number> {
  for (let row = 0; row < count; row++) yield row
}

async function* asyncRows(count: number): AsyncGenerator<number> {
  for (let row = 0; row < count; row++) {
    // A real await per row lets concurrent fetches interleave if the cursor failed to serialise them.
    await Promise.resolve()
    yield row
  }
}

/** A way to build a cursor over rows `0..count-1`; every vector runs against each. */
export interface CursorKind {
  readonly name: string
  readonly make: (count: number, options?: CursorOptions) => OperationCursor<number>
}

export const cursorKinds: readonly CursorKind[] = [
  { name: 'array', make: (count, options) => cursorFromArray(range(0, count), options) },
  {
    name: 'sync iterable, scrollback in memory',
    make: (count, options) => cursorFromIterable(() => syncRows(count), { ...options, scrollbackRows: 100 }),
  },
  {
    name: 'async iterable, scrollback in memory',
    make: (count, options) => cursorFromIterable(() => asyncRows(count), { ...options, scrollbackRows: 100 }),
  },
  {
    name: 'sync iterable, no scrollback (re-opens)',
    make: (count, options) => cursorFromIterable(() => syncRows(count), { ...options, scrollbackRows: 0 }),
  },
  {
    name: 'async iterable, no scrollback (re-opens)',
    make: (count, options) => cursorFromIterable(() => asyncRows(count), { ...options, scrollbackRows: 0 }),
  },
]

export { syncRows, asyncRows }
