import { describe, expect, it } from 'vitest'
import type { Clock } from '@batchgate/core'
import {
  CHANNEL_NAMES,
  type OperationEventMessage,
  type SessionEventMessage,
} from '@batchgate/core/diagnostics'
import { waitUntil } from '@batchgate/testkit'
import { recordChannel } from './channel-recorder.js'
import { numbersExecutor, sqliteEngine } from './statement-helpers.js'

const alice = { user: 'alice' }

/** What the test checks of each message, in publishing order. */
function brief(message: SessionEventMessage | OperationEventMessage): string {
  if ('operationId' in message) {
    return `operation ${message.event} ${message.kind}${message.state === undefined ? '' : ` ${message.state}`}`
  }
  return `session ${message.event}${message.reason === undefined ? '' : ` ${message.reason}`}`
}

/** Both channels' messages in one list, in the order they were published. */
function recordBoth(): (SessionEventMessage | OperationEventMessage)[] {
  const all: (SessionEventMessage | OperationEventMessage)[] = []
  recordChannel(CHANNEL_NAMES.session, all)
  recordChannel(CHANNEL_NAMES.operation, all)
  return all
}

describe('batchgate:session and batchgate:operation', () => {
  it("publish a session's opening and a client's close, its statement and metadata operations' start, end and close", async () => {
    const events = recordBoth()
    const engine = await sqliteEngine({ instanceId: 'gw-events', statementExecutor: numbersExecutor })
    const session = await engine.sessions.open({ secret: 'not published' }, alice)
    const statement = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 2' }, alice)
    await engine.sessions.executeMetadata(session.handle, { kind: 'GET_CATALOGS' }, alice)
    await engine.operations.close(statement, alice)
    await engine.sessions.close(session.handle, alice)
    expect(events.map(brief)).toEqual([
      'session opened',
      'operation started statement',
      'operation ended statement FINISHED',
      'operation started metadata',
      'operation ended metadata FINISHED',
      'operation closed statement',
      // The session's close closes its last operation first.
      'operation closed metadata',
      'session closed client',
    ])
    expect(events[0]).toEqual({
      event: 'opened',
      instanceId: 'gw-events',
      sessionId: session.handle,
      user: 'alice',
    })
    expect(events[1]).toEqual({
      event: 'started',
      instanceId: 'gw-events',
      operationId: statement,
      sessionId: session.handle,
      user: 'alice',
      kind: 'statement',
    })
    expect(events[2]).toMatchObject({ event: 'ended', operationId: statement, state: 'FINISHED' })
  })

  it("publish a failed statement's end as ERROR, and the engine's close of a running one", async () => {
    const events = recordBoth()
    const engine = await sqliteEngine({ instanceId: 'gw-events-close', statementExecutor: numbersExecutor })
    const session = await engine.sessions.open({}, alice)
    const failing = await engine.sessions.executeStatement(
      session.handle,
      { statement: 'WAIT', queryTimeoutMs: 1 },
      alice,
    )
    await waitUntil(() => engine.operations.status(failing, alice).state !== 'RUNNING')
    const running = await engine.sessions.executeStatement(
      session.handle,
      { statement: 'WAIT', runAsync: true },
      alice,
    )
    await engine.close()
    expect(events.map(brief)).toEqual([
      'session opened',
      'operation started statement',
      'operation ended statement TIMEDOUT',
      'operation started statement',
      'operation ended statement CLOSED',
      'operation closed statement',
      'operation closed statement',
      'session closed engine',
    ])
    expect(
      events
        .filter((event) => event.event === 'closed')
        .map((event) => 'operationId' in event && event.operationId),
    ).toEqual([failing, running, false])
  })

  it("publish an idle session's close with reason idle", async () => {
    const events = recordChannel<SessionEventMessage>(CHANNEL_NAMES.session)
    let now = Date.parse('2026-12-02T00:00:00Z')
    const clock: Clock = { now: () => now }
    const engine = await sqliteEngine({
      instanceId: 'gw-events-idle',
      clock,
      sessions: { idleTimeoutMs: 60_000 },
    })
    const session = await engine.sessions.open({}, alice)
    now += 61_000
    expect(await engine.closeIdle()).toEqual({ sessions: 1, operations: 0 })
    expect(events).toEqual([
      { event: 'opened', instanceId: 'gw-events-idle', sessionId: session.handle, user: 'alice' },
      {
        event: 'closed',
        instanceId: 'gw-events-idle',
        sessionId: session.handle,
        user: 'alice',
        reason: 'idle',
      },
    ])
  })
})
