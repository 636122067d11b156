import type { ConformanceCase } from '../conformance-case.js'
import type { CursorFactory } from './cursor-factory.js'
import { expectSteps } from './cursor-helpers.js'
import { cursorMovementVectors } from './movement-vectors.js'

/** One case per vector: its steps on a fresh cursor, each answer checked whole. */
export const movementCases: readonly ConformanceCase<CursorFactory>[] = cursorMovementVectors.map(
  ({ name, rowCount, steps }) => ({
    group: 'movement',
    name,
    run: async (make) => {
      await expectSteps(await make(rowCount), rowCount, steps)
    },
  }),
)
