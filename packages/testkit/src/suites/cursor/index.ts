import type { ConformanceCase, SuiteOptions } from '../conformance-case.js'
import { describeCases } from '../describe-cases.js'
import { closeCases } from './close-cases.js'
import { concurrencyCases } from './concurrency-cases.js'
import type { CursorFactory, CursorGroup } from './cursor-factory.js'
import { trackingFactory, type TrackingFactory } from './cursor-helpers.js'
import { movementCases } from './movement-cases.js'
import { declinedOrientationCases, maxRowsLimitCases } from './option-cases.js'
import { validationCases } from './validation-cases.js'

export type { CursorFactory, CursorGroup } from './cursor-factory.js'
export {
  cursorMovementVectors,
  type CursorMovementStep,
  type CursorMovementVector,
} from './movement-vectors.js'

/**
 * Every case of the cursor suite (the Cursors contract of API.md), as data: run them yourself to check
 * that a deliberately broken cursor fails them. A case leaves closing the cursors it made to its caller
 * ({@link describeCursorConformance} closes them after each case).
 *
 * @example
 * ```ts
 * const failed = []
 * for (const c of cursorConformanceCases) await c.run(brokenFactory).catch(() => failed.push(c.name))
 * ```
 */
export const cursorConformanceCases: readonly ConformanceCase<CursorFactory>[] = [
  ...movementCases,
  ...validationCases,
  ...maxRowsLimitCases,
  ...declinedOrientationCases,
  ...concurrencyCases,
  ...closeCases,
]

/**
 * Registers the cursor suite with vitest for one {@link OperationCursor} implementation: Spark's,
 * Kyuubi's and our movement vectors, refused arguments leaving the cursor where it was, `maxRowsLimit`,
 * declined orientations (`HY106`), serialised fetches and close. Every cursor a case makes is closed
 * after it, whatever the outcome.
 *
 * @example
 * ```ts
 * describeCursorConformance('my database cursor', async (rowCount, options) => {
 *   await seedRows(rowCount) // rows 0..rowCount-1
 *   return myCursor('select n from numbers order by n', options)
 * }, { skipGroups: ['max-rows-limit'] }) // this cursor has no configurable limit
 * ```
 */
export function describeCursorConformance(
  name: string,
  factory: CursorFactory,
  options: SuiteOptions<CursorGroup> = {},
): void {
  describeCases<TrackingFactory>(
    `${name}: cursor conformance`,
    cursorConformanceCases,
    { open: () => Promise.resolve(trackingFactory(factory)), close: (tracking) => tracking.closeAll() },
    options,
  )
}
