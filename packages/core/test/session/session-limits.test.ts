import { describe, expect, it } from 'vitest'
import { rowsExecutor } from './executors.js'
import { alice, bob, root, statementEngine } from './statement-engine.js'

describe('session and operation limits', () => {
  it('refuses a user more than sessions.maxPerUser open sessions, counting those an admin opens as proxy for the admin', async () => {
    const engine = await statementEngine({ sessions: { maxPerUser: 2 } })
    const first = await engine.sessions.open({}, alice)
    await engine.sessions.open({}, alice)
    await expect(engine.sessions.open({}, alice)).rejects.toMatchObject({
      code: 'SESSION_LIMIT_EXCEEDED',
      message: 'user alice already has 2 open sessions, the most this instance allows: close one first',
    })
    // Another user's sessions are counted apart.
    await expect(engine.sessions.open({}, bob)).resolves.toMatchObject({ user: 'bob' })
    await engine.sessions.close(first.handle, alice)
    await expect(engine.sessions.open({}, alice)).resolves.toMatchObject({ user: 'alice' })
    // An admin's proxy sessions are the admin's: they do not use up alice's.
    await engine.sessions.open({ 'kyuubi.session.proxy.user': 'alice' }, root)
    await engine.sessions.open({ 'kyuubi.session.proxy.user': 'alice' }, root)
    await expect(engine.sessions.open({ 'kyuubi.session.proxy.user': 'alice' }, root)).rejects.toMatchObject({
      code: 'SESSION_LIMIT_EXCEEDED',
    })
    expect(engine.sessions.list(alice)).toHaveLength(2)
  })

  it('refuses more than sessions.maxOperationsPerSession open operations in a session; closing one frees its place', async () => {
    const executor = rowsExecutor()
    const engine = await statementEngine({
      statementExecutor: executor,
      sessions: { maxOperationsPerSession: 2 },
    })
    const session = await engine.sessions.open({}, alice)
    const other = await engine.sessions.open({}, alice)
    const first = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 1' }, alice)
    await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 2' }, alice)
    await expect(
      engine.sessions.executeStatement(session.handle, { statement: 'SELECT 3' }, alice),
    ).rejects.toMatchObject({
      code: 'OPERATION_LIMIT_EXCEEDED',
      message: `session ${session.handle} already has 2 open operations, the most this instance allows: close one first`,
    })
    expect(executor.calls).toHaveLength(2)
    await expect(
      engine.sessions.executeStatement(other.handle, { statement: 'SELECT 3' }, alice),
    ).resolves.toBeTypeOf('string')
    await engine.operations.close(first, alice)
    await expect(
      engine.sessions.executeStatement(session.handle, { statement: 'SELECT 4' }, alice),
    ).resolves.toBeTypeOf('string')
  })

  it('holds under concurrent calls: of 6 opens and 6 statements at once, exactly the limits succeed', async () => {
    const engine = await statementEngine({
      statementExecutor: rowsExecutor(),
      sessions: { maxPerUser: 2, maxOperationsPerSession: 3 },
    })
    const opened = await Promise.allSettled(Array.from({ length: 6 }, () => engine.sessions.open({}, alice)))
    expect(opened.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(2)
    expect(
      opened
        .filter((outcome) => outcome.status === 'rejected')
        .map((outcome) => (outcome.reason as { code: string }).code),
    ).toEqual(Array(4).fill('SESSION_LIMIT_EXCEEDED'))
    const [session] = engine.sessions.list(alice)
    const ran = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        engine.sessions.executeStatement(
          session?.handle ?? '',
          { statement: `SELECT ${i}`, runAsync: i % 2 === 0 },
          alice,
        ),
      ),
    )
    expect(ran.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3)
    expect(engine.sessions.get(session?.handle ?? '', alice).operationCount).toBe(3)
  })
})
