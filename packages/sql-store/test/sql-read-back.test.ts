import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sqlReadBack, type RunSql } from '@batchgate/sql-store/testing'
import { sampleRecord } from '@batchgate/testkit'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { DefaultsOnlyStore } from './helpers/defaults-only-store.js'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function freshFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-sql-read-back-'))
  folders.push(folder)
  return join(folder, 'batchgate.db')
}

/** "Run this SQL and give me rows" on a better-sqlite3 connection of the test's own. */
function runOn(filename: string): RunSql {
  return (sql, params) => {
    const database = new Database(filename)
    try {
      return database.prepare(sql).all(...params)
    } finally {
      database.close()
    }
  }
}

const noSuchTable = (error: unknown): boolean => String(error).includes('no such table')

describe('sqlReadBack', () => {
  it('reads back what a store wrote, through its own connection, and deletes a row', async () => {
    const filename = freshFile()
    const store = new DefaultsOnlyStore(filename)
    await store.open()
    const [first, second] = [sampleRecord({ createTime: 1 }), sampleRecord({ createTime: 2 })]
    await store.insertBatch(first)
    await store.insertBatch(second)
    await store.close()
    const readBack = sqlReadBack(runOn(filename), noSuchTable)
    expect(await readBack.rawBatches()).toEqual([first, second])
    await readBack.rawDeleteBatch(first.id)
    expect(await readBack.rawBatches()).toEqual([second])
  })

  it('a database no store opened has no batches only where isMissingTable says so; other failures throw', async () => {
    const filename = freshFile()
    expect(await sqlReadBack(runOn(filename), noSuchTable).rawBatches()).toEqual([])
    await expect(sqlReadBack(runOn(filename)).rawBatches()).rejects.toThrow(/no such table/)
  })
})
