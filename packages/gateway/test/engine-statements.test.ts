// The SQLite executor under core's sessions and operations, in one engine: what a front (REST, Thrift)
// drives. Statements run in real processes from the built dist, against a real --data file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Engine, OperationState } from '@batchgate/core'
import { createEngine, FetchOrientation } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtGateway } from './helpers/built-gateway.js'
import { writeSampleData } from './helpers/sample-data.js'
import { childrenOf, eventually } from './helpers/processes.js'

const alice = { user: 'alice' }
const ENDLESS = 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c'

let dir: string
let engine: Engine

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-engine-'))
  const dataFile = writeSampleData(join(dir, 'data.db'), 50)
  engine = await createEngine({
    store: sqliteStore({ filename: join(dir, 'metastore.db') }),
    statementExecutor: builtGateway.sqliteStatementExecutor({ dataFile, statementTimeoutMs: 1500 }),
  })
})

afterAll(async () => {
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

async function waitForState(handle: string, states: readonly OperationState[]): Promise<OperationState> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const { state } = engine.operations.status(handle, alice)
    if (states.includes(state) || Date.now() > deadline) return state
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('the SQLite executor in engine.sessions', () => {
  it('runs a statement to FINISHED and serves its rows and metadata', async () => {
    const session = await engine.sessions.open({}, alice)
    const handle = await engine.sessions.executeStatement(
      session.handle,
      { statement: 'select id, paid from sales where id <= 4 order by id' },
      alice,
    )
    expect(engine.operations.status(handle, alice)).toMatchObject({ state: 'FINISHED', hasResultSet: true })
    expect(engine.operations.resultMetadata(handle, alice)).toEqual([
      { name: 'id', type: 'BIGINT' },
      { name: 'paid', type: 'BOOLEAN' },
    ])
    const rows = await engine.operations.fetch(handle, FetchOrientation.FETCH_NEXT, 10, undefined, alice)
    expect(rows).toEqual({
      startRowOffset: 0,
      rows: [
        [1, false],
        [2, false],
        [3, true],
        [4, false],
      ],
      hasMoreRows: false,
    })
    await engine.sessions.close(session.handle, alice)
  })

  it('ends a refused statement ERROR with its message and SQLSTATE', async () => {
    const session = await engine.sessions.open({}, alice)
    const handle = await engine.sessions.executeStatement(
      session.handle,
      { statement: 'delete from sales' },
      alice,
    )
    expect(engine.operations.status(handle, alice)).toMatchObject({
      state: 'ERROR',
      sqlState: '25006',
      errorMessage: expect.stringMatching(/would write/),
    })
    await engine.sessions.close(session.handle, alice)
  })

  it('ends a runaway statement at the executor time bound, ERROR with SQLSTATE HYT00', async () => {
    const session = await engine.sessions.open({}, alice)
    const handle = await engine.sessions.executeStatement(session.handle, { statement: ENDLESS }, alice)
    expect(engine.operations.status(handle, alice)).toMatchObject({ state: 'ERROR', sqlState: 'HYT00' })
    await engine.sessions.close(session.handle, alice)
  })

  it('cancels a running statement (its process is killed) and times one out by queryTimeoutMs', async () => {
    const session = await engine.sessions.open({}, alice)
    const running = await engine.sessions.executeStatement(
      session.handle,
      { statement: ENDLESS, runAsync: true },
      alice,
    )
    expect(await waitForState(running, ['RUNNING'])).toBe('RUNNING')
    expect(await eventually(() => childrenOf(process.pid, 'batchgate-statement').length === 1)).toBe(true)
    const cancelled = await engine.operations.cancel(running, alice)
    expect(cancelled.state).toBe('CANCELED')
    expect(await eventually(() => childrenOf(process.pid, 'batchgate-statement').length === 0)).toBe(true)
    const timedOut = await engine.sessions.executeStatement(
      session.handle,
      { statement: ENDLESS, queryTimeoutMs: 300 },
      alice,
    )
    expect(await waitForState(timedOut, ['TIMEDOUT'])).toBe('TIMEDOUT')
    // The session still runs statements.
    const after = await engine.sessions.executeStatement(session.handle, { statement: 'select 1' }, alice)
    expect(engine.operations.status(after, alice).state).toBe('FINISHED')
    await engine.sessions.close(session.handle, alice)
  })
})
