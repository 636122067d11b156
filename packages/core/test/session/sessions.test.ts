import { describe, expect, it } from 'vitest'
import { FetchOrientation, OperationState } from '@batchgate/core'
import { rowsExecutor, tableRows, COLUMNS } from './executors.js'
import { alice, bob, root, statementEngine } from './statement-engine.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('engine.sessions', () => {
  it('opens a session for its user, on this instance, and reads it back', async () => {
    const engine = await statementEngine({ instanceId: 'gw-1' })
    const session = await engine.sessions.open({ 'spark.app.name': 'report' }, alice)
    expect(session).toMatchObject({
      user: 'alice',
      realUser: 'alice',
      conf: { 'spark.app.name': 'report' },
      instanceId: 'gw-1',
      operationCount: 0,
    })
    expect(session.handle).toMatch(UUID)
    expect(engine.sessions.get(session.handle, alice)).toMatchObject({
      handle: session.handle,
      user: 'alice',
    })
    // A handle in upper case is the same session.
    expect(engine.sessions.get(session.handle.toUpperCase(), alice).handle).toBe(session.handle)
    expect(engine.sessions.list(alice).map((s) => s.handle)).toEqual([session.handle])
    expect(engine.sessions.list(bob)).toEqual([])
  })

  it('runs a statement synchronously and serves its result through engine.operations', async () => {
    const executor = rowsExecutor(tableRows(10))
    const engine = await statementEngine({ statementExecutor: executor })
    const session = await engine.sessions.open({ a: '1', b: '2' }, alice)
    const handle = await engine.sessions.executeStatement(
      session.handle,
      { statement: 'SELECT * FROM t', confOverlay: { b: 'overlaid' } },
      alice,
    )
    expect(handle).toMatch(UUID)
    expect(engine.operations.status(handle, alice)).toMatchObject({
      handle,
      sessionHandle: session.handle,
      user: 'alice',
      statement: 'SELECT * FROM t',
      state: OperationState.FINISHED,
      hasResultSet: true,
      errorMessage: undefined,
    })
    expect(executor.calls).toHaveLength(1)
    expect(executor.calls[0]?.statement).toBe('SELECT * FROM t')
    expect(executor.calls[0]?.context.user).toBe('alice')
    expect(executor.calls[0]?.context.sessionConf).toEqual({ a: '1', b: 'overlaid' })
    // The overlay is the statement's only: the session keeps its conf.
    expect(engine.sessions.get(session.handle, alice).conf).toEqual({ a: '1', b: '2' })
    expect(engine.operations.resultMetadata(handle, alice)).toEqual(COLUMNS)
    const block = await engine.operations.fetch(handle, FetchOrientation.FETCH_NEXT, 4, undefined, alice)
    expect(block).toEqual({ startRowOffset: 0, rows: tableRows(4), hasMoreRows: true })
    expect(engine.sessions.get(session.handle, alice).operationCount).toBe(1)
    await engine.operations.close(handle, alice)
    expect(executor.cursors[0]?.closes).toBe(1)
    expect(() => engine.operations.status(handle, alice)).toThrow(
      expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
    )
    expect(engine.sessions.get(session.handle, alice).operationCount).toBe(0)
  })

  it('gives another user SESSION_NOT_FOUND and OPERATION_NOT_FOUND, admins too, worded as for a handle that never existed', async () => {
    const engine = await statementEngine({ statementExecutor: rowsExecutor() })
    const session = await engine.sessions.open({}, alice)
    const op = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    const neverSession = crypto.randomUUID()
    const neverOp = crypto.randomUUID()
    for (const other of [bob, root]) {
      const foreign = (() => {
        try {
          engine.sessions.get(session.handle, other)
        } catch (error) {
          return error as Error & { code: string }
        }
        return undefined
      })()
      expect(foreign?.code).toBe('SESSION_NOT_FOUND')
      expect(foreign?.message).not.toContain('alice')
      expect(() => engine.sessions.get(neverSession, other)).toThrow(
        expect.objectContaining({
          code: 'SESSION_NOT_FOUND',
          message: foreign?.message.replace(session.handle, neverSession),
        }),
      )
      await expect(
        engine.sessions.executeStatement(session.handle, { statement: 'SELECT 2' }, other),
      ).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' })
      await expect(engine.sessions.close(session.handle, other)).rejects.toMatchObject({
        code: 'SESSION_NOT_FOUND',
      })
      expect(() => engine.operations.status(op, other)).toThrow(
        expect.objectContaining({
          code: 'OPERATION_NOT_FOUND',
          message: expect.not.stringContaining('alice'),
        }),
      )
      expect(() => engine.operations.status(neverOp, other)).toThrow(
        expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
      )
      expect(() => engine.operations.resultMetadata(op, other)).toThrow(
        expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
      )
      await expect(
        engine.operations.fetch(op, FetchOrientation.FETCH_NEXT, 1, undefined, other),
      ).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' })
      await expect(engine.operations.cancel(op, other)).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' })
      await expect(engine.operations.close(op, other)).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' })
    }
    // Nothing the others tried changed alice's session or operation.
    expect(engine.operations.status(op, alice).state).toBe(OperationState.FINISHED)
    expect(engine.sessions.get(session.handle, alice).operationCount).toBe(1)
  })

  it("keeps a '__proto__' conf key as data, in the session's conf and the executor's", async () => {
    const executor = rowsExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const conf = JSON.parse('{"__proto__": "session", "a": "1"}') as Record<string, string>
    const session = await engine.sessions.open(conf, alice)
    expect(Object.getPrototypeOf(session.conf)).toBe(Object.prototype)
    expect(Object.hasOwn(session.conf, '__proto__')).toBe(true)
    const overlay = JSON.parse('{"__proto__": "statement"}') as Record<string, string>
    await engine.sessions.executeStatement(
      session.handle,
      { statement: 'SELECT 1', confOverlay: overlay },
      alice,
    )
    const sessionConf = executor.calls[0]?.context.sessionConf ?? {}
    expect(Object.getOwnPropertyDescriptor(sessionConf, '__proto__')?.value).toBe('statement')
    expect(sessionConf.a).toBe('1')
    expect(Object.getPrototypeOf(sessionConf)).toBe(Object.prototype)
  })

  it('closing a session closes its operations and their cursors', async () => {
    const executor = rowsExecutor()
    const engine = await statementEngine({ statementExecutor: executor })
    const session = await engine.sessions.open({}, alice)
    const first = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    const second = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 2' }, alice)
    await engine.sessions.close(session.handle, alice)
    expect(executor.cursors.map((cursor) => cursor.closes)).toEqual([1, 1])
    for (const op of [first, second]) {
      expect(() => engine.operations.status(op, alice)).toThrow(
        expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
      )
    }
    expect(() => engine.sessions.get(session.handle, alice)).toThrow(
      expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
    )
    await expect(engine.sessions.close(session.handle, alice)).rejects.toMatchObject({
      code: 'SESSION_NOT_FOUND',
    })
  })
})
