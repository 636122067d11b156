// The store's testing entry (`tiny-batchgate-store/testing`): its testkit fixture, built only on public
// packages. `batchgate-simulate --store-module tiny-batchgate-store/testing --store tiny:<file>` uses it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sqlReadBack } from '@batchgate/sql-store/testing'
import type { StoreFixture } from '@batchgate/testkit'
import Database from 'better-sqlite3'
import { tinyStore } from './index.js'

/** Which specs this store opens: `tiny:<file>`. */
export const handles = (spec: string): boolean => spec.startsWith('tiny:')

/** The fixture on an existing `tiny:<file>` (for `batchgate-simulate` and race workers): never deletes it. */
export function createStoreFixture(spec: string): StoreFixture {
  return fixtureOn(spec.slice('tiny:'.length), () => undefined)
}

/** A fixture on a new file in a new temporary folder, which `dispose()` removes: one per test. */
export function tinyFixture(): StoreFixture {
  const folder = mkdtempSync(join(tmpdir(), 'tiny-store-'))
  return fixtureOn(join(folder, 'jobs.db'), () => {
    rmSync(folder, { recursive: true })
  })
}

/** Stores on `file`; the raw read-back is the SQL kit's, through a connection of the test's own. */
function fixtureOn(file: string, release: () => void): StoreFixture {
  const raw = new Database(file)
  // better-sqlite3 has no code of its own for a missing table (SQLITE_ERROR): its message it is.
  const noTableYet = (error: unknown): boolean => String(error).includes('no such table')
  return {
    newStore: () => tinyStore(file),
    ...sqlReadBack((sql, params) => raw.prepare(sql).all(...params), noTableYet),
    reopen: { module: 'tiny-batchgate-store/testing', spec: `tiny:${file}` },
    dispose: () => Promise.resolve(raw.close()).then(release),
  }
}
