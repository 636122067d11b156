import { describe, expect, it } from 'vitest'
import { waitUntil } from '@batchgate/testkit'
import { FetchOrientation, type StatementExecutor } from '@batchgate/core'
import {
  COLUMNS,
  rowsExecutor,
  tableRows,
  trackedCursor,
  waitingExecutor,
  type TrackedCursor,
} from '../session/executors.js'
import { alice, bob, statementEngine } from '../session/statement-engine.js'

describe('engine.close() and sessions', () => {
  it('aborts running executors, closes the cursors of finished operations, and answers pending synchronous calls', async () => {
    const waiting = waitingExecutor()
    const rows = rowsExecutor(tableRows(5))
    let useWaiting = true
    const executor: StatementExecutor = {
      execute: (statement, context) => (useWaiting ? waiting : rows).execute(statement, context),
    }
    const engine = await statementEngine({ statementExecutor: executor })
    const aliceSession = await engine.sessions.open({}, alice)
    const bobSession = await engine.sessions.open({}, bob)
    const sync = engine.sessions.executeStatement(aliceSession.handle, { statement: 'SELECT slow()' }, alice)
    await engine.sessions.executeStatement(
      bobSession.handle,
      { statement: 'SELECT slow()', runAsync: true },
      bob,
    )
    await waitUntil(() => waiting.signals.length === 2)
    useWaiting = false
    const finished = await engine.sessions.executeStatement(
      aliceSession.handle,
      { statement: 'SELECT 1' },
      alice,
    )
    await engine.operations.fetch(finished, FetchOrientation.FETCH_NEXT, 2, undefined, alice)

    const closing = engine.close()
    // A call made after close() began is refused at once, like a batch call.
    await expect(engine.sessions.open({}, alice)).rejects.toMatchObject({ code: 'CLOSED' })
    await expect(engine.batches.get(crypto.randomUUID(), alice)).rejects.toMatchObject({ code: 'CLOSED' })
    await closing
    expect(waiting.signals.map((signal) => signal.aborted)).toEqual([true, true])
    expect(rows.cursors.map((cursor) => cursor.closes)).toEqual([1])
    await expect(sync).resolves.toMatch(/^[0-9a-f-]{36}$/)
    // Every later call is CLOSED, not an unfiltered answer.
    await expect(engine.sessions.open({}, alice)).rejects.toMatchObject({ code: 'CLOSED' })
    expect(() => engine.sessions.get(aliceSession.handle, alice)).toThrow(
      expect.objectContaining({ code: 'CLOSED' }),
    )
    expect(() => engine.sessions.list(alice)).toThrow(expect.objectContaining({ code: 'CLOSED' }))
    expect(() => engine.operations.status(finished, alice)).toThrow(
      expect.objectContaining({ code: 'CLOSED' }),
    )
    await expect(
      engine.operations.fetch(finished, FetchOrientation.FETCH_NEXT, 1, undefined, alice),
    ).rejects.toMatchObject({ code: 'CLOSED' })
  })

  it('lets a fetch under way finish before it closes that cursor', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const inner = trackedCursor(tableRows(3))
    const slow: TrackedCursor = {
      get closes() {
        return inner.closes
      },
      fetch: async (orientation, maxRows, offset) => {
        await gate
        return inner.fetch(orientation, maxRows, offset)
      },
      close: () => inner.close(),
    }
    const engine = await statementEngine({
      statementExecutor: { execute: () => Promise.resolve({ columns: COLUMNS, cursor: slow }) },
    })
    const session = await engine.sessions.open({}, alice)
    const op = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    const fetching = engine.operations.fetch(op, FetchOrientation.FETCH_NEXT, 3, undefined, alice)
    const closing = engine.close()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(inner.closes).toBe(0)
    release()
    await expect(fetching).resolves.toMatchObject({ rows: tableRows(3) })
    await closing
    expect(inner.closes).toBe(1)
  })
})
