import { describe, expect, it } from 'vitest'
import {
  BatchgateError,
  cursorFromArray,
  ErrorCode,
  FetchOrientation,
  type CursorOptions,
  type OperationCursor,
  type RowSet,
} from '@batchgate/core'
import { cursorConformanceCases, type CursorFactory, type CursorGroup } from '@batchgate/testkit'

/** The array cursor over rows `0..count-1`: the simplest correct cursor, for the suite to pass on. */
const arrayKind = {
  make: (count: number, options?: CursorOptions): OperationCursor<number> =>
    cursorFromArray(
      Array.from({ length: count }, (_, row) => row),
      options,
    ),
}

/** A core cursor behind a wrapper that breaks one rule of the cursor contract. */
type Breakage = (inner: OperationCursor<number>) => OperationCursor<number>

const breakages: Record<string, Breakage> = {
  // Scrolls back from the end of the previous block instead of its start: the bug FETCH_PRIOR is about.
  'PRIOR from the block end': (inner) => {
    let end = 0
    return {
      fetch: async (orientation, maxRows, offset) => {
        const answer =
          orientation === FetchOrientation.FETCH_PRIOR
            ? await inner.fetch(FetchOrientation.FETCH_ABSOLUTE, maxRows, Math.max(0, end - maxRows))
            : await inner.fetch(orientation, maxRows, offset)
        end = answer.startRowOffset + answer.rows.length
        return answer
      },
      close: () => inner.close(),
    }
  },
  // Reports where the block ends as its start, as Kyuubi once did.
  'startRowOffset at the block end': (inner) => ({
    fetch: async (...args) => {
      const answer = await inner.fetch(...args)
      return { ...answer, startRowOffset: answer.startRowOffset + answer.rows.length }
    },
    close: () => inner.close(),
  }),
  // Serves a bad maxRows as 1 instead of refusing it.
  'lenient arguments': (inner) => ({
    fetch: (orientation, maxRows, offset) =>
      inner.fetch(orientation, Number.isSafeInteger(maxRows) && maxRows > 0 ? maxRows : 1, offset),
    close: () => inner.close(),
  }),
  // Moves on before it notices that a fetch is bad.
  'moves on a refused fetch': (inner) => ({
    fetch: (...args) =>
      inner.fetch(...args).catch(async (error: unknown) => {
        await inner.fetch(FetchOrientation.FETCH_NEXT, 1).catch(() => undefined)
        throw error
      }),
    close: () => inner.close(),
  }),
  // Declines an orientation with a generic refusal, without HY106.
  'declines without HY106': (inner) => ({
    fetch: (...args) =>
      inner.fetch(...args).catch((error: unknown) => {
        if (!BatchgateError.is(error, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)) throw error
        throw new BatchgateError(ErrorCode.INVALID_FETCH_REQUEST, error.message)
      }),
    close: () => inner.close(),
  }),
  // Runs fetches as they come, so a later, quicker one overtakes an earlier one.
  'unserialised fetches': (inner) => {
    let calls = 0
    return {
      fetch: async (...args) => {
        // Each call waits fewer ticks than the one before it, so the inner cursor sees them reversed.
        for (let tick = calls++; tick < 8; tick++) await Promise.resolve()
        return inner.fetch(...args)
      },
      close: () => inner.close(),
    }
  },
  // Forgets to close: fetches after close() are still served.
  'close ignored': (inner) => ({
    fetch: (...args): Promise<RowSet<number>> => inner.fetch(...args),
    close: () => Promise.resolve(),
  }),
}

const broken =
  (breakage: Breakage): CursorFactory =>
  (rowCount: number, options?: CursorOptions) =>
    breakage(arrayKind.make(rowCount, options))

/** The groups in which at least one case fails against `factory`. */
async function failingGroups(factory: CursorFactory): Promise<Set<CursorGroup>> {
  const failed = new Set<CursorGroup>()
  for (const testCase of cursorConformanceCases) {
    await testCase.run(factory).catch(() => failed.add(testCase.group as CursorGroup))
  }
  return failed
}

describe('the cursor suite catches a broken cursor', () => {
  // The groups a breakage fails, all of them: a broken rule shows wherever a case leans on it (a cursor
  // that moves on a refused fetch fails every group that checks "stays where it was").
  it.each<[string, CursorGroup[]]>([
    ['PRIOR from the block end', ['movement', 'validation', 'declined-orientations', 'concurrency']],
    [
      'startRowOffset at the block end',
      ['movement', 'validation', 'max-rows-limit', 'declined-orientations', 'concurrency', 'close'],
    ],
    ['lenient arguments', ['validation', 'concurrency']],
    ['moves on a refused fetch', ['validation', 'max-rows-limit', 'declined-orientations']],
    ['declines without HY106', ['declined-orientations']],
    ['unserialised fetches', ['concurrency', 'close']],
    ['close ignored', ['close']],
  ])('%s fails the groups %j', async (name, groups) => {
    const breakage = breakages[name]
    if (breakage === undefined) throw new Error(`no breakage ${name}`)
    expect([...(await failingGroups(broken(breakage)))].sort()).toEqual([...groups].sort())
  })

  it('every case passes on the unbroken cursor (so the failures above are the breakage)', async () => {
    expect([...(await failingGroups(arrayKind.make))]).toEqual([])
  })
})
