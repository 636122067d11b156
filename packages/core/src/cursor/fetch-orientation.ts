/**
 * Where a fetch moves an {@link OperationCursor} before it reads a block: the six orientations of Hive's
 * `TFetchOrientation`. See the movement table in {@link OperationCursor.fetch}.
 *
 * @example
 * ```ts
 * const first = await cursor.fetch(FetchOrientation.FETCH_NEXT, 100)
 * const again = await cursor.fetch(FetchOrientation.FETCH_PRIOR, 100)
 * ```
 */
export const FetchOrientation = {
  /** The block after the previous one. */
  FETCH_NEXT: 'FETCH_NEXT',
  /** Scroll back `maxRows` rows from the previous block's start (not before row 0). */
  FETCH_PRIOR: 'FETCH_PRIOR',
  /** The block starting `offset` rows after the previous block's start (negative moves back). */
  FETCH_RELATIVE: 'FETCH_RELATIVE',
  /** The block starting at row `offset` (0-based). */
  FETCH_ABSOLUTE: 'FETCH_ABSOLUTE',
  /** The block starting at row 0. */
  FETCH_FIRST: 'FETCH_FIRST',
  /** The last `maxRows` rows of the result. */
  FETCH_LAST: 'FETCH_LAST',
} as const

/** One of the {@link FetchOrientation} values. */
export type FetchOrientation = (typeof FetchOrientation)[keyof typeof FetchOrientation]

/**
 * Every orientation, in the order of Hive's `TFetchOrientation` enum, so a host speaking Thrift can map the
 * wire value with an index.
 *
 * @example
 * ```ts
 * const orientation = FETCH_ORIENTATIONS[request.orientation] // undefined for an unknown wire value
 * ```
 */
export const FETCH_ORIENTATIONS: readonly FetchOrientation[] = [
  FetchOrientation.FETCH_NEXT,
  FetchOrientation.FETCH_PRIOR,
  FetchOrientation.FETCH_RELATIVE,
  FetchOrientation.FETCH_ABSOLUTE,
  FetchOrientation.FETCH_FIRST,
  FetchOrientation.FETCH_LAST,
]

/**
 * Whether `value` is one of the six {@link FetchOrientation}s.
 *
 * @example
 * ```ts
 * if (!isFetchOrientation(body.orientation)) return reply(400, 'unknown orientation')
 * ```
 */
export function isFetchOrientation(value: unknown): value is FetchOrientation {
  return (FETCH_ORIENTATIONS as readonly unknown[]).includes(value)
}

/**
 * Whether the orientation reads its third `fetch` argument (the offset).
 *
 * @example
 * ```ts
 * takesOffset(FetchOrientation.FETCH_ABSOLUTE) // true
 * ```
 */
export function takesOffset(orientation: FetchOrientation): boolean {
  return orientation === FetchOrientation.FETCH_ABSOLUTE || orientation === FetchOrientation.FETCH_RELATIVE
}
