import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { createEngine, cursorFromArray, FetchOrientation, HiveType, OperationState } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'

/** The README's stand-in for a host's query engine: a table `t` of one INT column, slow enough to poll. */
const myQueryEngine = {
  async run(
    statement: string,
    { signal }: { user: string; conf: Record<string, string>; signal: AbortSignal },
  ) {
    await sleep(30, undefined, { signal })
    if (statement !== 'SELECT n FROM t') throw new Error(`unknown statement ${statement}`)
    return [[1], [2], [3]]
  },
}

describe("the core README's sessions example", () => {
  it('runs as written', async () => {
    const logged: unknown[][] = []
    const console = { log: (...values: unknown[]) => logged.push(values) }
    // --- the README's example, with the store on a temporary file ---
    const engine = await createEngine({
      store: sqliteStore({
        filename: join(mkdtempSync(join(tmpdir(), 'batchgate-readme-')), 'batchgate.db'),
      }),
      statementExecutor: {
        // `signal` aborts on cancel, close, queryTimeout and engine.close(): stop and reject then.
        async execute(statement, { user, sessionConf, signal }) {
          const rows = await myQueryEngine.run(statement, { user, conf: sessionConf, signal })
          return { columns: [{ name: 'n', type: HiveType.INT }], cursor: cursorFromArray(rows) }
        },
      },
      sessions: { idleTimeoutMs: 6 * 3_600_000, maxPerUser: 50, maxOperationsPerSession: 100 },
      operations: { idleTimeoutMs: 3 * 3_600_000 },
    })
    const alice = { user: 'alice' }
    const session = await engine.sessions.open({ 'spark.app.name': 'report' }, alice)
    const handle = await engine.sessions.executeStatement(
      session.handle,
      { statement: 'SELECT n FROM t', runAsync: true, queryTimeoutMs: 60_000 },
      alice,
    )
    // Poll until it ends (a synchronous call, runAsync false, resolves when it has ended).
    while (engine.operations.status(handle, alice).state === OperationState.RUNNING) await sleep(100)
    const { state } = engine.operations.status(handle, alice)
    if (state === OperationState.FINISHED) {
      expect(engine.operations.resultMetadata(handle, alice)).toEqual([{ name: 'n', type: 'INT' }])
      const block = await engine.operations.fetch(handle, FetchOrientation.FETCH_NEXT, 1000, undefined, alice)
      console.log(block.startRowOffset, block.rows, block.hasMoreRows)
    }
    await engine.sessions.close(session.handle, alice) // closes its operations and their cursors
    await engine.close()
    // --- end of the example ---
    expect(state).toBe(OperationState.FINISHED)
    expect(logged).toEqual([[0, [[1], [2], [3]], false]])
  })
})
