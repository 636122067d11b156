import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import {
  createEngine,
  cursorFromArray,
  HiveType,
  type CoreOptions,
  type Engine,
  type ResultRow,
  type StatementExecutor,
} from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'

/** A real engine on a fresh SQLite file, closed when the test ends (closing twice is fine). */
export async function sqliteEngine(options: CoreOptions): Promise<Engine> {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-diagnostics-'))
  const engine = await createEngine({
    store: sqliteStore({ filename: join(folder, 'batchgate.db') }),
    retention: false,
    ...options,
  })
  onTestFinished(() => engine.close())
  return engine
}

/**
 * The host's plug-in point, as small as it gets: `SELECT n` answers n rows `[i]`; `WAIT` runs until its
 * signal aborts, then rejects with the signal's reason.
 */
export const numbersExecutor: StatementExecutor = {
  execute(statement, { signal }) {
    if (statement === 'WAIT') {
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          reject(signal.reason as Error)
        })
      })
    }
    const count = Number(/^SELECT (\d+)$/.exec(statement)?.[1] ?? 0)
    const rows: ResultRow[] = Array.from({ length: count }, (_, i) => [i])
    return Promise.resolve({ columns: [{ name: 'n', type: HiveType.INT }], cursor: cursorFromArray(rows) })
  },
}
