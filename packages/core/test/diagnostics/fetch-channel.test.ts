import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { FetchOrientation, type FetchOrientation as Orientation } from '@batchgate/core'
import { CHANNEL_NAMES, type FetchMessage } from '@batchgate/core/diagnostics'
import { recordTracing } from './channel-recorder.js'
import { numbersExecutor, sqliteEngine } from './statement-helpers.js'

const alice = { user: 'alice' }

describe('batchgate:fetch', () => {
  it("traces each fetch with the answered block's rows and startRowOffset (FETCH_NEXT, then FETCH_PRIOR)", async () => {
    const events = recordTracing<FetchMessage>(CHANNEL_NAMES.fetch)
    const engine = await sqliteEngine({ instanceId: 'gw-fetch', statementExecutor: numbersExecutor })
    const session = await engine.sessions.open({}, alice)
    const handle = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 10' }, alice)
    const first = await engine.operations.fetch(handle, FetchOrientation.FETCH_NEXT, 4, undefined, alice)
    const second = await engine.operations.fetch(handle, FetchOrientation.FETCH_NEXT, 4, undefined, alice)
    const back = await engine.operations.fetch(handle, FetchOrientation.FETCH_PRIOR, 3, undefined, alice)
    expect([first, second, back].map((block) => [block.startRowOffset, block.rows.length])).toEqual([
      [0, 4],
      [4, 4],
      [1, 3],
    ])
    expect(events.filter((event) => event.kind === 'start').map((event) => event.message)).toEqual([
      fetchStart(handle, FetchOrientation.FETCH_NEXT, 4),
      fetchStart(handle, FetchOrientation.FETCH_NEXT, 4),
      fetchStart(handle, FetchOrientation.FETCH_PRIOR, 3),
    ])
    const ends = events.filter((event) => event.kind === 'asyncEnd').map((event) => event.message)
    expect(ends.map((end) => [end.orientation, end.startRowOffset, end.rows, end.errorCode])).toEqual([
      ['FETCH_NEXT', 0, 4, undefined],
      ['FETCH_NEXT', 4, 4, undefined],
      ['FETCH_PRIOR', 1, 3, undefined],
    ])
    expect(ends.every((end) => end.result !== undefined)).toBe(true)
    expect(events.some((event) => event.kind === 'error')).toBe(false)
  })

  it('traces a failed fetch with its error code, a bad orientation as UNKNOWN', async () => {
    const events = recordTracing<FetchMessage>(CHANNEL_NAMES.fetch)
    const engine = await sqliteEngine({ instanceId: 'gw-fetch-fails', statementExecutor: numbersExecutor })
    const session = await engine.sessions.open({}, alice)
    const handle = await engine.sessions.executeStatement(session.handle, { statement: 'SELECT 3' }, alice)
    const unknown = randomUUID()
    await expect(
      engine.operations.fetch(unknown, FetchOrientation.FETCH_NEXT, 2, undefined, alice),
    ).rejects.toMatchObject({ code: 'OPERATION_NOT_FOUND' })
    const bad = engine.operations.fetch(handle, 'SIDEWAYS' as Orientation, 2, undefined, alice)
    const rejected = await bad.then(
      () => undefined,
      (error: unknown) => error as { code: string },
    )
    expect(rejected?.code).toMatch(/FETCH/)
    const errors = events.filter((event) => event.kind === 'error').map((event) => event.message)
    expect(errors).toEqual([
      expect.objectContaining({ operationId: unknown, errorCode: 'OPERATION_NOT_FOUND', rows: undefined }),
      expect.objectContaining({ operationId: handle, orientation: 'UNKNOWN', errorCode: rejected?.code }),
    ])
  })
})

function fetchStart(operationId: string, orientation: string, maxRows: number): FetchMessage {
  return {
    instanceId: expect.any(String) as string,
    operationId,
    orientation,
    maxRows,
    rows: undefined,
    startRowOffset: undefined,
    errorCode: undefined,
  }
}
