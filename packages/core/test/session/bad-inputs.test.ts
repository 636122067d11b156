import { describe, expect, it } from 'vitest'
import {
  FetchOrientation,
  type CoreOptions,
  type Engine,
  type RequestContext,
  type StatementRequest,
} from '@batchgate/core'
import { coreModule } from '@batchgate/core/di'
import { rowsExecutor } from './executors.js'
import { alice, statementEngine } from './statement-engine.js'

/** Values no host should pass, and must get a typed error for, never a TypeError. */
const throwingProxy = new Proxy(
  {},
  {
    get: () => {
      throw new Error('trap')
    },
    ownKeys: () => {
      throw new Error('trap')
    },
    getPrototypeOf: () => {
      throw new Error('trap')
    },
  },
)
const UNTRUSTED: readonly (readonly [string, unknown])[] = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a bigint', 10n],
  ['a symbol', Symbol('s')],
  ['an empty object', {}],
  ['an array', []],
  ['a throwing Proxy', throwingProxy],
  ['a function', () => 1],
]

async function engineWithOperation(): Promise<{
  engine: Engine
  session: string
  op: string
  calls: () => number
}> {
  const executor = rowsExecutor()
  const engine = await statementEngine({
    statementExecutor: executor,
    limits: { maxConfEntries: 3, maxRequestBytes: 200, maxStatementBytes: 20 },
  })
  const session = (await engine.sessions.open({}, alice)).handle
  const op = await engine.sessions.executeStatement(session, { statement: 'SELECT 1' }, alice)
  return { engine, session, op, calls: () => executor.calls.length }
}

/** The error a call gives, thrown or rejected. */
async function failureOf(call: () => unknown): Promise<{ code?: string; message: string; name: string }> {
  try {
    await call()
  } catch (error) {
    return error as { code?: string; message: string; name: string }
  }
  throw new Error('the call succeeded')
}

describe('sessions and operations refuse untrusted values with typed errors', () => {
  it.each<readonly [string, unknown]>([
    ...UNTRUSTED,
    ['an empty user', { user: '' }],
    ['a user with a space around it', { user: ' alice' }],
    ['a number user', { user: 5 }],
    ['a user of 256 characters', { user: 'x'.repeat(256) }],
  ])('a request context of %s is INVALID_REQUEST for every call', async (_, context) => {
    const { engine, session, op } = await engineWithOperation()
    const ctx = context as RequestContext
    const calls = [
      () => engine.sessions.open({}, ctx),
      () => engine.sessions.get(session, ctx),
      () => engine.sessions.list(ctx),
      () => engine.sessions.executeStatement(session, { statement: 'SELECT 1' }, ctx),
      () => engine.sessions.close(session, ctx),
      () => engine.operations.status(op, ctx),
      () => engine.operations.resultMetadata(op, ctx),
      () => engine.operations.fetch(op, FetchOrientation.FETCH_NEXT, 1, undefined, ctx),
      () => engine.operations.cancel(op, ctx),
      () => engine.operations.close(op, ctx),
    ]
    for (const call of calls) expect(await failureOf(call)).toMatchObject({ code: 'INVALID_REQUEST' })
    expect(engine.sessions.get(session, alice).operationCount).toBe(1)
  })

  it.each<readonly [string, unknown]>([
    ...UNTRUSTED,
    ['a short string', 'not-a-handle'],
    ['36 characters', 'f'.repeat(36)],
    ['100,000 characters', 'x'.repeat(100_000)],
  ])(
    'a handle of %s is SESSION_NOT_FOUND or OPERATION_NOT_FOUND, with a bounded message',
    async (_, handle) => {
      const { engine } = await engineWithOperation()
      const h = handle as string
      const sessionCalls = [
        () => engine.sessions.get(h, alice),
        () => engine.sessions.executeStatement(h, { statement: 'SELECT 1' }, alice),
        () => engine.sessions.close(h, alice),
      ]
      const operationCalls = [
        () => engine.operations.status(h, alice),
        () => engine.operations.resultMetadata(h, alice),
        () => engine.operations.fetch(h, FetchOrientation.FETCH_NEXT, 1, undefined, alice),
        () => engine.operations.cancel(h, alice),
        () => engine.operations.close(h, alice),
      ]
      for (const call of sessionCalls) {
        const error = await failureOf(call)
        expect(error).toMatchObject({ code: 'SESSION_NOT_FOUND' })
        expect(error.message.length).toBeLessThan(200)
      }
      for (const call of operationCalls) {
        const error = await failureOf(call)
        expect(error).toMatchObject({ code: 'OPERATION_NOT_FOUND' })
        expect(error.message.length).toBeLessThan(200)
      }
    },
  )

  it.each([
    ['a string', 'a=1', 'conf must be an object'],
    ['an array', ['a'], 'conf must be an object'],
    ['a number value', { a: 1 }, "conf['a'] must be a string, got 1"],
    ['a bigint value', { a: 1n }, "conf['a'] must be a string, got a bigint 1n"],
    ['a symbol value', { a: Symbol('v') }, "conf['a'] must be a string, got a symbol Symbol(v)"],
    ['too many entries', { a: '1', b: '2', c: '3', d: '4' }, 'conf has 4 entries, more than the limit of 3'],
    ['too many bytes', { a: 'x'.repeat(300) }, 'more than the limit of 200'],
    ['a lone surrogate', { a: '\ud800' }, 'lone UTF-16 surrogate'],
    ['a throwing Proxy', throwingProxy, 'conf could not be read'],
    [
      'an empty proxy user',
      { 'hive.server2.proxy.user': '' },
      "conf['hive.server2.proxy.user'] must be a non-empty string",
    ],
    [
      'two different proxy users',
      { 'hive.server2.proxy.user': 'alice', 'kyuubi.session.proxy.user': 'bob' },
      'two different proxy users',
    ],
  ])('open with conf holding %s is INVALID_REQUEST and opens nothing', async (_, conf, message) => {
    const engine = await statementEngine({
      admins: ['alice'],
      limits: { maxConfEntries: 3, maxRequestBytes: 200 },
    })
    await expect(engine.sessions.open(conf as Record<string, string>, alice)).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining(message),
    })
    expect(engine.sessions.list(alice)).toEqual([])
  })

  it.each([
    ['no object', 'SELECT 1', 'the statement request must be an object'],
    ['no statement', {}, 'statement must be a non-empty string, got undefined'],
    ['an empty statement', { statement: '' }, 'statement must be a non-empty string, got an empty string'],
    ['a blank statement', { statement: ' \n' }, 'got a blank string'],
    ['a number statement', { statement: 1 }, 'statement must be a non-empty string, got 1'],
    [
      'a statement over maxStatementBytes',
      { statement: `SELECT '${'é'.repeat(10)}'` },
      'statement holds 29 bytes, more than the limit of 20',
    ],
    ['runAsync "yes"', { statement: 'SELECT 1', runAsync: 'yes' }, 'runAsync must be a boolean, got "yes"'],
    [
      'a negative queryTimeoutMs',
      { statement: 'SELECT 1', queryTimeoutMs: -1 },
      'queryTimeoutMs must be an integer',
    ],
    ['a fractional queryTimeoutMs', { statement: 'SELECT 1', queryTimeoutMs: 1.5 }, 'got 1.5'],
    ['a bigint queryTimeoutMs', { statement: 'SELECT 1', queryTimeoutMs: 5n }, 'got a bigint 5n'],
    ['a NaN queryTimeoutMs', { statement: 'SELECT 1', queryTimeoutMs: NaN }, 'got NaN'],
    ['a queryTimeoutMs no timer holds', { statement: 'SELECT 1', queryTimeoutMs: 2 ** 31 }, 'got 2147483648'],
    ['a string queryTimeoutMs', { statement: 'SELECT 1', queryTimeoutMs: '5' }, 'got "5"'],
    [
      'a confOverlay number',
      { statement: 'SELECT 1', confOverlay: { a: 1 } },
      "confOverlay['a'] must be a string",
    ],
    [
      'a confOverlay too large',
      { statement: 'SELECT 1', confOverlay: { a: '1', b: '2', c: '3', d: '4' } },
      'confOverlay has 4 entries',
    ],
    [
      'a proxy user in confOverlay',
      { statement: 'SELECT 1', confOverlay: { 'kyuubi.session.proxy.user': 'root' } },
      'confOverlay may not set kyuubi.session.proxy.user',
    ],
    ['a throwing Proxy', throwingProxy, 'the statement request could not be read'],
  ])('executeStatement with %s is INVALID_REQUEST and runs nothing', async (_, request, message) => {
    const { engine, session, calls } = await engineWithOperation()
    await expect(
      engine.sessions.executeStatement(session, request as StatementRequest, alice),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining(message) })
    expect(calls()).toBe(1)
    expect(engine.sessions.get(session, alice).operationCount).toBe(1)
  })

  it('a statement exactly at maxStatementBytes runs', async () => {
    const { engine, session, calls } = await engineWithOperation()
    await engine.sessions.executeStatement(session, { statement: 'x'.repeat(20) }, alice)
    expect(calls()).toBe(2)
  })
})

describe('proxy users', () => {
  it("runs an admin's session as the proxy user it names; it stays the admin's", async () => {
    const executor = rowsExecutor()
    const engine = await statementEngine({ statementExecutor: executor, admins: ['root'] })
    const root = { user: 'root' }
    for (const key of ['kyuubi.session.proxy.user', 'hive.server2.proxy.user']) {
      const session = await engine.sessions.open({ [key]: 'bob' }, root)
      expect(session).toMatchObject({ user: 'bob', realUser: 'root' })
      const op = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, root)
      expect(executor.calls.at(-1)?.context.user).toBe('bob')
      expect(engine.operations.status(op, root).user).toBe('bob')
      // The session is root's: bob, who did not open it, gets nothing.
      expect(() => engine.sessions.get(session.handle, { user: 'bob' })).toThrow(
        expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
      )
      expect(() => engine.operations.status(op, { user: 'bob' })).toThrow(
        expect.objectContaining({ code: 'OPERATION_NOT_FOUND' }),
      )
    }
  })

  it('refuses a proxy user to anyone but an admin, and lets a user name herself', async () => {
    const engine = await statementEngine({ admins: ['root'] })
    await expect(engine.sessions.open({ 'hive.server2.proxy.user': 'bob' }, alice)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      message: 'user alice may not open a session as bob: only admins may name a proxy user',
    })
    expect(engine.sessions.list(alice)).toEqual([])
    await expect(
      engine.sessions.open({ 'kyuubi.session.proxy.user': 'alice' }, alice),
    ).resolves.toMatchObject({
      user: 'alice',
      realUser: 'alice',
    })
  })
})

describe('session options are checked', () => {
  it.each([
    [{ sessions: { maxPerUser: 0 } }, 'sessions.maxPerUser must be a positive integer'],
    [{ sessions: { idleTimeoutMs: -1 } }, 'sessions.idleTimeoutMs must be a positive integer'],
    [{ sessions: { maxOperationsPerSession: 1.5 } }, 'sessions.maxOperationsPerSession'],
    [{ sessions: 5 }, 'sessions must be an object when given, got 5'],
    [{ operations: { idleTimeoutMs: 0 } }, 'operations.idleTimeoutMs must be a positive integer'],
    [{ operations: { idleTimeoutMs: '10' } }, 'got "10"'],
    [{ limits: { maxStatementBytes: 0 } }, 'limits.maxStatementBytes'],
    [
      { statementExecutor: {} },
      'statementExecutor must be an object with an execute method, got an object {}',
    ],
    [{ statementExecutor: () => undefined }, 'statementExecutor must be an object with an execute method'],
  ])('%j is INVALID_OPTIONS', (options, message) => {
    expect(() => coreModule(options as CoreOptions)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining(message) }),
    )
  })
})
