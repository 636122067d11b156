import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { onTestFinished } from 'vitest'
import { createEngine, type Clock, type CoreOptions, type Engine } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'

/** The users of these tests; `root` is the engine's admin. */
export const alice = { user: 'alice' }
export const bob = { user: 'bob' }
export const root = { user: 'root' }

/**
 * A real engine on a SQLite file in a fresh temporary folder, with `root` as admin, closed when the
 * test ends.
 */
export async function statementEngine(options: CoreOptions = {}): Promise<Engine> {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-sessions-'))
  const engine = await createEngine({
    store: sqliteStore({ filename: join(folder, 'batchgate.db') }),
    admins: ['root'],
    retention: false,
    ...options,
  })
  onTestFinished(() => engine.close())
  return engine
}

/** A clock the test moves by hand. */
export interface ManualClock extends Clock {
  advance(ms: number): void
}

export function manualClock(start = Date.parse('2026-12-01T00:00:00Z')): ManualClock {
  let now = start
  return {
    now: () => now,
    advance: (ms) => {
      now += ms
    },
  }
}
