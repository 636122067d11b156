// The store's testing entry (`tiny-batchgate-store/testing`): its testkit fixture, built only on public
// packages. `batchgate-simulate --store-module tiny-batchgate-store/testing --store tiny:<file>` uses it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CORRUPTIBLE_COLUMNS, sqlReadBack, type CorruptibleColumn } from '@batchgate/sql-store/testing'
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
  // better-sqlite3 reports a missing table as plain SQLITE_ERROR: ask the catalogue instead.
  const noTableYet = (): boolean =>
    raw.prepare("select 1 from sqlite_master where type = 'table' and name = 'batchgate_batch'").get() ===
    undefined
  return {
    newStore: () => tinyStore(file),
    ...sqlReadBack((sql, params) => raw.prepare(sql).all(...params), noTableYet),
    rawCorruptBatch: (id: string, column: CorruptibleColumn, text: string) => {
      // The schema's CHECK on state would refuse an unknown state, which is the point here.
      raw.pragma('ignore_check_constraints = ON')
      try {
        const sql = `update batchgate_batch set ${CORRUPTIBLE_COLUMNS[column]} = ? where id = ?`
        if (raw.prepare(sql).run(text, id).changes !== 1) throw new Error(`no batch row ${id}`)
      } finally {
        raw.pragma('ignore_check_constraints = OFF')
      }
      return Promise.resolve()
    },
    reopen: { module: 'tiny-batchgate-store/testing', spec: `tiny:${file}` },
    dispose: () => Promise.resolve(raw.close()).then(release),
  }
}
