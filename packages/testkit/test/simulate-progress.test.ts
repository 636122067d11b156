import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { InterceptingStore, simulateRace, simulateRaceInProcesses } from '@batchgate/testkit'
import { createStoreFixture, sqliteFixture } from '@batchgate/store-sqlite/testing'

const CLI = fileURLToPath(new URL('../bin/batchgate-simulate.js', import.meta.url))
/** script(1), from util-linux, runs a command on a real pseudo-terminal. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0
if (!hasScript) console.warn('[batchgate] skipping the terminal progress test: script(1) is not installed')
const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function freshSqliteSpec(): string {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-simulate-progress-'))
  folders.push(folder)
  return `sqlite:${join(folder, 'race.db')}`
}

/** The percentages of the plain progress lines (`racing: 120/640 (18%)`) in a stderr text. */
function percentages(stderr: string): number[] {
  return [...stderr.matchAll(/racing: \d+\/\d+ \((\d+)%\)/g)].map((match) => Number(match[1]))
}

describe('race progress', () => {
  it('in process: answers are reported while most submissions have not even started', async () => {
    const fixture = sqliteFixture()
    try {
      let inserts = 0
      let insertsAtFirstAnswer: number | undefined
      const seen: { done: number; total: number }[] = []
      const report = await simulateRace({
        fixture: {
          newStore: () =>
            new InterceptingStore(fixture.newStore(), {
              beforeInsert: () => {
                inserts += 1
              },
            }),
          rawBatches: () => fixture.rawBatches(),
        },
        instances: 4,
        ids: 100,
        submitsPerId: 3,
        lookupBeforeInsert: false,
        onProgress: (progress) => {
          insertsAtFirstAnswer ??= inserts
          seen.push(progress)
        },
      })
      expect(report.ok).toBe(true)
      // Every submission inserts (no lookup): if they all started before the first one was answered,
      // progress could only jump from 0 to 100% at the very end.
      expect(insertsAtFirstAnswer).toBeLessThan(1200 / 2)
      expect(seen.map((progress) => progress.done)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1))
      expect(new Set(seen.map((progress) => progress.total))).toEqual(new Set([1200]))
    } finally {
      await fixture.dispose()
    }
  })

  it('across processes: the workers report answers as they come, not only when they end', async () => {
    const seen: { done: number; total: number }[] = []
    const report = await simulateRaceInProcesses({
      fixture: createStoreFixture(freshSqliteSpec()),
      processes: 2,
      instances: 2,
      ids: 300,
      submitsPerId: 2,
      onProgress: (progress) => seen.push(progress),
    })
    expect(report.ok).toBe(true)
    expect(seen.at(-1)).toEqual({ done: 1200, total: 1200 })
    // Two processes finishing would be two steps; the workers' progress lines make many more.
    expect(new Set(seen.map((progress) => progress.done)).size).toBeGreaterThan(4)
    const done = seen.map((progress) => progress.done)
    expect(done).toEqual([...done].sort((a, b) => a - b))
  })

  it(
    'the CLI prints plain progress lines on stderr when it is not a terminal, and --json stays one object',
    { timeout: 120_000 },
    () => {
      const result = spawnSync(
        process.execPath,
        [CLI, '--store', freshSqliteSpec(), '--processes', '2', '--instances', '2', '--ids', '300', '--json'],
        { encoding: 'utf8', timeout: 120_000 },
      )
      expect(result.status, result.stderr).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, submissions: 1800 })
      expect(result.stderr).not.toContain('\r')
      const shown = percentages(result.stderr)
      expect(shown.at(-1)).toBe(100)
      expect(shown.filter((percent) => percent > 0 && percent < 100).length).toBeGreaterThanOrEqual(3)
    },
  )

  it.skipIf(!hasScript)('the CLI redraws one line in place on a terminal', { timeout: 120_000 }, () => {
    // script(1) runs the command on a real pseudo-terminal and copies what it printed.
    const command = [process.execPath, CLI, '--store', freshSqliteSpec(), '--instances', '2', '--ids', '200']
    const result = spawnSync('script', ['-qfec', command.map((arg) => `'${arg}'`).join(' '), '/dev/null'], {
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(result.status, result.stdout).toBe(0)
    expect(result.stdout).toContain('OK: every id has exactly one row')
    const redraws = result.stdout.split('\r').filter((part) => /racing: \d+\/1200/.test(part))
    expect(redraws.length).toBeGreaterThan(2)
  })
})
