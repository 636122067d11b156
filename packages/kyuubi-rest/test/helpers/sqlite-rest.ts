import { afterEach, beforeEach } from 'vitest'
import type { EngineOptions } from '@batchgate/core'
import { sqliteFixture, type SqliteFixture } from '@batchgate/store-sqlite/testing'
import type { KyuubiRestOptions } from '@batchgate/kyuubi-rest'
import { startRestServer, type RestServer } from './rest-server.js'

/** A test's SQLite file and the REST server it started on it, made fresh for each test. */
export interface SqliteRest {
  /** The current test's file. */
  readonly fixture: SqliteFixture
  /** What the handler's `onError` was told during the current test. */
  readonly reported: unknown[]
  /** The server `serve` started in the current test. */
  readonly rest: RestServer
  /**
   * Starts an engine on the test's file (`engine` without a `store` uses a new store on it) and a server
   * with `options`, reporting to `reported` unless `options.onError` says otherwise. Closed after the test.
   */
  serve(engine: Partial<EngineOptions>, options: KyuubiRestOptions): Promise<RestServer>
}

/**
 * Registers `beforeEach`/`afterEach` hooks giving each test of the enclosing `describe` a new SQLite
 * file, and closing the server it serves and removing the file afterwards.
 *
 * @example
 * ```ts
 * const harness = useSqliteRest()
 * it('pongs', async () => {
 *   const { baseUrl } = await harness.serve({}, { authenticate: kyuubiNoneAuth() })
 * })
 * ```
 */
export function useSqliteRest(): SqliteRest {
  let fixture: SqliteFixture | undefined
  let rest: RestServer | undefined
  let reported: unknown[] = []
  beforeEach(() => {
    fixture = sqliteFixture()
    reported = []
  })
  afterEach(async () => {
    await rest?.close()
    rest = undefined
    await fixture?.dispose()
  })
  const current = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what} in this test yet`)
    return value
  }
  return {
    get fixture() {
      return current(fixture, 'fixture')
    },
    get reported() {
      return reported
    },
    get rest() {
      return current(rest, 'server (call serve first)')
    },
    async serve(engine, options) {
      await rest?.close()
      const store = engine.store ?? current(fixture, 'fixture').newStore()
      rest = await startRestServer(
        { retention: false, ...engine, store },
        { onError: (error) => reported.push(error), ...options },
      )
      return rest
    },
  }
}
