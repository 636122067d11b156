import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { lastOutcomeLine } from '../src/simulator/simulate-race-in-processes.js'

const CLI = fileURLToPath(new URL('../bin/batchgate-simulate.js', import.meta.url))
const fixture = (name: string): string =>
  pathToFileURL(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))).href
const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function freshSqliteSpec(): string {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-simulate-workers-'))
  folders.push(folder)
  return `sqlite:${join(folder, 'race.db')}`
}

/** Runs the real command (built by vitest's global setup) as a person would. */
function simulate(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('lastOutcomeLine', () => {
  it('takes the last line that parses as a JSON array, skipping what a target printed after it', () => {
    const outcomes = [{ answers: [], launchedIds: [] }]
    expect(
      lastOutcomeLine(['opening', JSON.stringify(outcomes), 'closed', '[not json', '{"an":"object"}', '']),
    ).toEqual(outcomes)
  })

  it('is undefined when no line is a JSON array', () => {
    expect(lastOutcomeLine([])).toBeUndefined()
    expect(lastOutcomeLine(['closed', '[oops', '42', '{"a":1}'])).toBeUndefined()
  })
})

describe('batchgate-simulate with child processes', () => {
  it(
    'exits 0 with a valid JSON report when the target prints to stdout on close',
    { timeout: 120_000 },
    () => {
      const { status, stdout, stderr } = simulate([
        '--store',
        freshSqliteSpec(),
        '--store-module',
        fixture('chatty-store-target.mjs'),
        '--processes',
        '2',
        '--instances',
        '4',
        '--ids',
        '10',
        '--json',
      ])
      expect(status, stderr).toBe(0)
      // The parent's own target also chats on close, before the report: the report is the last line.
      const lines = stdout.trim().split('\n')
      expect(lines.slice(0, -1).every((line) => line.startsWith('chatty '))).toBe(true)
      expect(JSON.parse(lines.at(-1) ?? '')).toMatchObject({
        ok: true,
        processes: 2,
        instances: 4,
        created: 10,
        errors: 0,
        rowsPerId: { '1': 10 },
        launchesPerId: { '1': 10 },
      })
    },
  )

  it(
    'fails the race at once when a worker fails after "ready", killing the workers still running',
    { timeout: 60_000 },
    () => {
      const started = performance.now()
      const { status, stdout } = simulate([
        '--store',
        freshSqliteSpec(),
        '--store-module',
        fixture('stuck-worker-target.mjs'),
        '--processes',
        '3',
        '--instances',
        '3',
        '--ids',
        '5',
        '--json',
      ])
      // Without the kill the parent waits for the hung workers (their 120 s timeout).
      expect(performance.now() - started).toBeLessThan(30_000)
      expect(status).toBe(2)
      const report = JSON.parse(stdout) as { ok: boolean; error: string }
      expect(report.ok).toBe(false)
      expect(report.error).toContain('worker fixture dispose failed on purpose')
    },
  )
})
