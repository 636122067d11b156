import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createScratchDatabase,
  dropScratchDatabase,
  findMysqlTestServer,
} from '@batchgate/store-mysql/testing'

const CLI = fileURLToPath(new URL('../bin/batchgate-simulate.js', import.meta.url))
const BROKEN_TARGET = pathToFileURL(
  fileURLToPath(new URL('./fixtures/broken-store-target.mjs', import.meta.url)),
).href
const folders: string[] = []
const mysql = await findMysqlTestServer()
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function freshSqliteSpec(): string {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-simulate-'))
  folders.push(folder)
  return `sqlite:${join(folder, 'race.db')}`
}

/** Runs the real command (built by vitest's global setup) as a person would. */
function simulate(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('batchgate-simulate', () => {
  it('passes with 8 processes on SQLite and prints one JSON object', { timeout: 120_000 }, () => {
    const store = freshSqliteSpec()
    const { status, stdout } = simulate([
      '--store',
      store,
      '--processes',
      '8',
      '--instances',
      '8',
      '--ids',
      '40',
      '--submits-per-id',
      '2',
      '--json',
    ])
    expect(status).toBe(0)
    const report = JSON.parse(stdout) as Record<string, unknown>
    expect(report).toMatchObject({
      ok: true,
      target: store,
      processes: 8,
      instances: 8,
      submissions: 640,
      created: 40,
      duplicated: 600,
      errors: 0,
      rowsPerId: { '1': 40 },
      launchesPerId: { '1': 40 },
      violations: [],
    })
  })

  it.skipIf(!mysql.available)('passes with 8 processes on MySQL/MariaDB', { timeout: 120_000 }, async () => {
    const uri = await createScratchDatabase(mysql.uri)
    try {
      const { status, stdout } = simulate([
        '--store',
        uri,
        '--processes',
        '8',
        '--instances',
        '8',
        '--ids',
        '40',
        '--json',
      ])
      expect(status).toBe(0)
      expect(JSON.parse(stdout)).toMatchObject({
        ok: true,
        processes: 8,
        submissions: 960,
        created: 40,
        rowsPerId: { '1': 40 },
        launchesPerId: { '1': 40 },
      })
    } finally {
      await dropScratchDatabase(uri)
    }
  })

  it('prints a readable report and exits 0 in this process', { timeout: 60_000 }, () => {
    const { status, stdout } = simulate(['--store', freshSqliteSpec(), '--instances', '3', '--ids', '5'])
    expect(status).toBe(0)
    expect(stdout).toContain('answers: 5 created, 40 duplicated, 0 errors')
    expect(stdout).toContain('OK: every id has exactly one row and one launch')
  })

  it(
    'fails with exit 1 and names the broken invariant on a store that swallows duplicates',
    { timeout: 120_000 },
    () => {
      const args = [
        '--store',
        freshSqliteSpec(),
        '--store-module',
        BROKEN_TARGET,
        '--lookup-before-insert',
        'false',
      ]
      const inProcess = simulate([...args, '--instances', '4', '--ids', '10', '--json'])
      expect(inProcess.status).toBe(1)
      const report = JSON.parse(inProcess.stdout) as { ok: boolean; violations: string[] }
      expect(report.ok).toBe(false)
      expect(report.violations.join('\n')).toContain('exactly one created answer per id')

      const inProcesses = simulate([...args, '--processes', '4', '--instances', '4', '--ids', '10'])
      expect(inProcesses.status).toBe(1)
      expect(inProcesses.stdout).toContain('FAILED')
      expect(inProcesses.stdout).toContain('exactly one created answer per id')
    },
  )

  it('exits 2 with the usage on a bad command line', () => {
    for (const args of [
      [],
      ['--store', 'redis://x'],
      ['--store', 'sqlite:x.db', '--instances', '0'],
      ['--store', 'sqlite:x.db', '--lookup-before-insert', 'sometimes'],
      ['--bogus'],
    ]) {
      const { status, stderr } = simulate(args)
      expect(status, args.join(' ')).toBe(2)
      expect(stderr).toContain('usage: batchgate-simulate')
    }
  })
})
