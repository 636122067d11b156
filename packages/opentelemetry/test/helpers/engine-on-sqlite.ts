import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { createEngine, type Engine, type EngineOptions, type Logger } from '@batchgate/core'
import { sqliteStore, type SqliteStoreOptions } from '@batchgate/store-sqlite'

/** A real engine on a SQLite file of its own. */
export interface EngineOnSqlite {
  readonly engine: Engine
  /** The database file, for a second connection of the test's. */
  readonly filename: string
  /** The messages the engine logged (kept here rather than written to the test's output). */
  readonly logged: string[]
}

/** A logger keeping each line's level and message. */
function keptLogger(lines: string[]): Logger {
  const keep =
    (level: string) =>
    (_fields: object, message?: string): void => {
      lines.push(`${level} ${message ?? ''}`)
    }
  const logger: Logger = {
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    child: () => logger,
  }
  return logger
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
  const logged: string[] = []
  const engine = await createEngine({
    instanceId: 'gw-otel',
    retention: false,
    logger: keptLogger(logged),
    ...options,
    store: sqliteStore({ ...store, filename }),
  })
  onTestFinished(async () => {
    await engine.close()
    rmSync(folder, { recursive: true, force: true })
  })
  return { engine, filename, logged }
}
