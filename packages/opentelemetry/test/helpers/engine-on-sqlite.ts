import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { createEngine, type Engine, type EngineOptions } from '@batchgate/core'
import { sqliteStore, type SqliteStoreOptions } from '@batchgate/store-sqlite'

/** A real engine on a SQLite file of its own. */
export interface EngineOnSqlite {
  readonly engine: Engine
  /** The database file, for a second connection of the test's. */
  readonly filename: string
}

/**
 * A real engine on a new SQLite file in a new temporary folder; the engine is closed and the folder
 * removed when the test ends.
 *
 * @example
 * ```ts
 * const { engine } = await engineOnSqlite({ launchers: { SPARK: new RecordingLauncher() } })
 * ```
 */
export async function engineOnSqlite(
  options: Omit<EngineOptions, 'store'> = {},
  store: Omit<SqliteStoreOptions, 'filename'> = {},
): Promise<EngineOnSqlite> {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-otel-'))
  const filename = join(folder, 'batchgate.db')
  const engine = await createEngine({
    instanceId: 'gw-otel',
    retention: false,
    ...options,
    store: sqliteStore({ ...store, filename }),
  })
  onTestFinished(async () => {
    await engine.close()
    rmSync(folder, { recursive: true, force: true })
  })
  return { engine, filename }
}
