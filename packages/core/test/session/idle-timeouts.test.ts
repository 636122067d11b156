import { describe, expect, it } from 'vitest'
import { waitUntil } from '@batchgate/testkit'
import { FetchOrientation, OperationState } from '@batchgate/core'
import { COLUMNS, rowsExecutor, tableRows, trackedCursor, waitingExecutor } from './executors.js'
import { alice, manualClock, statementEngine } from './statement-engine.js'

const HOUR = 60 * 60 * 1000

describe('idle timeouts (defaults: sessions 6 h, operations 3 h)', () => {
  it('closes a session without a call for 6 hours; a call resets its idle time', async () => {
    const clock = manualClock()
    const engine = await statementEngine({ clock })
    const idle = await engine.sessions.open({}, alice)
    const used = await engine.sessions.open({}, alice)
    clock.advance(5 * HOUR)
    engine.sessions.get(used.handle, alice)
    clock.advance(HOUR - 1)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 0 })
    clock.advance(1)
    expect(await engine.closeIdle()).toEqual({ sessions: 1, operations: 0 })
    expect(() => engine.sessions.get(idle.handle, alice)).toThrow(
      expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
    )
    expect(engine.sessions.get(used.handle, alice).lastAccessTime).toBe(clock.now())
  })

  it("counts its operations' calls as the session's, and closes its operations with it", async () => {
    const clock = manualClock()
    const executor = rowsExecutor()
    const engine = await statementEngine({ clock, statementExecutor: executor })
    const session = await engine.sessions.open({}, alice)
    const op = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    clock.advance(2 * HOUR)
    await engine.operations.fetch(op, FetchOrientation.FETCH_NEXT, 1, undefined, alice)
    clock.advance(6 * HOUR - 1)
    // The operation idled out (3 h since the fetch) but the session did not (its last call was that fetch).
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 1 })
    expect(executor.cursors[0]?.closes).toBe(1)
    expect(engine.sessions.get(session.handle, alice).operationCount).toBe(0)
    clock.advance(6 * HOUR)
    expect(await engine.closeIdle()).toEqual({ sessions: 1, operations: 0 })
  })

  it("an operation idling out is not a call on its session: the session's idle time goes on", async () => {
    const clock = manualClock()
    const engine = await statementEngine({ clock, statementExecutor: rowsExecutor() })
    const session = await engine.sessions.open({}, alice)
    await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    clock.advance(3 * HOUR)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 1 })
    clock.advance(3 * HOUR)
    expect(await engine.closeIdle()).toEqual({ sessions: 1, operations: 0 })
  })

  it('an idled-out operation is CLOSED, then forgotten: OPERATION_NOT_FOUND', async () => {
    const clock = manualClock()
    const executor = rowsExecutor()
    const engine = await statementEngine({ clock, statementExecutor: executor })
    const session = await engine.sessions.open({}, alice)
    const op = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    clock.advance(3 * HOUR - 1)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 0 })
    clock.advance(1)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 1 })
    expect(() => engine.operations.status(op, alice)).toThrow(
      expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
    )
    expect(executor.cursors[0]?.closes).toBe(1)
  })

  it('never idles out a RUNNING operation nor its session', async () => {
    const clock = manualClock()
    const executor = waitingExecutor()
    const engine = await statementEngine({ clock, statementExecutor: executor })
    const session = await engine.sessions.open({}, alice)
    const op = await engine.sessions.executeStatement(
      session.handle,
      { statement: 'SELECT 1', runAsync: true },
      alice,
    )
    clock.advance(24 * HOUR)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 0 })
    expect(executor.signals[0]?.aborted).toBe(false)
    await engine.operations.cancel(op, alice)
    // Its end is its last activity: 3 hours from the cancel, not from its start.
    clock.advance(3 * HOUR)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 1 })
  })

  it('never idles out an operation (or its session) with a fetch in progress', async () => {
    const clock = manualClock()
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const inner = trackedCursor(tableRows(3))
    const engine = await statementEngine({
      clock,
      statementExecutor: {
        execute: () =>
          Promise.resolve({
            columns: COLUMNS,
            cursor: {
              fetch: async (orientation, maxRows, offset) => {
                await gate
                return inner.fetch(orientation, maxRows, offset)
              },
              close: () => inner.close(),
            },
          }),
      },
    })
    const session = await engine.sessions.open({}, alice)
    const op = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    const fetching = engine.operations.fetch(op, FetchOrientation.FETCH_NEXT, 3, undefined, alice)
    clock.advance(24 * HOUR)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 0 })
    release()
    await expect(fetching).resolves.toMatchObject({ rows: tableRows(3) })
    expect(engine.operations.status(op, alice).state).toBe(OperationState.FINISHED)
    clock.advance(3 * HOUR)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 1 })
    expect(inner.closes).toBe(1)
  })

  it("the engine's own unref'd timers close idle sessions and operations", async () => {
    const executor = rowsExecutor()
    const engine = await statementEngine({
      statementExecutor: executor,
      sessions: { idleTimeoutMs: 300 },
      operations: { idleTimeoutMs: 100 },
    })
    const session = await engine.sessions.open({}, alice)
    const op = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    await waitUntil(() => executor.cursors[0]?.closes === 1, 5_000, 'the idle operation closed')
    expect(() => engine.operations.status(op, alice)).toThrow(
      expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
    )
    await waitUntil(() => engine.sessions.list(alice).length === 0, 5_000, 'the idle session closed')
  })
})
