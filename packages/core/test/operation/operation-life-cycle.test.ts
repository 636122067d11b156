import { describe, expect, it } from 'vitest'
import { waitUntil } from '@batchgate/testkit'
import { FetchOrientation, OperationState, type Engine, type StatementRequest } from '@batchgate/core'
import {
  COLUMNS,
  manualExecutor,
  missingTableExecutor,
  rowsExecutor,
  tableRows,
  throwingExecutor,
  trackedCursor,
  waitingExecutor,
} from '../session/executors.js'
import { alice, manualClock, statementEngine } from '../session/statement-engine.js'

async function sessionOf(engine: Engine): Promise<string> {
  return (await engine.sessions.open({}, alice)).handle
}

/** Fetch and resultMetadata of an operation in `state` are INVALID_OPERATION_STATE naming it. */
async function expectNoResult(engine: Engine, op: string, state: string): Promise<void> {
  await expect(
    engine.operations.fetch(op, FetchOrientation.FETCH_NEXT, 5, undefined, alice),
  ).rejects.toMatchObject({
    code: 'INVALID_OPERATION_STATE',
    message: expect.stringContaining(`is ${state}`),
  })
  expect(() => engine.operations.resultMetadata(op, alice)).toThrow(
    expect.objectContaining({
      code: 'INVALID_OPERATION_STATE',
      message: expect.stringContaining(`is ${state}`),
    }),
  )
}

/** Runs a statement in a new session of alice's; resolves with the operation handle. */
async function runIn(engine: Engine, request: StatementRequest): Promise<string> {
  return engine.sessions.executeStatement(await sessionOf(engine), request, alice)
}

describe('a statement operation', () => {
  it('runAsync answers at once while the executor runs; fetch and metadata wait for FINISHED', async () => {
    const executor = manualExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const op = await runIn(engine, { statement: 'SELECT 1', runAsync: true })
    const running = engine.operations.status(op, alice)
    expect(running).toMatchObject({
      state: OperationState.RUNNING,
      hasResultSet: false,
      completeTime: undefined,
    })
    expect(running.startTime).toBeGreaterThanOrEqual(running.createTime)
    await expectNoResult(engine, op, 'RUNNING')
    expect(() => engine.operations.resultMetadata(op, alice)).toThrow(
      expect.objectContaining({
        code: 'INVALID_OPERATION_STATE',
        message: expect.stringContaining('RUNNING'),
      }),
    )
    executor.pending[0]?.resolve({ columns: COLUMNS, cursor: trackedCursor(tableRows(3)) })
    await waitUntil(() => engine.operations.status(op, alice).state === OperationState.FINISHED)
    expect(engine.operations.resultMetadata(op, alice)).toEqual(COLUMNS)
    expect(
      (await engine.operations.fetch(op, FetchOrientation.FETCH_NEXT, 5, undefined, alice)).rows,
    ).toEqual(tableRows(3))
    expect(engine.operations.status(op, alice).completeTime).toBeGreaterThanOrEqual(running.startTime ?? 0)
  })

  it('a synchronous statement resolves once it ended, whatever the end', async () => {
    const engine = await statementEngine({ statementExecutor: missingTableExecutor })
    const op = await runIn(engine, { statement: 'SELECT * FROM gone' })
    expect(engine.operations.status(op, alice)).toMatchObject({
      state: OperationState.ERROR,
      errorMessage: 'table not found in: SELECT * FROM gone',
      sqlState: '42S02',
      hasResultSet: false,
    })
    // Hive's ERROR operations cannot be fetched.
    await expectNoResult(engine, op, 'ERROR')
  })

  it('an executor throwing something that is not an Error fails the operation with a safe description', async () => {
    const engine = await statementEngine({ statementExecutor: throwingExecutor })
    const op = await runIn(engine, { statement: 'SELECT 1' })
    expect(engine.operations.status(op, alice)).toMatchObject({
      state: OperationState.ERROR,
      errorMessage: 'an object {"reason":"disk on fire"}',
      sqlState: undefined,
    })
  })

  it('an executor rejecting with an empty message still fails the operation with words', async () => {
    const engine = await statementEngine({
      statementExecutor: { execute: () => Promise.reject(new Error('')) },
    })
    const op = await runIn(engine, { statement: 'SELECT 1' })
    expect(engine.operations.status(op, alice)).toMatchObject({
      state: OperationState.ERROR,
      errorMessage: 'the statement executor failed without a message',
    })
  })

  it('an executor resolving with something unusable fails the operation, and what cursor it gave is closed', async () => {
    const cursor = trackedCursor(tableRows(1))
    const engine = await statementEngine({
      statementExecutor: {
        execute: () => Promise.resolve({ columns: [{ name: 'x', type: 'VARCHAR2' }], cursor } as never),
      },
    })
    const op = await runIn(engine, { statement: 'SELECT 1' })
    expect(engine.operations.status(op, alice)).toMatchObject({
      state: OperationState.ERROR,
      errorMessage: expect.stringContaining('columns[0] has the type "VARCHAR2", not a HiveType'),
    })
    await waitUntil(() => cursor.closes === 1)
  })

  it('cancel aborts the executor signal and gives CANCELED; a second cancel leaves it', async () => {
    const executor = waitingExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const op = await runIn(engine, { statement: 'SELECT sleep(1e9)', runAsync: true })
    const signal = await executor.started()
    const canceled = await engine.operations.cancel(op, alice)
    expect(canceled.state).toBe(OperationState.CANCELED)
    expect(canceled.completeTime).toBeDefined()
    expect(signal.aborted).toBe(true)
    expect((signal.reason as Error).name).toBe('AbortError')
    // The executor's rejection after the abort does not turn CANCELED into ERROR.
    await new Promise((resolve) => setImmediate(resolve))
    expect(engine.operations.status(op, alice)).toMatchObject({
      state: OperationState.CANCELED,
      errorMessage: undefined,
    })
    await expect(engine.operations.cancel(op, alice)).resolves.toMatchObject({
      state: OperationState.CANCELED,
      completeTime: canceled.completeTime,
    })
    await expectNoResult(engine, op, 'CANCELED')
  })

  it('a synchronous statement ends when its session is closed under it', async () => {
    const executor = waitingExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const session = await sessionOf(engine)
    const sync = engine.sessions.executeStatement(session, { statement: 'SELECT sleep(1e9)' }, alice)
    const signal = await executor.started()
    await engine.sessions.close(session, alice)
    expect(signal.aborted).toBe(true)
    const op = await sync
    expect(() => engine.operations.status(op, alice)).toThrow(
      expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
    )
  })

  it('cancel of a FINISHED operation leaves it FINISHED and fetchable', async () => {
    const engine = await statementEngine({ statementExecutor: rowsExecutor() })
    const op = await runIn(engine, { statement: 'SELECT 1' })
    await expect(engine.operations.cancel(op, alice)).resolves.toMatchObject({
      state: OperationState.FINISHED,
    })
    expect(
      (await engine.operations.fetch(op, FetchOrientation.FETCH_NEXT, 2, undefined, alice)).rows,
    ).toHaveLength(2)
  })

  it('queryTimeoutMs times a statement out: TIMEDOUT, the signal aborted, the synchronous call answered', async () => {
    const executor = waitingExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const session = await sessionOf(engine)
    const started = Date.now()
    const op = await engine.sessions.executeStatement(
      session,
      { statement: 'SELECT slow()', queryTimeoutMs: 50 },
      alice,
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(45)
    expect(engine.operations.status(op, alice)).toMatchObject({
      state: OperationState.TIMEDOUT,
      errorMessage: 'the statement ran longer than its query timeout of 50 ms',
    })
    expect(executor.signals[0]?.aborted).toBe(true)
    expect((executor.signals[0]?.reason as Error).name).toBe('TimeoutError')
    await expectNoResult(engine, op, 'TIMEDOUT')
  })

  it('a statement finishing within its timeout is FINISHED, and the timeout never fires later', async () => {
    const engine = await statementEngine({ statementExecutor: rowsExecutor() })
    const op = await runIn(engine, { statement: 'SELECT 1', queryTimeoutMs: 30 })
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(engine.operations.status(op, alice).state).toBe(OperationState.FINISHED)
  })

  it.each([
    [
      'cancelled',
      async (engine: Engine, op: string) => {
        await engine.operations.cancel(op, alice)
      },
    ],
    ['closed', (engine: Engine, op: string) => engine.operations.close(op, alice)],
    [
      'closed with its session',
      async (engine: Engine, op: string) => {
        await engine.sessions.close(engine.operations.status(op, alice).sessionHandle, alice)
      },
    ],
  ])('an executor resolving after its operation was %s has its cursor closed', async (_, end) => {
    const executor = manualExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const op = await runIn(engine, { statement: 'SELECT 1', runAsync: true })
    await end(engine, op)
    expect(executor.pending[0]?.signal.aborted).toBe(true)
    const late = trackedCursor(tableRows(2))
    executor.pending[0]?.resolve({ columns: COLUMNS, cursor: late })
    await waitUntil(() => late.closes === 1)
  })

  it('an executor resolving after its timeout has its cursor closed, and the operation stays TIMEDOUT', async () => {
    const executor = manualExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const op = await runIn(engine, { statement: 'SELECT 1', queryTimeoutMs: 20 })
    expect(engine.operations.status(op, alice).state).toBe(OperationState.TIMEDOUT)
    const late = trackedCursor(tableRows(2))
    executor.pending[0]?.resolve({ columns: COLUMNS, cursor: late })
    await waitUntil(() => late.closes === 1)
    expect(engine.operations.status(op, alice).state).toBe(OperationState.TIMEDOUT)
  })

  it('close aborts a running executor and forgets the operation', async () => {
    const executor = waitingExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const session = await sessionOf(engine)
    const op = await engine.sessions.executeStatement(
      session,
      { statement: 'SELECT 1', runAsync: true },
      alice,
    )
    await engine.operations.close(op, alice)
    expect(executor.signals[0]?.aborted).toBe(true)
    expect(() => engine.operations.status(op, alice)).toThrow(
      expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
    )
    await expect(engine.operations.close(op, alice)).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' })
    expect(engine.sessions.get(session, alice).operationCount).toBe(0)
  })

  it('closing an ended operation aborts its executor signal too, after the fetches under way are answered', async () => {
    // An executor may tie what a finished result holds (a connection, a process) to the signal, as
    // ExecuteContext.signal promises: a result closed before it was ever fetched must free it too.
    const clock = manualClock()
    const executor = rowsExecutor(tableRows(10))
    const engine = await statementEngine({ clock, statementExecutor: executor })
    const session = await sessionOf(engine)
    const run = (): Promise<string> =>
      engine.sessions.executeStatement(session, { statement: 'SELECT 1', runAsync: false }, alice)
    const signalOf = (index: number): AbortSignal | undefined => executor.calls[index]?.context.signal

    const closedByClient = await run()
    expect(engine.operations.status(closedByClient, alice).state).toBe(OperationState.FINISHED)
    const fetching = engine.operations.fetch(closedByClient, FetchOrientation.FETCH_NEXT, 3, undefined, alice)
    const closing = engine.operations.close(closedByClient, alice)
    expect((await fetching).rows).toEqual(tableRows(3))
    await closing
    expect(signalOf(0)?.aborted).toBe(true)
    expect((signalOf(0)?.reason as Error).name).toBe('AbortError')
    expect(executor.cursors[0]?.closes).toBe(1)

    await run()
    await engine.sessions.close(session, alice)
    expect(signalOf(1)?.aborted).toBe(true)

    const other = await sessionOf(engine)
    await engine.sessions.executeStatement(other, { statement: 'SELECT 1', runAsync: false }, alice)
    clock.advance(4 * 60 * 60 * 1000)
    expect((await engine.closeIdle()).operations).toBe(1)
    expect(signalOf(2)?.aborted).toBe(true)
  })

  it('executeStatement without a statementExecutor is INVALID_OPTIONS, and opens no operation', async () => {
    const engine = await statementEngine()
    const session = await sessionOf(engine)
    await expect(
      engine.sessions.executeStatement(session, { statement: 'SELECT 1' }, alice),
    ).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      message: expect.stringContaining('statementExecutor'),
    })
    expect(engine.sessions.get(session, alice).operationCount).toBe(0)
  })
})
