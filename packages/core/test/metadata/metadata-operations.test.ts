import { describe, expect, it } from 'vitest'
import { waitUntil } from '@batchgate/testkit'
import {
  FetchOrientation,
  OperationState,
  StatementError,
  type CatalogTable,
  type StatementCatalog,
} from '@batchgate/core'
import { alice, bob, manualClock, root, statementEngine } from '../session/statement-engine.js'
import { catalogExecutor, memoryCatalog } from './catalogs.js'
import { allRows, metadataOperation } from './metadata-engine.js'

const { FETCH_NEXT, FETCH_PRIOR, FETCH_FIRST, FETCH_LAST } = FetchOrientation
const HOUR = 60 * 60 * 1000

/** A catalog whose every call fails as `fail` says. */
function failingCatalog(fail: () => Promise<never>): StatementCatalog {
  return { schemas: fail, tables: fail, columns: fail, functions: fail }
}

describe('engine.sessions.executeMetadata: an operation like a statement', () => {
  it('serves FETCH_NEXT, FETCH_PRIOR, FETCH_FIRST and FETCH_LAST on a metadata result, with startRowOffset', async () => {
    const engine = await statementEngine()
    const handle = await metadataOperation(engine, { kind: 'GET_TYPE_INFO' })
    const all = await allRows(engine, handle)
    expect(all).toHaveLength(20)
    const steps: [FetchOrientation, number, number, number][] = [
      // orientation, maxRows, startRowOffset, rows
      [FETCH_FIRST, 6, 0, 6],
      [FETCH_NEXT, 6, 6, 6],
      [FETCH_NEXT, 6, 12, 6],
      [FETCH_PRIOR, 4, 8, 4],
      [FETCH_PRIOR, 10, 0, 10],
      [FETCH_NEXT, 15, 10, 10],
      [FETCH_LAST, 3, 17, 3],
      [FETCH_FIRST, 2, 0, 2],
    ]
    for (const [orientation, maxRows, start, count] of steps) {
      const block = await engine.operations.fetch(handle, orientation, maxRows, undefined, alice)
      expect(block, `${orientation} ${maxRows}`).toEqual({
        startRowOffset: start,
        rows: all.slice(start, start + count),
        hasMoreRows: start + count < all.length,
      })
    }
  })

  it("belongs to its session's user: anyone else, admins too, gets SESSION_NOT_FOUND or OPERATION_NOT_FOUND", async () => {
    const engine = await statementEngine({ statementExecutor: catalogExecutor(memoryCatalog()) })
    const session = await engine.sessions.open({}, alice)
    const handle = await engine.sessions.executeMetadata(session.handle, { kind: 'GET_TABLES' }, alice)
    for (const other of [bob, root]) {
      await expect(
        engine.sessions.executeMetadata(session.handle, { kind: 'GET_TABLES' }, other),
      ).rejects.toMatchObject({
        code: 'SESSION_NOT_FOUND',
      })
      expect(() => engine.operations.status(handle, other)).toThrow(
        expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
      )
      expect(() => engine.operations.resultMetadata(handle, other)).toThrow(
        expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
      )
      await expect(engine.operations.fetch(handle, FETCH_NEXT, 10, undefined, other)).rejects.toMatchObject({
        code: 'OPERATION_NOT_FOUND',
      })
      await expect(engine.operations.close(handle, other)).rejects.toMatchObject({
        code: 'OPERATION_NOT_FOUND',
      })
    }
    // Nothing of the others' calls changed it.
    expect(engine.operations.status(handle, alice).state).toBe(OperationState.FINISHED)
    expect((await allRows(engine, handle)).length).toBe(6)
    await expect(
      engine.sessions.executeMetadata(crypto.randomUUID(), { kind: 'GET_TYPE_INFO' }, alice),
    ).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' })
  })

  it('counts toward sessions.maxOperationsPerSession with the statements; closing one frees its place', async () => {
    const engine = await statementEngine({
      statementExecutor: catalogExecutor(memoryCatalog()),
      sessions: { maxOperationsPerSession: 2 },
    })
    const session = await engine.sessions.open({}, alice)
    await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    const first = await engine.sessions.executeMetadata(session.handle, { kind: 'GET_SCHEMAS' }, alice)
    await expect(
      engine.sessions.executeMetadata(session.handle, { kind: 'GET_TABLES' }, alice),
    ).rejects.toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
    })
    await expect(
      engine.sessions.executeStatement(session.handle, { statement: 'SELECT 2' }, alice),
    ).rejects.toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
    })
    expect(engine.sessions.get(session.handle, alice).operationCount).toBe(2)
    await engine.operations.close(first, alice)
    expect(() => engine.operations.status(first, alice)).toThrow(
      expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
    )
    const again = await engine.sessions.executeMetadata(session.handle, { kind: 'GET_TABLES' }, alice)
    expect(engine.operations.status(again, alice).state).toBe(OperationState.FINISHED)
  })

  it('ends in ERROR with the message (and SQLSTATE) of a catalog that rejects, and has no result then', async () => {
    const engine = await statementEngine({
      statementExecutor: catalogExecutor(
        failingCatalog(() =>
          Promise.reject(new StatementError('metastore unreachable', { sqlState: '08S01' })),
        ),
      ),
    })
    for (const request of [
      { kind: 'GET_CATALOGS' },
      { kind: 'GET_SCHEMAS' },
      { kind: 'GET_TABLES' },
      { kind: 'GET_COLUMNS' },
      { kind: 'GET_FUNCTIONS', functionNamePattern: '%' },
    ] as const) {
      const handle = await metadataOperation(engine, request)
      expect(engine.operations.status(handle, alice), request.kind).toMatchObject({
        state: OperationState.ERROR,
        errorMessage: 'metastore unreachable',
        sqlState: '08S01',
        hasResultSet: false,
      })
      expect(() => engine.operations.resultMetadata(handle, alice)).toThrow(
        expect.objectContaining({ code: 'INVALID_OPERATION_STATE' }),
      )
      await expect(engine.operations.fetch(handle, FETCH_NEXT, 1, undefined, alice)).rejects.toMatchObject({
        code: 'INVALID_OPERATION_STATE',
      })
    }
    // The kinds core answers alone still work.
    const typeInfo = await metadataOperation(engine, { kind: 'GET_TYPE_INFO' })
    expect(engine.operations.status(typeInfo, alice).state).toBe(OperationState.FINISHED)
  })

  it('ends in ERROR when the catalog throws synchronously, or columns() fails after tables() answered', async () => {
    const throwing: StatementCatalog = {
      ...memoryCatalog(),
      tables: () => {
        throw new Error('catalog file is locked')
      },
    }
    const engine = await statementEngine({ statementExecutor: catalogExecutor(throwing) })
    const handle = await metadataOperation(engine, { kind: 'GET_TABLES' })
    expect(engine.operations.status(handle, alice)).toMatchObject({
      state: OperationState.ERROR,
      errorMessage: 'catalog file is locked',
    })
    const columnsFail: StatementCatalog = {
      ...memoryCatalog(),
      columns: () => Promise.reject(new Error('no columns today')),
    }
    const other = await statementEngine({ statementExecutor: catalogExecutor(columnsFail) })
    const failed = await metadataOperation(other, { kind: 'GET_COLUMNS' })
    expect(other.operations.status(failed, alice)).toMatchObject({
      state: 'ERROR',
      errorMessage: 'no columns today',
    })
  })

  it.each([
    [
      'tables',
      { tables: () => Promise.resolve('t1') },
      'answered tables() unusably: it is "t1", not an array',
    ],
    [
      'tables',
      { tables: () => Promise.resolve([{ schema: 'main' }]) },
      '[0].name is undefined, not a string',
    ],
    ['tables', { tables: () => Promise.resolve([null]) }, '[0] is null, not an object'],
    [
      'columns',
      { columns: () => Promise.resolve([{ schema: 'main', table: 'orders', name: 'id', type: 'LONG' }]) },
      '[0].type is "LONG", not a HiveType',
    ],
    [
      'columns',
      {
        columns: () =>
          Promise.resolve([{ schema: 'main', table: 'orders', name: 'id', type: 'INT', position: 0 }]),
      },
      '[0].position is 0, not an integer of at least 1',
    ],
    [
      'columns',
      {
        columns: () =>
          Promise.resolve([{ schema: 'main', table: 'orders', name: 'id', type: 'INT', nullable: 'no' }]),
      },
      '[0].nullable is "no", not a boolean',
    ],
    [
      'tables',
      { tables: 'not a function' },
      'the statement executor\'s catalog has no tables method ("not a function")',
    ],
  ])(
    'ends in ERROR naming what is wrong when the catalog answers %s unusably',
    async (_, broken, message) => {
      const catalog = { ...memoryCatalog(), ...broken } as unknown as StatementCatalog
      const engine = await statementEngine({ statementExecutor: catalogExecutor(catalog) })
      const handle = await metadataOperation(engine, { kind: 'GET_COLUMNS' })
      const status = engine.operations.status(handle, alice)
      expect(status.state).toBe(OperationState.ERROR)
      expect(status.errorMessage).toContain(message)
    },
  )

  it("ends in ERROR when reading the executor's catalog throws, or it is not an object", async () => {
    const getter = {
      execute: () => Promise.reject(new Error('unused')),
      get catalog(): StatementCatalog {
        throw new Error('catalog getter broke')
      },
    }
    const engine = await statementEngine({ statementExecutor: getter })
    const handle = await metadataOperation(engine, { kind: 'GET_TABLES' })
    expect(engine.operations.status(handle, alice)).toMatchObject({
      state: 'ERROR',
      errorMessage: 'catalog getter broke',
    })
    const wrong = await statementEngine({
      statementExecutor: { ...catalogExecutor(undefined), catalog: 42 as unknown as StatementCatalog },
    })
    const failed = await metadataOperation(wrong, { kind: 'GET_SCHEMAS' })
    expect(wrong.operations.status(failed, alice).errorMessage).toBe(
      "the statement executor's catalog is 42, not an object",
    )
  })

  it('closing the session while the catalog works aborts its signal and answers the waiting call', async () => {
    const signals: AbortSignal[] = []
    const waiting: StatementCatalog = {
      ...memoryCatalog(),
      tables: (context) => {
        signals.push(context.signal)
        return new Promise<readonly CatalogTable[]>((_resolve, reject) => {
          context.signal.addEventListener('abort', () => {
            reject(context.signal.reason as Error)
          })
        })
      },
    }
    const engine = await statementEngine({ statementExecutor: catalogExecutor(waiting) })
    const session = await engine.sessions.open({}, alice)
    const call = engine.sessions.executeMetadata(session.handle, { kind: 'GET_TABLES' }, alice)
    await waitUntil(() => signals.length === 1)
    expect(engine.sessions.get(session.handle, alice).operationCount).toBe(1)
    await engine.sessions.close(session.handle, alice)
    expect(signals[0]?.aborted).toBe(true)
    const handle = await call
    expect(() => engine.operations.status(handle, alice)).toThrow(
      expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
    )
  })

  it('idles out like a statement: closed after operations.idleTimeoutMs without a call', async () => {
    const clock = manualClock()
    const engine = await statementEngine({ clock })
    const handle = await metadataOperation(engine, { kind: 'GET_TABLE_TYPES' })
    clock.advance(2 * HOUR)
    await engine.operations.fetch(handle, FETCH_NEXT, 1, undefined, alice)
    clock.advance(3 * HOUR - 1)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 0 })
    clock.advance(1)
    expect(await engine.closeIdle()).toEqual({ sessions: 0, operations: 1 })
    expect(() => engine.operations.status(handle, alice)).toThrow(
      expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
    )
  })

  it('is refused with CLOSED once the engine is closed', async () => {
    const engine = await statementEngine()
    const session = await engine.sessions.open({}, alice)
    await engine.close()
    await expect(
      engine.sessions.executeMetadata(session.handle, { kind: 'GET_TYPE_INFO' }, alice),
    ).rejects.toMatchObject({
      code: 'CLOSED',
    })
  })
})
