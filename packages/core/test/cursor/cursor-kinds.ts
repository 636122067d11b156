import {
  cursorFromArray,
  cursorFromIterable,
  type CursorOptions,
  type IterableCursorOptions,
  type OperationCursor,
} from '@batchgate/core'

import { range } from './range.js'

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

/** Streaming cursors over rows `0..count-1`, one per kind of source. */
export const streamingKinds = [
  { name: 'sync iterable', rows: syncRows },
  { name: 'async iterable', rows: asyncRows },
].map(({ name, rows }) => ({
  name,
  make: (count: number, options: IterableCursorOptions) => cursorFromIterable(() => rows(count), options),
}))

/** A way to build a cursor over rows `0..count-1`: the cursor suite runs against each. */
export interface CursorKind {
  readonly name: string
  readonly make: (count: number, options?: CursorOptions) => OperationCursor<number>
}

/** core's cursors: the array cursor, and streaming ones that scroll back in memory or by re-opening. */
export const cursorKinds: readonly CursorKind[] = [
  { name: 'array', make: (count, options) => cursorFromArray(range(0, count), options) },
  ...streamingKinds.flatMap(({ name, make }) => [
    {
      name: `${name}, scrollback in memory`,
      make: (count: number, options?: CursorOptions) => make(count, { ...options, scrollbackRows: 100 }),
    },
    {
      name: `${name}, no scrollback (re-opens)`,
      make: (count: number, options?: CursorOptions) => make(count, { ...options, scrollbackRows: 0 }),
    },
  ]),
]
